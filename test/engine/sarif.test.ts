import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { updateBaseline } from '../../packs/engine/findings-baseline';
import { artifactUri, formatFindings, FormatInput, sarifLog, SARIF_FINGERPRINT_KEY, summarize } from '../../packs/engine/formats';
import { runRules } from '../../packs/engine/runner';
import { CfnTemplate, TemplateModel } from '../../packs/engine/template';
import { ALL_RULES } from '../../packs/rules';
import { sarifSchemaErrors } from '../helpers/sarif';

const DAY1 = new Date(2026, 0, 10, 9, 0, 0);

/** A template file on disk (SARIF reads it for line numbers), with three buckets: one known, one new, one acknowledged. */
function fixture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-sarif-'));
  const file = path.join(dir, 'App.template.json');
  const template: CfnTemplate = {
    Resources: {
      Old: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'App/Old/Resource' } },
      Fresh: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'App/Fresh/Resource' } },
      Acked: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'App/Acked/Resource', 'fintech-guardrails': { acknowledged: [{ id: 'FTG-S3-1', reason: 'Public assets only.' }] } } },
    },
  } as CfnTemplate;
  fs.writeFileSync(file, JSON.stringify(template, undefined, 1));
  const model = new TemplateModel(template, file);
  const evaluation = runRules([{ model, stack: 'App' }], { rules: ALL_RULES });
  const old = evaluation.findings.filter((f) => f.resource === 'Old');
  const baseline = updateBaseline(old, undefined, DAY1);
  const input = (extra: Partial<FormatInput> = {}): FormatInput => ({
    findings: evaluation.findings, rules: ALL_RULES, language: 'en', version: '1.2.3',
    summary: summarize(evaluation.findings, 1, evaluation.resources, ALL_RULES.length, extra.baseline), ...extra,
  });
  return { dir, file, evaluation, baseline, input };
}

describe('SARIF renderer (one for check --format sarif and for the pack)', () => {
  test('the log validates against the SARIF 2.1.0 schema, with and without a baseline, in both languages', () => {
    const { input, baseline, dir } = fixture();
    for (const extra of [{}, { baseline }, { baseline, language: 'ja' as const, baseDir: dir }]) {
      const log = sarifLog(input(extra));
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(sarifSchemaErrors(JSON.parse(formatFindings('sarif', input(extra))))).toEqual([]);
    }
  });

  test('the schema check can fail', () => {
    const { input } = fixture();
    const log: any = sarifLog(input());
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'has space';
    expect(sarifSchemaErrors(log).join('\n')).toMatch(/level.*allowed values[\s\S]*uri-reference/);
  });

  test('rules carry the guideline items in help and tags; results carry level, message, locations and the stable fingerprint', () => {
    const { input, file } = fixture();
    const run = sarifLog(input()).runs[0];
    const rule = run.tool.driver.rules.find((r) => r.id === 'FTG-S3-1')!;
    expect(rule.name).toBe('S3BucketEncrypted');
    expect(rule.shortDescription.text).toMatch(/KMS/);
    expect(rule.help.text).toMatch(/^Guideline items: DM-1, DM-2\. Fix: /);
    expect(rule.properties.tags).toEqual(['security', 'fintech-guardrails', 'DM-1', 'DM-2']);
    const fresh = run.results.find((r) => r.ruleId === 'FTG-S3-1' && r.locations[0].logicalLocations[0].name === 'Fresh')!;
    expect(fresh.level).toBe('error');
    expect(fresh.message.text).toMatch(/^\[DM-1, DM-2\] /);
    expect(fresh.locations[0].logicalLocations[0].fullyQualifiedName).toBe('App/Fresh/Resource');
    const where = fresh.locations[0];
    if (!('physicalLocation' in where)) throw new Error('a finding result has a physical location');
    expect(where.physicalLocation.artifactLocation.uri).toBe(pathToFileURL(file).href); // an absolute path without a base directory
    expect(where.physicalLocation.region.startLine).toBe(fs.readFileSync(file, 'utf-8').split('\n').findIndex((l) => l.includes('"Fresh"')) + 1);
    expect(fresh.partialFingerprints[SARIF_FINGERPRINT_KEY]).toBe('FTG-S3-1|App|path:App/Fresh/Resource');
    expect(fresh.baselineState).toBeUndefined();
    const acked = run.results.find((r) => r.locations[0].logicalLocations[0].name === 'Acked')!;
    expect('suppressions' in acked && acked.suppressions![0].justification).toBe('Public assets only.');
  });

  test('with a baseline: known results are "unchanged" with their first date, others "new"; acknowledged ones have no state', () => {
    const { input, baseline } = fixture();
    const results = sarifLog(input({ baseline })).runs[0].results.filter((r) => r.ruleId === 'FTG-S3-1');
    const by = (name: string) => results.find((r) => r.locations[0].logicalLocations[0].name === name)!;
    expect(by('Old').baselineState).toBe('unchanged');
    expect(by('Old').properties.firstRecorded).toBe('2026-01-10');
    expect(by('Old').message.text).toMatch(/known since 2026-01-10/);
    expect(by('Fresh').baselineState).toBe('new');
    expect(by('Acked').baselineState).toBeUndefined();
  });

  test('what the baseline recorded and is gone is an "absent" result (pass, no level), in the schema, in both languages', () => {
    const { input, evaluation } = fixture();
    // Recorded on day 1: Old and Fresh, and a bucket that has since been removed from the template.
    const gone = { ...evaluation.findings.find((f) => f.resource === 'Old' && f.ruleId === 'FTG-S3-1')!, resource: 'Removed', path: 'App/Removed/Resource' };
    const recorded = evaluation.findings.filter((f) => f.resource === 'Old' || f.resource === 'Fresh');
    const baseline = updateBaseline([...recorded, gone], undefined, DAY1);
    for (const language of ['en', 'ja'] as const) {
      const log = sarifLog(input({ baseline, language }));
      expect(sarifSchemaErrors(log)).toEqual([]);
      const absent = log.runs[0].results.filter((r) => r.baselineState === 'absent');
      expect(absent.map((r) => [r.ruleId, r.locations[0].logicalLocations[0].fullyQualifiedName])).toEqual([['FTG-S3-1', 'App/Removed/Resource']]);
      expect(absent[0]).toMatchObject({ kind: 'pass', level: 'none', partialFingerprints: { [SARIF_FINGERPRINT_KEY]: 'FTG-S3-1|App|path:App/Removed/Resource' } });
      expect(absent[0].message.text).toMatch(language === 'en' ? /^\[DM-1, DM-2\] Fixed since the baseline \(recorded 2026-01-10\)/ : /解消されました/);
      const rules = log.runs[0].tool.driver.rules;
      expect(rules[(absent[0] as any).ruleIndex].id).toBe('FTG-S3-1');
    }
    // Without a baseline, nothing is absent.
    expect(sarifLog(input()).runs[0].results.some((r) => r.baselineState === 'absent')).toBe(false);
  });

  test('artifact URIs: relative to the base directory, percent-encoded; outside it a file: URI', () => {
    expect(artifactUri('/work/app/cdk.out/My Stack.template.json', '/work/app')).toBe('cdk.out/My%20Stack.template.json');
    expect(artifactUri('/tmp/x/App.template.json', '/work/app')).toBe('file:///tmp/x/App.template.json');
    expect(artifactUri('templates/app.yaml')).toBe('templates/app.yaml');
  });
});

describe('check formats with a baseline', () => {
  test('the summary counts only new findings as errors; known ones are counted apart', () => {
    const { evaluation, baseline } = fixture();
    const without = summarize(evaluation.findings, 1, 3, 1);
    const withB = summarize(evaluation.findings, 1, 3, 1, baseline);
    expect(withB.known).toBe(baseline.findings.length);
    const openErrors = evaluation.findings.filter((f) => !f.acknowledged && f.level === 'error');
    expect(without.errors).toBe(openErrors.length);
    expect(withB.errors).toBe(openErrors.filter((f) => f.resource !== 'Old').length);
    expect(withB.errors).toBeLessThan(without.errors);
    expect(without.known).toBeUndefined();
    expect(withB.fixed).toBe(0);
  });

  test('table, JSON, CSV and Markdown mark known findings with their date', () => {
    const { input, baseline } = fixture();
    expect(formatFindings('table', input({ baseline }))).toMatch(/^KNOWN FTG-S3-1 .* Old /m);
    expect(formatFindings('table', input({ baseline }))).toMatch(/Known error in the baseline, first recorded 2026-01-10/);
    expect(formatFindings('table', input({ baseline, language: 'ja' }))).toMatch(/2026-01-10 に初回記録/);
    const json = JSON.parse(formatFindings('json', input({ baseline })));
    const old = json.findings.find((f: any) => f.resource === 'Old' && f.ruleId === 'FTG-S3-1');
    expect(old.baseline).toEqual({ state: 'known', firstRecorded: '2026-01-10' });
    expect(json.findings.find((f: any) => f.resource === 'Fresh' && f.ruleId === 'FTG-S3-1').baseline).toEqual({ state: 'new' });
    const csv = formatFindings('csv', input({ baseline })).split('\n');
    expect(csv[0].endsWith(',firstRecorded')).toBe(true);
    expect(csv.find((l) => l.includes(',Old,') && l.includes('FTG-S3-1'))!.endsWith(',2026-01-10')).toBe(true);
    expect(formatFindings('csv', input())).not.toContain('firstRecorded');
    expect(formatFindings('markdown', input({ baseline }))).toMatch(/\| error \(known since 2026-01-10\) \| FTG-S3-1 /);
  });
});
