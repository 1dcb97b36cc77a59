import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { compareWithBaseline, fingerprint, readBaseline, updateBaseline, writeBaseline } from '../../packs/engine/findings-baseline';
import { loadAssembly } from '../../packs/engine/load';
import { runRules } from '../../packs/engine/runner';
import { TemplateModel } from '../../packs/engine/template';
import { FinTechChecks, FinTechChecksProps, SARIF_FILE_NAME } from '../../packs/fintech-checks';
import { S3BucketEncrypted } from '../../packs/rules/s3/S3BucketEncrypted';
import { sarifSchemaErrors } from '../helpers/sarif';

const DAY1 = new Date(2026, 0, 10, 9, 0, 0);

interface Synth {
  error?: Error;
  report: any;
  outdir: string;
  pack: FinTechChecks;
}

/** Synthesize a stack `Test` with the pack (S3 encryption rule only); returns CDK's validation report. */
function synth(build: (stack: Stack) => void, props: FinTechChecksProps = {}, nested = false): Synth {
  return synthWithContext(build, {}, props, nested);
}

function synthWithContext(build: (stack: Stack) => void, context: Record<string, unknown>, props: FinTechChecksProps = {}, nested = false): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-fbase-'));
  const app = new App({ outdir, context });
  const stack = new Stack(nested ? new Stage(app, 'Prod') : app, 'Test');
  build(stack);
  const pack = new FinTechChecks(app, { rules: [S3BucketEncrypted], ...props });
  Validations.of(app).addPlugins(pack);
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  }
  const file = path.join(outdir, 'validation-report.json');
  return { error, report: fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')) : undefined, outdir, pack };
}

const ours = (report: any) => report.pluginReports.find((p: any) => p.pluginName === 'FinTechChecks');
const plain = (s: Stack) => { new s3.Bucket(s, 'Plain'); };

/** A baseline file that records what the pack found in `build`, dated DAY1. */
function baselineOf(build: (stack: Stack) => void, nested = false): string {
  const first = synth(build, { sarif: false }, nested);
  expect(first.error).toBeDefined(); // without a baseline the error-level finding fails
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-fbase-file-')), 'fintech-baseline.json');
  writeBaseline(file, updateBaseline(first.pack.lastEvaluation!.findings, undefined, DAY1));
  return file;
}

describe('FinTechChecks with a findings baseline', () => {
  test('synthesis passes when every finding is in the baseline; they are still reported, marked known with the date', () => {
    const baseline = baselineOf(plain);
    const r = synth(plain, { baseline });
    expect(r.error).toBeUndefined();
    const report = ours(r.report);
    expect(report.conclusion).toBe('success');
    const v = report.violations.find((x: any) => x.ruleName === 'FTG-S3-1');
    expect(v.severity).toBe('error'); // a mandatory item stays an error: only pass/fail changes
    expect(v.description).toMatch(/^\[DM-1, DM-2\] \[Known since 2026-01-10, in the findings baseline\] The S3 bucket/);
    expect(v.ruleMetadata).toMatchObject({ baseline: 'known', firstRecorded: '2026-01-10' });
    expect(v.violatingConstructs[0].constructPath).toBe('Test/Plain/Resource');
    expect(r.pack.lastComparison!.known.map((k) => k.finding.resource)).toEqual([expect.stringMatching(/^Plain/)]);
  });

  test('a new finding fails synthesis; the known one is reported beside it, not failing', () => {
    const baseline = baselineOf(plain);
    const r = synth((s) => { plain(s); new s3.Bucket(s, 'Fresh'); }, { baseline });
    expect(r.error?.message).toMatch(/Fresh/);
    const report = ours(r.report);
    expect(report.conclusion).toBe('failure');
    const descriptions = report.violations.filter((x: any) => x.ruleName === 'FTG-S3-1').map((x: any) => [x.description.includes('Known since'), x.violatingConstructs.map((c: any) => c.constructPath)]);
    expect(descriptions).toEqual(expect.arrayContaining([[true, ['Test/Plain/Resource']], [false, ['Test/Fresh/Resource']]]));
    expect(r.pack.lastComparison!.new.map((f) => f.path)).toEqual(['Test/Fresh/Resource']);
  });

  test('fixed findings are listed as fixed, and Japanese messages say known too', () => {
    const baseline = baselineOf(plain);
    const r = synth((s) => { new s3.Bucket(s, 'Plain', { encryption: s3.BucketEncryption.KMS }); new s3.Bucket(s, 'Other'); }, { baseline, language: 'ja' });
    expect(r.error).toBeDefined();
    expect(r.pack.lastComparison!.fixed.map((e) => e.path)).toEqual(['Test/Plain/Resource']);
    const known = synth(plain, { baseline, language: 'ja' });
    expect(ours(known.report).violations[0].description).toMatch(/\[既知の指摘: 2026-01-10 にベースラインへ記録\]/);
  });

  test('a baseline from `check cdk.out` (loadAssembly + runRules) works for the pack, and the other way round', () => {
    const cliFindings = (outdir: string) => runRules(
      loadAssembly(outdir).map((t) => ({ model: new TemplateModel(t.json, t.file), stack: t.stack })), { rules: [S3BucketEncrypted] }).findings;
    // With path metadata in the templates (as `cdk synth` writes them), the fingerprints are equal.
    const withPaths = synthWithContext(plain, { 'aws:cdk:enable-path-metadata': true });
    expect(cliFindings(withPaths.outdir).map(fingerprint)).toEqual(withPaths.pack.lastEvaluation!.findings.map(fingerprint));
    expect(cliFindings(withPaths.outdir).map(fingerprint)).toEqual(['FTG-S3-1|Test|path:Test/Plain/Resource']);
    // Without (an App in a unit test): the command sees logical IDs only, the pack the construct tree; they still match.
    const r = synth(plain, { sarif: false });
    const fromCli = cliFindings(r.outdir);
    expect(fromCli.map(fingerprint)).toEqual([expect.stringMatching(/^FTG-S3-1\|Test\|id:Plain/)]);
    const packFindings = r.pack.lastEvaluation!.findings;
    expect(compareWithBaseline(packFindings, updateBaseline(fromCli, undefined, DAY1)).new).toEqual([]);
    expect(compareWithBaseline(fromCli, updateBaseline(packFindings, undefined, DAY1)).new).toEqual([]);
  });

  test('a missing or malformed baseline file is a clear error when the pack is created', () => {
    expect(() => new FinTechChecks(undefined, { baseline: path.join(os.tmpdir(), 'ftg-no-such-baseline.json') }))
      .toThrow(/ftg-no-such-baseline\.json: no such findings baseline file \(create it with --update-baseline\)/);
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-fbase-bad-')), 'b.json');
    fs.writeFileSync(bad, '{"format":"fintech-guardrails/findings-baseline","version":7,"findings":[]}');
    expect(() => new FinTechChecks(undefined, { baseline: bad })).toThrow(/unsupported findings baseline version 7/);
  });
});

describe('FinTechChecks writes fintech-checks.sarif into the cloud assembly', () => {
  test('next to validation-report.json, valid SARIF 2.1.0, pointing at the template in the assembly', () => {
    const r = synth(plain);
    const file = path.join(r.outdir, SARIF_FILE_NAME);
    expect(fs.existsSync(path.join(r.outdir, 'validation-report.json'))).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
    const log = JSON.parse(fs.readFileSync(file, 'utf-8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    const [run] = log.runs;
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.rules.map((x: any) => x.id)).toEqual(['FTG-S3-1']);
    const [res] = run.results;
    expect(res.ruleId).toBe('FTG-S3-1');
    expect(res.level).toBe('error');
    expect(res.locations[0].logicalLocations[0].fullyQualifiedName).toBe('Test/Plain/Resource');
    // The outdir is outside the working directory here: an absolute file: URI to the template in the assembly.
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe(`file://${path.join(r.outdir, 'Test.template.json')}`);
    expect(res.baselineState).toBeUndefined();
    expect(fs.readdirSync(r.outdir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('with a baseline, results have baselineState unchanged / new', () => {
    const baseline = baselineOf(plain);
    const r = synth((s) => { plain(s); new s3.Bucket(s, 'Fresh'); }, { baseline });
    const log = JSON.parse(fs.readFileSync(path.join(r.outdir, SARIF_FILE_NAME), 'utf-8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    const states = Object.fromEntries(log.runs[0].results.map((x: any) => [x.locations[0].logicalLocations[0].fullyQualifiedName, x.baselineState]));
    expect(states).toEqual({ 'Test/Plain/Resource': 'unchanged', 'Test/Fresh/Resource': 'new' });
  });

  test('stacks in nested stages: the SARIF file is at the assembly root, the template in the stage assembly', () => {
    const r = synth(plain, {}, true);
    const log = JSON.parse(fs.readFileSync(path.join(r.outdir, SARIF_FILE_NAME), 'utf-8'));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/\/assembly-Prod\/ProdTest[^/]*\.template\.json$/);
    expect(log.runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName).toBe('Prod/Test/Plain/Resource');
  });

  test('the log is deterministic: synthesizing again into the same assembly passes CDK\'s do-not-mutate check', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-fbase-again-'));
    const once = () => {
      const app = new App({ outdir, confirmValidationPluginsDoNotMutate: true } as any);
      new s3.Bucket(new Stack(app, 'Test'), 'Enc', { encryption: s3.BucketEncryption.KMS });
      Validations.of(app).addPlugins(new FinTechChecks(app, { rules: [S3BucketEncrypted] }));
      app.synth();
      return fs.readFileSync(path.join(outdir, SARIF_FILE_NAME), 'utf-8');
    };
    const first = once();
    expect(once()).toBe(first);
  });

  test('sarif: false writes none; a clean app writes a log with no results', () => {
    expect(fs.existsSync(path.join(synth(plain, { sarif: false }).outdir, SARIF_FILE_NAME))).toBe(false);
    const clean = synth((s) => { new s3.Bucket(s, 'Enc', { encryption: s3.BucketEncryption.KMS }); });
    const log = JSON.parse(fs.readFileSync(path.join(clean.outdir, SARIF_FILE_NAME), 'utf-8'));
    expect(log.runs[0].results).toEqual([]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
});

describe('compliance report at synthesis, with a baseline', () => {
  test('shows the baselined finding as open with the date it was first recorded', () => {
    const baseline = baselineOf(plain);
    const r = synth(plain, { baseline, report: { formats: ['json', 'md', 'html', 'csv'] } });
    expect(r.error).toBeUndefined();
    const json = JSON.parse(fs.readFileSync(path.join(r.outdir, 'fintech-compliance-report.json'), 'utf-8'));
    const dm1 = json.items.find((i: any) => i.id === 'DM-1');
    expect(dm1.status).toBe('fail'); // still open: the baseline changes the gate, not the facts
    expect(dm1.resources[0]).toMatchObject({ ruleId: 'FTG-S3-1', knownSince: '2026-01-10' });
    expect(json.summary).toMatchObject({ knownFindings: 1, baselineFile: baseline, openFindings: 1 });
    expect(readBaseline(baseline).findings).toHaveLength(1);
    const md = fs.readFileSync(path.join(r.outdir, 'fintech-compliance-report.md'), 'utf-8');
    expect(md).toContain('既知、初回記録 / known since 2026-01-10');
    expect(fs.readFileSync(path.join(r.outdir, 'fintech-compliance-report.html'), 'utf-8')).toContain('known since 2026-01-10');
    expect(fs.readFileSync(path.join(r.outdir, 'fintech-compliance-report.csv'), 'utf-8')).toContain('known since 2026-01-10');
  });
});
