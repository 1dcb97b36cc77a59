/**
 * `check --engine guard`: the engine behind it (`guardCheck`, tested directly), and the command
 * through the compiled CLI, which must give the same exit codes (0/1/2) and output formats as the
 * default engine. The CLI is compiled JavaScript: `npx tsc -p tsconfig.build.json` first (`npm test`
 * does it).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GUARD_BINARY_ENV, guardBinary, guardCheck, guardRuleName } from '../../packs/guard/runner';
import { resolveItemLevels } from '../../packs/engine/levels';
import { loadInputs } from '../../packs/engine/load';
import { RuleDefinition } from '../../packs/engine/rule';
import { findingMessage, runRules } from '../../packs/engine/runner';
import { TemplateModel } from '../../packs/engine/template';
import { ALL_RULES } from '../../packs/rules';
import { run } from '../helpers/cli';

const CHECK = path.join(__dirname, '..', 'fixtures', 'check');
const GUARD_FIXTURES = path.join(__dirname, 'fixtures');
const f = (name: string) => path.join(CHECK, name);

/** ALL_RULES, completed with the rule groups of packs/rules not (yet) in it: every rule with a guard form. */
function packRules(): RuleDefinition[] {
  const byId = new Map<string, RuleDefinition>(ALL_RULES.map((r) => [r.id, r]));
  for (const group of ['data', 'compute', 'edge', 'identity']) {
    try {
      for (const list of Object.values(require(`../../packs/rules/${group}`) as Record<string, unknown>)) {
        if (Array.isArray(list)) for (const r of list as RuleDefinition[]) if (r?.id && !byId.has(r.id)) byId.set(r.id, r);
      }
    } catch { /* not there */ }
  }
  return [...byId.values()];
}

describe('guardCheck (the engine of check --engine guard)', () => {
  test('finds what the pack finds for the rules both have, on JSON and YAML (short-form tags) templates', () => {
    const { templates } = loadInputs([f('noncompliant.yaml'), f('compliant.json'), f('acknowledged.json')]);
    const rules = packRules();
    const guard = guardCheck(templates, { rules });
    const ids = new Set(guard.rules.map((r) => r.id));
    expect(ids.has('FTG-S3-1')).toBe(true);
    const pack = runRules(templates.map((t) => ({ model: new TemplateModel(t.json, t.file) })), { rules: rules.filter((r) => ids.has(r.id)) });
    const view = (list: readonly any[]) => list.map((x) => `${path.basename(x.file)} ${x.resource} ${x.ruleId} ${x.level} ${x.acknowledged ? 'ack' : 'open'}`).sort();
    expect(view(guard.findings)).toEqual(view(pack.findings));
    // The texts are the pack rule's, with guard's detail.
    const plain = guard.findings.find((x) => x.resource === 'Plain' && x.ruleId === 'FTG-S3-1')!;
    expect(plain).toMatchObject({ items: ['DM-1', 'DM-2'], level: 'error', status: 'non-compliant', resourceType: 'AWS::S3::Bucket', ruleName: 'S3BucketEncrypted' });
    expect(findingMessage(plain, 'en')).toMatch(/^The S3 bucket does not use KMS default encryption.*Detail: .*\(cfn-guard\)\.$/);
    // A value guard sees only as an intrinsic function is "cannot be verified", as in the pack.
    const fromParameter = guard.findings.find((x) => x.resource === 'FromParameter' && x.ruleId === 'FTG-S3-1')!;
    expect(fromParameter.status).toBe('unverifiable');
    expect(findingMessage(fromParameter, 'en')).toMatch(/^\[Cannot be verified\]/);
    const legacy = guard.findings.find((x) => x.resource === 'Legacy' && x.ruleId === 'FTG-S3-1')!;
    expect(legacy.acknowledged?.reason).toMatch(/Public website assets/);
  });

  test('by default the guard engine checks the guard form of ALL_RULES, no more', () => {
    const { templates } = loadInputs([f('noncompliant.yaml')]);
    const r = guardCheck(templates);
    const withGuardForm = ALL_RULES.filter((x) => !r.withoutGuardForm.includes(x));
    expect(r.rules.map((x) => x.id)).toEqual(withGuardForm.map((x) => x.id));
    expect(new Set(r.findings.map((x) => x.ruleId)).size).toBeLessThanOrEqual(r.rules.length);
    for (const x of r.findings) expect(ALL_RULES.some((p) => p.id === x.ruleId)).toBe(true);
  });

  test('every guard rule runs with a level from the catalog; team decisions apply', () => {
    const { templates } = loadInputs([path.join(GUARD_FIXTURES, 's3.json')]);
    const rules = packRules();
    const all = guardCheck(templates, { rules });
    expect(all.rules.length).toBeGreaterThanOrEqual(40);
    expect(all.withoutGuardForm.length + all.rules.length).toBe(rules.length);
    expect(all.findings.every((x) => x.items.length > 0 && (x.level === 'error' || x.level === 'warning'))).toBe(true);
    // FTG-S3-5 gives evidence for LA-2 only: turning LA-2 off (if it is selectable) removes its findings.
    const levels = resolveItemLevels();
    if (levels.get('LA-2')?.level === 'warning') {
      const off = guardCheck(templates, { rules, levels: resolveItemLevels({ 'LA-2': { level: 'off', reason: 'Access logs are collected by the platform team.' } }) });
      expect(off.findings.some((x) => x.ruleId === 'FTG-S3-5')).toBe(false);
      expect(all.findings.some((x) => x.ruleId === 'FTG-S3-5')).toBe(true);
    }
  });

  test('acknowledgments in all three forms are attached, including the guard rule name', () => {
    const { templates } = loadInputs([path.join(GUARD_FIXTURES, 's3.json')]);
    const r = guardCheck(templates, { rules: packRules() });
    const ack = (resource: string, rule: string) => r.findings.find((x) => x.resource === resource && x.ruleId === rule)?.acknowledged?.id;
    expect(ack('AcknowledgedAll', 'FTG-S3-2')).toBe('FinTechChecks::FTG-S3-2');
    expect(ack('AcknowledgedNag', 'FTG-S3-4')).toBe('FinTechChecks-FTG-S3-4');
    expect(ack('SuppressedForGuard', 'FTG-S3-3')).toBe(guardRuleName('FTG-S3-3'));
    expect(r.findings.find((x) => x.resource === 'Bare' && x.ruleId === 'FTG-S3-1')?.acknowledged).toBeUndefined();
  });

  test('a missing cfn-guard is a usage error (exit code 2 in the CLI)', () => {
    const before = process.env[GUARD_BINARY_ENV];
    process.env[GUARD_BINARY_ENV] = path.join(os.tmpdir(), 'no-such-cfn-guard');
    try {
      expect(() => guardBinary()).toThrow(expect.objectContaining({ name: 'GuardUnavailableError', message: expect.stringMatching(/no such file/) }));
    } finally {
      if (before === undefined) delete process.env[GUARD_BINARY_ENV];
      else process.env[GUARD_BINARY_ENV] = before;
    }
  });
});

describe('fintech-guardrails check --engine guard', () => {
  const both = (args: string[]) => ({ pack: run(['check', ...args]), guard: run(['check', '--engine', 'guard', ...args]) });

  test.each([
    ['compliant template', [f('compliant.json')]],
    ['non-compliant template', [f('noncompliant.yaml')]],
    ['acknowledged finding only', [f('acknowledged.json')]],
    ['missing file', [f('missing.json')]],
    ['malformed YAML', [f('malformed.yaml')]],
    ['no PATH', []],
    ['bad --format', [f('compliant.json'), '--format', 'xml']],
  ])('%s: same exit code as the default engine', (_name, args) => {
    const r = both(args as string[]);
    expect(r.guard.code).toBe(r.pack.code);
    if (r.pack.code === 2) {
      expect(r.guard.stderr).toBe(r.pack.stderr);
      expect(r.guard.stdout).toBe('');
    }
  });

  test('exit 1 when an error-level finding is open, 0 when all are acknowledged', () => {
    expect(run(['check', '--engine', 'guard', f('noncompliant.yaml')]).code).toBe(1);
    const ack = run(['check', '--engine', 'guard', f('acknowledged.json'), '--format', 'json']);
    const json = JSON.parse(ack.stdout);
    expect(json.findings.filter((x: any) => x.ruleId === 'FTG-S3-1').every((x: any) => x.acknowledged)).toBe(true);
  });

  test('JSON: the same shape and the same FTG-S3-1 findings as the default engine', () => {
    const r = both([f('noncompliant.yaml'), f('acknowledged.json'), '--format', 'json']);
    const pack = JSON.parse(r.pack.stdout);
    const guard = JSON.parse(r.guard.stdout);
    expect(Object.keys(guard).sort()).toEqual(Object.keys(pack).sort());
    expect(Object.keys(guard.summary).sort()).toEqual(Object.keys(pack.summary).sort());
    const s3 = (j: any) => j.findings.filter((x: any) => x.ruleId === 'FTG-S3-1')
      .map((x: any) => `${x.resource} ${x.level} ${x.status} ${x.acknowledged ? 'ack' : 'open'}`).sort();
    expect(s3(guard)).toEqual(s3(pack));
    const g = guard.findings.find((x: any) => x.ruleId === 'FTG-S3-1');
    expect(Object.keys(g).sort()).toEqual(Object.keys(pack.findings.find((x: any) => x.ruleId === 'FTG-S3-1')).sort());
  });

  test('table, CSV, Markdown and SARIF have the default engine\'s layout', () => {
    const table = both([f('noncompliant.yaml')]);
    expect(table.guard.stdout).toMatch(/^ERROR FTG-S3-1 \[DM-1, DM-2\] .*noncompliant\.yaml Plain \(AWS::S3::Bucket\)$/m);
    expect(table.guard.stdout.trim().split('\n').pop()).toMatch(/^1 template\(s\), 3 resource\(s\), \d+ rule\(s\): \d+ error\(s\)/);
    const csv = both([f('noncompliant.yaml'), '--format', 'csv']);
    expect(csv.guard.stdout.split('\n')[0]).toBe(csv.pack.stdout.split('\n')[0]);
    expect(csv.guard.stdout).toContain(',Plain,AWS::S3::Bucket,FTG-S3-1,DM-1 DM-2,error,non-compliant,');
    const md = both([f('noncompliant.yaml'), '--format', 'markdown', '--lang', 'ja']);
    expect(md.guard.stdout.split('\n').slice(0, 1)).toEqual(md.pack.stdout.split('\n').slice(0, 1));
    expect(md.guard.stdout).toContain('KMS (aws:kms または aws:kms:dsse) が使われていません');
    const sarif = JSON.parse(run(['check', '--engine', 'guard', f('noncompliant.yaml'), f('acknowledged.json'), '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const x of results) expect(sarif.runs[0].tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
    expect(results.find((x: any) => x.locations[0].logicalLocations[0].name === 'Legacy' && x.ruleId === 'FTG-S3-1').suppressions[0].kind).toBe('external');
  });

  test('--out, directories and cloud-assembly-like inputs work as with the default engine', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-guard-cli-'));
    fs.copyFileSync(f('noncompliant.yaml'), path.join(dir, 'a.yaml'));
    fs.copyFileSync(path.join(GUARD_FIXTURES, 'iam.json'), path.join(dir, 'b.json'));
    const out = path.join(dir, 'out', 'r.json');
    fs.mkdirSync(path.dirname(out));
    const r = run(['check', '--engine', 'guard', path.join(dir, 'a.yaml'), path.join(dir, 'b.json'), '--format', 'json', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const json = JSON.parse(fs.readFileSync(out, 'utf-8'));
    expect(json.summary.templates).toBe(2);
    expect(json.findings.some((x: any) => x.ruleId === 'FTG-IAM-6' && x.resource === 'AdminRole')).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a missing cfn-guard exits 2 with one line saying what to do', () => {
    const r = run(['check', '--engine', 'guard', f('compliant.json')], { env: { [GUARD_BINARY_ENV]: '/nonexistent/cfn-guard' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cfn-guard/);
  });

  test('an unknown engine is a usage error', () => {
    const r = run(['check', '--engine', 'opa', f('compliant.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--engine/);
  });
});
