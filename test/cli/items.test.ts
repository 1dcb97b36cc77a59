import { ITEMS } from '../../lib/catalog';
import { run } from '../helpers/cli';

describe('fintech-guardrails items', () => {
  test('--format json lists all 54 IDs with the required fields', () => {
    const r = run(['items', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((x: any) => x.id)).toEqual(ITEMS.map((i) => i.id));
    expect(rows).toHaveLength(54);
    for (const row of rows) {
      for (const f of ['id', 'chapter', 'level', 'cia', 'coverage', 'ja', 'en']) expect(row).toHaveProperty(f);
    }
    expect(rows.find((x: any) => x.id === 'EX-2').level).toBe('selectable');
  });

  test('default is a readable table', () => {
    const r = run(['items']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+LEVEL\s+CIA\s+COVERAGE\s+ITEM/);
    expect(r.stdout).toContain('EX-1   mandatory');
    expect(r.stdout).toContain('54 items');
  });

  test('--lang ja prints the Japanese texts', () => {
    const r = run(['items', '--lang', 'ja']);
    expect(r.stdout).toContain('全てのアカウントのログインに2経路認証(2FA)を有効にする');
  });

  test.each([
    [['items', '--bad'], /unknown option --bad/],
    [['items', '--format', 'xml'], /bad value "xml" for --format/],
    [['items', '--format'], /option --format needs a value/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['--nope'], /unknown option --nope/],
    [['items', 'extra'], /unexpected argument "extra"/],
  ])('%j exits 2 with a one-line error and no stack trace', (args, message) => {
    const r = run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('--help and --version', () => {
    expect(run(['--help']).stdout).toContain('fintech-guardrails check PATH...');
    const v = run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(require('../../package.json').version);
  });
});
