/**
 * scripts/ci/github-action.js, the logic of action.yml, run as the action runs it: `check` with the
 * real command (compiled, as `npm test` builds it) on fixture templates, then `gate`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/cli';

const SCRIPT = path.join(ROOT, 'scripts', 'ci', 'github-action.js');
const CHECK = path.join(ROOT, 'test', 'fixtures', 'check');
const CI = path.join(ROOT, 'test', 'fixtures', 'ci');
const STUB = path.join(CI, 'stub-cli.js');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-action-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs a step of the action; returns its exit code, its output and the step outputs it recorded. */
function step(mode: 'check' | 'gate', inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const outputFile = path.join(dir, `github-output-${mode}`);
  fs.writeFileSync(outputFile, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: outputFile, ...extraEnv };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/-/g, '_').toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [SCRIPT, mode], { cwd: dir, env, encoding: 'utf-8' });
  const outputs = Object.fromEntries(
    fs.readFileSync(outputFile, 'utf-8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

/** check, then gate with the exit code check recorded, as the action's steps do. */
function action(inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const check = step('check', inputs, extraEnv);
  const gate = step('gate', { 'sarif-file': inputs['sarif-file'] ?? '', 'fail-on': inputs['fail-on'] ?? '' }, { CHECK_EXIT_CODE: check.outputs['exit-code'] ?? '' });
  return { check, gate };
}

function sarifAt(file: string) {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf-8'));
}

describe('github-action.js with the real command', () => {
  test('open errors: SARIF is written (default name), the check step passes so that upload runs, the gate fails', () => {
    const { check, gate } = action({ path: path.join(CHECK, 'noncompliant.yaml') });
    expect(check.code).toBe(0);
    expect(check.outputs).toMatchObject({ 'exit-code': '1', 'sarif-written': 'true', 'sarif-file': 'fintech-guardrails.sarif', 'fail-on': 'error' });
    expect(Number(check.outputs.errors)).toBeGreaterThanOrEqual(3);
    const sarif = sarifAt('fintech-guardrails.sarif');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((r: any) => r.ruleId === 'FTG-S3-1' && r.level === 'error')).toBe(true);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/::error::fintech-guardrails: \d+ open error-level finding/);
  });

  test('a clean template: exit code 0 everywhere, SARIF with no results, at the sarif-file given (directories created)', () => {
    const { check, gate } = action({ path: path.join(CI, 'clean.template.json'), 'sarif-file': 'reports/ftg.sarif' });
    expect(check.code).toBe(0);
    expect(check.outputs).toMatchObject({ 'exit-code': '0', errors: '0', 'sarif-written': 'true', 'sarif-file': 'reports/ftg.sarif' });
    expect(sarifAt('reports/ftg.sarif').runs[0].results).toEqual([]);
    expect(gate.code).toBe(0);
  });

  test('several paths (newline-separated) are checked in one run', () => {
    const { check } = action({ path: `${path.join(CI, 'clean.template.json')}\n${path.join(CHECK, 'noncompliant.yaml')}` });
    const files = new Set(sarifAt('fintech-guardrails.sarif').runs[0].results.map((r: any) => path.basename(r.locations[0].physicalLocation.artifactLocation.uri)));
    expect(files).toEqual(new Set(['noncompliant.yaml']));
    expect(check.outputs['exit-code']).toBe('1');
  });

  test('fail-on none reports errors but never fails the job', () => {
    const { check, gate } = action({ path: path.join(CHECK, 'noncompliant.yaml'), 'fail-on': 'none' });
    expect(check.outputs['exit-code']).toBe('1');
    expect(gate.code).toBe(0);
  });

  test('an unreadable template fails the check step with exit code 2 and no SARIF to upload', () => {
    const { check, gate } = action({ path: path.join(CHECK, 'malformed.json') });
    expect(check.code).toBe(2);
    expect(check.outputs).toMatchObject({ 'exit-code': '2', 'sarif-written': 'false' });
    expect(check.stderr).toMatch(/malformed JSON/);
    expect(gate.code).toBe(2);
  });

  test('bad inputs are refused before the command runs', () => {
    expect(step('check', {}).stderr).toMatch(/input "path" is required/);
    expect(step('check', {}).code).toBe(2);
    const badLevel = step('check', { path: path.join(CI, 'clean.template.json'), 'fail-on': 'sometimes' });
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toMatch(/"fail-on" must be one of error, warning, none/);
    const noBaseline = step('check', { path: path.join(CI, 'clean.template.json'), baseline: 'missing-baseline.json' });
    expect(noBaseline.code).toBe(2);
    expect(noBaseline.stderr).toMatch(/"baseline": missing-baseline.json does not exist/);
    expect(step('gate', {}).code).toBe(2);
  });
});

describe('github-action.js arguments and the gate (stand-in command)', () => {
  const argsOf = (inputs: Record<string, string>) => {
    const argsFile = path.join(dir, 'args.json');
    const r = step('check', inputs, { FINTECH_GUARDRAILS_CLI: STUB, STUB_ARGS_FILE: argsFile });
    expect(r.code).toBe(0);
    return JSON.parse(fs.readFileSync(argsFile, 'utf-8'));
  };

  test('--baseline is passed only when the input is given; extra args come last', () => {
    expect(argsOf({ path: 'cdk.out' })).toEqual(['check', 'cdk.out', '--format', 'sarif', '--out', 'fintech-guardrails.sarif']);
    fs.writeFileSync(path.join(dir, 'baseline.json'), '{}');
    expect(argsOf({ path: 'cdk.out', baseline: 'baseline.json', 'sarif-file': 'out.sarif', args: '--lang ja  --region ap-northeast-1' }))
      .toEqual(['check', 'cdk.out', '--format', 'sarif', '--out', 'out.sarif', '--baseline', 'baseline.json', '--lang', 'ja', '--region', 'ap-northeast-1']);
  });

  const withResults = (results: object[], failOn: string, exit = '0') =>
    action({ path: 'cdk.out', 'fail-on': failOn }, { FINTECH_GUARDRAILS_CLI: STUB, STUB_SARIF_RESULTS: JSON.stringify(results), STUB_EXIT: exit });

  test('fail-on warning fails on an open warning; fail-on error does not', () => {
    const results = [{ ruleId: 'FTG-CF-3', level: 'warning', message: { text: 'x' } }];
    expect(withResults(results, 'warning').gate.code).toBe(1);
    expect(withResults(results, 'warning').check.outputs.warnings).toBe('1');
    expect(withResults(results, 'error').gate.code).toBe(0);
  });

  test('acknowledged (suppressed) and baselined (unchanged, absent) results do not count', () => {
    const results = [
      { ruleId: 'FTG-S3-1', level: 'error', suppressions: [{ kind: 'external', justification: 'reason' }] },
      { ruleId: 'FTG-S3-2', level: 'error', baselineState: 'unchanged' },
      { ruleId: 'FTG-S3-3', level: 'warning', baselineState: 'absent' },
    ];
    const r = withResults(results, 'warning');
    expect(r.check.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(r.gate.code).toBe(0);
    const withNew = withResults([...results, { ruleId: 'FTG-S3-4', level: 'error', baselineState: 'new' }], 'error', '1');
    expect(withNew.check.outputs.errors).toBe('1');
    expect(withNew.gate.code).toBe(1);
  });

  test('the command\'s exit code 1 fails the gate even when the SARIF shows no open error', () => {
    expect(withResults([], 'error', '1').gate.code).toBe(1);
  });
});
