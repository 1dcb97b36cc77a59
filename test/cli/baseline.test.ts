import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../helpers/cli';

const FIX = path.join(__dirname, '..', 'fixtures', 'check');

/** Adopting the check on an existing app: record today's findings, then fail only on new ones. */
describe('fintech-guardrails check --update-baseline / --baseline', () => {
  let dir: string;
  let template: string;
  let baseline: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-baseline-'));
    template = path.join(dir, 'app.yaml');
    fs.copyFileSync(path.join(FIX, 'conditions.yaml'), template);
    baseline = path.join(dir, 'fintech-baseline.json');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('without a baseline the findings fail (exit 1)', () => {
    expect(run(['check', template]).code).toBe(1);
  });

  test('--update-baseline records the open findings and passes; --baseline then passes and lists them as known', () => {
    const u = run(['check', template, '--update-baseline', baseline]);
    expect(u.code).toBe(0);
    expect(u.stderr).toMatch(/open findings recorded/);
    const file = JSON.parse(fs.readFileSync(baseline, 'utf-8'));
    expect(file.findings.length).toBeGreaterThan(2);
    expect(file.findings.map((e: any) => e.ruleId)).toContain('FTG-SQS-1');
    expect(file.findings.every((e: any) => /^\d{4}-\d{2}-\d{2}$/.test(e.firstRecorded) && !JSON.stringify(e).includes('line'))).toBe(true);

    const b = run(['check', template, '--baseline', baseline, '--format', 'json']);
    expect(b.code).toBe(0);
    const json = JSON.parse(b.stdout);
    expect(json.summary).toMatchObject({ errors: 0, known: file.findings.length, fixed: 0 });
    expect(json.findings.find((f: any) => f.ruleId === 'FTG-SQS-1').baseline).toMatchObject({ state: 'known' });
  });

  test('a new finding fails; a finding that disappeared is reported as fixed and --update-baseline drops it', () => {
    const text = fs.readFileSync(template, 'utf-8')
      .replace(/  TokyoQueue:[\s\S]*$/, '')
      .concat('  NewQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n');
    fs.writeFileSync(template, text);
    const b = run(['check', template, '--baseline', baseline, '--format', 'json']);
    expect(b.code).toBe(1);
    const json = JSON.parse(b.stdout);
    const failing = json.findings.filter((f: any) => f.level === 'error' && f.baseline?.state === 'new').map((f: any) => f.resource);
    expect(new Set(failing)).toEqual(new Set(['NewQueue']));
    expect(json.summary.fixed).toBeGreaterThan(0);
    expect(b.stderr).toMatch(/fixed since the baseline: FTG-SQS-1 app TokyoQueue/);

    const before = JSON.parse(fs.readFileSync(baseline, 'utf-8')).findings;
    expect(run(['check', template, '--update-baseline', baseline]).code).toBe(0);
    const after = JSON.parse(fs.readFileSync(baseline, 'utf-8')).findings;
    expect(after.some((e: any) => e.resource === 'TokyoQueue')).toBe(false);
    expect(after.some((e: any) => e.resource === 'NewQueue')).toBe(true);
    const kept = after.find((e: any) => e.resource === 'Queue');
    expect(kept.firstRecorded).toBe(before.find((e: any) => e.fingerprint === kept.fingerprint).firstRecorded);
  });

  test('report --baseline shows the known findings as open with their date', () => {
    const r = run(['report', template, '--baseline', baseline, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/knownSince/);
  });

  test.each([
    ['missing baseline file', () => ['--baseline', path.join(dir, 'none.json')], /no such findings baseline file/],
    ['malformed baseline file', () => { const f = path.join(dir, 'bad.json'); fs.writeFileSync(f, '{ nope'); return ['--baseline', f]; }, /bad\.json/],
    ['unwritable --update-baseline', () => ['--update-baseline', path.join(dir, 'no', 'such', 'b.json')], /cannot be written|does not exist/],
  ])('%s: one-line error, exit 2', (_name, args, message) => {
    const r = run(['check', template, ...(args as () => string[])()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
