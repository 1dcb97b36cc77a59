import * as path from 'path';
import { deploymentOptions } from '../../bin/config';
import { commandHelp, parseCommandArgs, CommandSpec } from '../../bin/options';
import { CHECK_SPEC } from '../../bin/commands/check';
import { run } from '../helpers/cli';

const CONDITIONS = path.join(__dirname, '..', 'fixtures', 'check', 'conditions.yaml');

/** `check` of the conditions fixture: the SQS findings as `rule resource [scenario]`. */
function sqsFindings(...args: string[]): string[] {
  const r = run(['check', CONDITIONS, '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).findings
    .filter((f: any) => f.ruleId.startsWith('FTG-SQS-'))
    .map((f: any) => `${f.ruleId} ${f.resource}${f.scenario?.length ? ` [${f.scenario.map((s: any) => `${s.condition}=${s.value}`).join(',')}]` : ''}`)
    .sort();
}

describe('deployment options decide the template conditions', () => {
  test('unknown deployment: both truth values, findings name their scenario', () => {
    expect(sqsFindings()).toEqual([
      'FTG-SQS-1 Queue [IsProd=false]',
      'FTG-SQS-1 TokyoQueue [InTokyo=true]',
      'FTG-SQS-2 Queue',
      'FTG-SQS-2 TokyoQueue [InTokyo=true]',
    ]);
  });

  test('--parameter Env=prod: the dev-only finding is gone', () => {
    expect(sqsFindings('--parameter', 'Env=prod')).not.toContain('FTG-SQS-1 Queue [IsProd=false]');
    expect(sqsFindings('--parameter', 'Env=prod')).toContain('FTG-SQS-2 Queue');
  });

  test('--region outside Tokyo: the Tokyo-only queue does not exist', () => {
    expect(sqsFindings('--region', 'us-east-1').filter((f) => f.includes('TokyoQueue'))).toEqual([]);
  });

  test('--region ap-northeast-1 (repeatable, with another): the Tokyo queue is judged', () => {
    expect(sqsFindings('--region', 'ap-northeast-1', '--parameter', 'Env=prod')).toContain('FTG-SQS-1 TokyoQueue');
    expect(sqsFindings('--region', 'ap-northeast-1', '--region', 'us-east-1')).toContain('FTG-SQS-1 TokyoQueue [InTokyo=true]');
  });

  test.each([
    [['--region', 'tokyo'], /bad value "tokyo" for --region/],
    [['--account', '123'], /bad value "123" for --account \(12 digits\)/],
    [['--parameter', 'Env'], /bad value "Env" for --parameter \(use Name=Value/],
    [['--parameter', 'Env=dev', '--parameter', 'Env=prod'], /--parameter Env given twice/],
    [['--engine', 'guard', '--region', 'ap-northeast-1'], /only --engine pack evaluates/],
  ])('%j: one-line usage error, exit 2', (args, message) => {
    const r = run(['check', CONDITIONS, ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('deploymentOptions: comma lists, duplicates and absent parts', () => {
    const parsed = parseCommandArgs(CHECK_SPEC, ['x', '--region', 'ap-northeast-1,ap-northeast-3', '--region', 'ap-northeast-1', '--parameter', 'A=b=c']);
    expect(deploymentOptions(parsed)).toEqual({ regions: ['ap-northeast-1', 'ap-northeast-3'], parameters: { A: 'b=c' } });
    expect(deploymentOptions(parseCommandArgs(CHECK_SPEC, ['x']))).toEqual({});
  });
});

describe('options are parsed with util.parseArgs from each command\'s spec', () => {
  const spec: CommandSpec = {
    name: 'demo', args: 'X', summary: 'A demo.',
    options: { out: { type: 'string', value: 'FILE', description: 'where' }, force: { type: 'boolean', description: 'yes' }, tag: { type: 'string', multiple: true, description: 'tags' } },
  };

  test('values, flags, repeated options, --name=value and the -- separator', () => {
    const p = parseCommandArgs(spec, ['a', '--out=o.txt', '--force', '--tag', 'x', '--tag', 'y', '--', '--not-an-option']);
    expect(p.positionals).toEqual(['a', '--not-an-option']);
    expect(p.values).toEqual({ out: 'o.txt', force: true, tag: ['x', 'y'] });
  });

  test.each([
    [['--nope'], 'unknown option --nope for "demo" (accepted: --out, --force, --tag)'],
    [['--out'], 'option --out needs a value'],
    [['--out', '--force'], 'option --out needs a value'],
    [['--force=yes'], 'option --force takes no value'],
  ])('%j → %s', (args, message) => {
    expect(() => parseCommandArgs(spec, args as string[])).toThrow(message as string);
  });

  test('help of a command lists each option with its description', () => {
    const help = commandHelp(spec);
    expect(help).toMatch(/^Usage: fintech-guardrails demo X \[--out FILE\] \[--force\] \[--tag VALUE\]\.\.\./);
    expect(help).toMatch(/--tag VALUE\s+tags\n\s+\(repeatable\)/);
  });
});

describe('--help per command', () => {
  test.each(['items', 'check', 'report', 'init'])('%s --help: its usage and every option, exit 0', (command) => {
    const r = run([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: fintech-guardrails ${command}`));
    expect(r.stdout).toContain('Exit codes:');
    expect(run(['help', command]).stdout).toBe(r.stdout);
  });

  test('check --help names the deployment options', () => {
    const r = run(['check', '--help']);
    for (const o of ['--region REGION', '--account ID', '--parameter NAME=VALUE', '--engine ENGINE', '--format FORMAT']) expect(r.stdout).toContain(o);
  });

  test('general help: every command with its summary', () => {
    const r = run(['--help']);
    for (const c of ['items', 'check PATH...', 'report PATH...', 'init DIR']) expect(r.stdout).toContain(`fintech-guardrails ${c}`);
    expect(r.stdout.split('\n').every((l) => l.length <= 100)).toBe(true);
  });
});
