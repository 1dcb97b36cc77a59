import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LevelConfigurationError } from '../../packs/engine/levels';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../packs/engine/rule';
import { FinTechChecks, FinTechChecksProps } from '../../packs/fintech-checks';
import { S3BucketEncrypted } from '../../packs/rules/s3/S3BucketEncrypted';

/** A rule on a selectable item (BP-4), so that its findings are warnings. */
const SelectableRule = defineRule({
  id: 'FTG-TEST-1',
  name: 'BucketNamedForHsts',
  items: ['BP-4'],
  resourceTypes: ['AWS::S3::Bucket'],
  info: { en: 'Test rule on a selectable item.', ja: 'テスト用ルール（選択項目）。' },
  explanation: { en: 'Test.', ja: 'テスト。' },
  fix: { en: 'Tag it.', ja: 'タグを付ける。' },
  check: (r) => (r.type !== 'AWS::S3::Bucket' ? NOT_APPLICABLE : r.properties.Tags ? COMPLIANT : nonCompliant('no tags')),
});

interface SynthResult {
  error?: Error;
  report: any;
  outdir: string;
}

/** Synthesize an app with the pack; returns the validation report that synthesis wrote. */
function synth(build: (stack: Stack) => void, props: FinTechChecksProps = {}): SynthResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-pack-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Test');
  build(stack);
  Validations.of(app).addPlugins(new FinTechChecks(app, { rules: [S3BucketEncrypted, SelectableRule], ...props }));
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  }
  const file = path.join(outdir, 'validation-report.json');
  const report = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')) : undefined;
  return { error, report, outdir };
}

function ours(report: any) {
  return report.pluginReports.find((p: any) => p.pluginName === 'FinTechChecks');
}

const kmsBucket = (stack: Stack, id: string, extra: s3.BucketProps = {}) =>
  new s3.Bucket(stack, id, { encryption: s3.BucketEncryption.KMS, ...extra });

describe('FinTechChecks', () => {
  test('is a cdk-nag v3 NagPack named FinTechChecks with the rule IDs', () => {
    const pack = new FinTechChecks();
    const { NagPack } = require('cdk-nag');
    expect(pack).toBeInstanceOf(NagPack);
    expect(pack.name).toBe('FinTechChecks');
    expect(pack.readPackName).toBe('FinTechChecks');
    expect(pack.ruleIds).toContain('FTG-S3-1');
  });

  test('an error-level finding fails synthesis and names its items and the construct', () => {
    const r = synth((s) => { new s3.Bucket(s, 'Plain'); });
    expect(r.error?.message).toMatch(/ERROR \[DM-1, DM-2\]/);
    expect(r.error?.message).toMatch(/\[DM-1, DM-2\] The S3 bucket does not use KMS default encryption/);
    const v = ours(r.report).violations.find((x: any) => x.ruleName === 'FTG-S3-1');
    expect(v.severity).toBe('error');
    expect(v.violatingConstructs[0].constructPath).toBe('Test/Plain/Resource');
    expect(ours(r.report).conclusion).toBe('failure');
  });

  test('warning-level findings alone do not fail synthesis (unlike the NagPack base class)', () => {
    const r = synth((s) => { kmsBucket(s, 'Enc'); });
    expect(r.error).toBeUndefined();
    const report = ours(r.report);
    expect(report.violations.map((v: any) => [v.ruleName, v.severity])).toEqual([['FTG-TEST-1', 'warning']]);
    expect(report.conclusion).toBe('success');
  });

  test('a team can raise a selectable item to error, with a reason kept in the report', () => {
    const reason = 'Bank contract requires HSTS on every web endpoint (2026-04).';
    const r = synth((s) => { kmsBucket(s, 'Enc'); }, { items: { 'BP-4': { level: 'error', reason } } });
    expect(r.error?.message).toMatch(/FTG-TEST-1/);
    expect(ours(r.report).metadata['item:BP-4']).toBe(`error: ${reason}`);
  });

  test('a team can turn a selectable item off, with a reason', () => {
    const reason = 'API only, no browser clients: HSTS does not apply.';
    const r = synth((s) => { kmsBucket(s, 'Enc'); }, { items: { 'BP-4': { level: 'off', reason } } });
    expect(r.error).toBeUndefined();
    expect(ours(r.report)?.violations ?? []).toEqual([]);
  });

  test.each([
    [{ 'DM-1': { level: 'off', reason: 'We do not need encryption here.' } }, /DM-1 is mandatory/],
    [{ 'DM-1': { level: 'warning', reason: 'We do not need encryption here.' } }, /DM-1 is mandatory/],
    [{ 'BP-4': { level: 'off', reason: '' } }, /needs a written reason/],
    [{ 'ZZ-1': { level: 'off', reason: 'No such item at all, really.' } }, /Unknown guideline item "ZZ-1"/],
    [{ 'BP-4': { level: 'loud', reason: 'Not a level, but long enough.' } }, /level must be/],
  ])('rejects bad item decisions early: %j', (items, message) => {
    expect(() => new FinTechChecks(undefined, { items: items as any })).toThrow(LevelConfigurationError);
    expect(() => new FinTechChecks(undefined, { items: items as any })).toThrow(message);
  });

  test('escape-hatch overrides are seen (the rules read the synthesized template)', () => {
    const r = synth((s) => {
      const b = kmsBucket(s, 'Overridden');
      (b.node.defaultChild as s3.CfnBucket).addPropertyOverride('BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm', 'AES256');
    });
    expect(r.error?.message).toMatch(/FTG-S3-1/);
    expect(r.error?.message).toMatch(/SSEAlgorithm is "AES256"/);
  });

  test('addOverride and addDeletionOverride are seen too', () => {
    const r1 = synth((s) => {
      const b = kmsBucket(s, 'A');
      (b.node.defaultChild as s3.CfnBucket).addDeletionOverride('Properties.BucketEncryption');
    });
    expect(r1.error?.message).toMatch(/BucketEncryption is not set/);
    const r2 = synth((s) => {
      const b = new s3.Bucket(s, 'B');
      (b.node.defaultChild as s3.CfnBucket).addOverride('Properties.BucketEncryption', {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      });
    });
    expect(r2.error).toBeUndefined();
  });

  test('acknowledgment with the CDK form is suppressed by CDK, with its reason in the report', () => {
    const reason = 'Public marketing assets; no customer data (reviewed 2026-11).';
    const r = synth((s) => {
      const b = new s3.Bucket(s, 'Public');
      Validations.of(b).acknowledge({ id: 'FinTechChecks::FTG-S3-1', reason });
    });
    expect(r.error).toBeUndefined();
    const rep = ours(r.report);
    expect(rep.violations.filter((v: any) => v.ruleName === 'FTG-S3-1')).toEqual([]);
    expect(rep.suppressedViolations[0]).toMatchObject({ ruleName: 'FTG-S3-1', reason, acknowledgedAt: 'Test/Public' });
  });

  test('acknowledgment with a bare rule ID on a parent scope is honoured, and recorded in the template', () => {
    const r = synth((s) => {
      new s3.Bucket(s, 'Legacy');
      Validations.of(s).acknowledge({ id: 'FTG-S3-1', reason: 'Whole stack is a throwaway sandbox.' });
    });
    expect(r.error).toBeUndefined();
    const tpl = JSON.parse(fs.readFileSync(path.join(r.outdir, 'Test.template.json'), 'utf-8'));
    const bucket = Object.values<any>(tpl.Resources).find((x) => x.Type === 'AWS::S3::Bucket');
    expect(bucket.Metadata['fintech-guardrails'].acknowledged).toEqual([{ id: 'FTG-S3-1', reason: 'Whole stack is a throwaway sandbox.', where: 'Test' }]);
  });

  test('an acknowledgment of another rule does not hide a finding', () => {
    const r = synth((s) => {
      const b = new s3.Bucket(s, 'Plain');
      Validations.of(b).acknowledge({ id: 'FinTechChecks::FTG-S3-2', reason: 'Only the TLS rule is acknowledged here.' });
    });
    expect(r.error?.message).toMatch(/FTG-S3-1/);
  });

  test('values unknown at synth time become "cannot be verified" findings at the rule level', () => {
    const r = synth((s) => {
      const algo = new CfnParameter(s, 'Algo', { type: 'String' });
      new s3.CfnBucket(s, 'L1', {
        tags: [{ key: 'a', value: 'b' }],
        bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: algo.valueAsString } }] },
      });
    });
    expect(r.error?.message).toMatch(/Cannot be verified.*parameter "Algo"/);
    const v = ours(r.report).violations.find((x: any) => x.ruleName === 'FTG-S3-1');
    expect(v).toMatchObject({ severity: 'error', ruleMetadata: { status: 'unverifiable' } });
  });

  test('Japanese messages', () => {
    const r = synth((s) => { new s3.Bucket(s, 'Plain'); }, { language: 'ja' });
    expect(r.error?.message).toContain('KMS (aws:kms または aws:kms:dsse) が使われていません');
  });

  test('validates stacks inside nested stages', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-stage-'));
    const app = new App({ outdir });
    const { Stage } = require('aws-cdk-lib');
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Inner');
    new s3.Bucket(stack, 'Plain');
    Validations.of(app).addPlugins(new FinTechChecks(app, { rules: [S3BucketEncrypted] }));
    expect(() => app.synth()).toThrow(/FTG-S3-1/);
  });

  test('validateScope (cdk-nag entry point for tests) runs the same rules', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    new s3.Bucket(stack, 'Plain');
    kmsBucket(stack, 'Enc');
    const report = new FinTechChecks(app, { rules: [S3BucketEncrypted] }).validateScope(app);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.violatingResources.map((x) => x.constructPath))).toEqual([['S/Plain/Resource']]);
  });
});

describe('FinTechChecks.validateScope', () => {
  test('runs aspects first (tags added with Tags.of are seen)', () => {
    const { Tags } = require('aws-cdk-lib');
    const app = new App();
    const stack = new Stack(app, 'Tagged');
    kmsBucket(stack, 'Enc');
    Tags.of(stack).add('any', 'tag');
    const report = new FinTechChecks(app, { rules: [S3BucketEncrypted, SelectableRule] }).validateScope(stack);
    expect(report.violations).toEqual([]);
  });
});

describe('FinTechChecks compliance report at synthesis', () => {
  test('report: true writes md, json and html into the cloud assembly, one row per catalog item', () => {
    const r = synth((s) => { kmsBucket(s, 'Enc'); }, { report: true });
    expect(r.error).toBeUndefined();
    for (const ext of ['md', 'json', 'html']) expect(fs.existsSync(path.join(r.outdir, `fintech-compliance-report.${ext}`))).toBe(true);
    const json = JSON.parse(fs.readFileSync(path.join(r.outdir, 'fintech-compliance-report.json'), 'utf-8'));
    expect(json.items).toHaveLength(54);
    expect(json.items.find((i: any) => i.id === 'DM-1').status).toBe('pass');
    expect(json.items.find((i: any) => i.id === 'BP-4').status).toBe('fail'); // the test rule's warning is open
  });

  test('no report unless asked', () => {
    const r = synth((s) => { kmsBucket(s, 'Enc'); });
    expect(fs.existsSync(path.join(r.outdir, 'fintech-compliance-report.md'))).toBe(false);
  });
});
