/** The guideline's AWS Config conformance pack: the generated template and the construct that deploys it. */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parse } from 'yaml';
import { GuidelineConformancePack } from '../../lib/baseline/conformance-pack';
import { attestationItems } from '../../lib/baseline/attestation';
import { findItem, ITEMS } from '../../lib/catalog';
import { MANAGED_CONFIG_RULES } from '../../lib/catalog/config-rules';
import {
  conformancePackContents, conformancePackYaml, MAX_RULE_DESCRIPTION_LENGTH, MAX_RULE_NAME_LENGTH, MAX_TEMPLATE_BODY_BYTES, RULE_NAME_PATTERN,
} from '../../lib/conformance/conformance-pack';
import { resolveItemLevels } from '../../packs/engine/levels';
import { FinTechChecks } from '../../packs/fintech-checks';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };

describe('conformance pack template', () => {
  const yamlText = conformancePackYaml();
  const template = parse(yamlText);
  const resources = Object.entries(template.Resources) as [string, any][];

  test('parses and has the conformance-pack shape: only Resources, all AWS::Config::ConfigRule with an AWS source', () => {
    expect(Object.keys(template)).toEqual(['Resources']);
    expect(resources.length).toBeGreaterThan(80);
    for (const [id, r] of resources) {
      expect(id).toMatch(/^[A-Za-z0-9]{1,255}$/);
      expect(Object.keys(r).sort()).toEqual(['Properties', 'Type']);
      expect(r.Type).toBe('AWS::Config::ConfigRule');
      expect(r.Properties.Source.Owner).toBe('AWS');
      expect(r.Properties.Source.SourceIdentifier).toMatch(/^[A-Z0-9_]+$/);
    }
  });

  test('rule names are unique, valid, short enough and name their items; descriptions mention them', () => {
    const names = resources.map(([, r]) => r.Properties.ConfigRuleName as string);
    expect(new Set(names).size).toBe(names.length);
    for (const [, r] of resources) {
      const { ConfigRuleName: name, Description: description } = r.Properties;
      expect(name).toMatch(RULE_NAME_PATTERN);
      expect(name.length).toBeLessThanOrEqual(MAX_RULE_NAME_LENGTH);
      expect(name.startsWith('ftg-')).toBe(true);
      const ids = [...name.matchAll(/(?:^ftg|[a-z0-9])-([a-z]{2}-\d+)(?=-)/g)].map((m) => m[1].toUpperCase());
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        expect(findItem(id)).toBeDefined();
        expect(description).toContain(id);
      }
      expect([...description].length).toBeLessThanOrEqual(MAX_RULE_DESCRIPTION_LENGTH);
    }
  });

  test('every item a rule names exists in the catalog, and every catalog mapping is in the pack or listed as left out', () => {
    const { rules, omitted } = conformancePackContents();
    for (const r of rules) for (const id of r.items) expect(findItem(id)).toBeDefined();
    const covered = new Set([...rules.map((r) => r.managedRule).filter(Boolean), ...omitted.map((o) => o.managedRule)]);
    expect([...covered].sort()).toEqual(Object.keys(MANAGED_CONFIG_RULES).sort());
    for (const item of ITEMS) {
      for (const rule of item.aws?.configRules ?? []) {
        const r = rules.find((x) => x.managedRule === rule) ?? omitted.find((o) => o.managedRule === rule)!;
        expect(r.items).toContain(item.id);
      }
    }
    expect(omitted.map((o) => o.managedRule).sort()).toEqual(['cloudformation-stack-drift-detection-check', 'lambda-function-settings-check']);
    for (const o of omitted) expect(yamlText).toContain(`#   ${o.managedRule} [`);
    const byName = Object.fromEntries(rules.map((r) => [r.name, r]));
    expect(byName['ftg-la-2-multi-region-cloudtrail-enabled'].identifier).toBe('MULTI_REGION_CLOUD_TRAIL_ENABLED');
    expect(byName['ftg-bp-1-restricted-ssh'].identifier).toBe('INCOMING_SSH_DISABLED');
  });

  test('one process check per attestation item', () => {
    const checks = resources.filter(([, r]) => r.Properties.Source.SourceIdentifier === 'AWS_CONFIG_PROCESS_CHECK').map(([, r]) => r.Properties.ConfigRuleName);
    expect(checks).toEqual(attestationItems().map((i) => `ftg-${i.id.toLowerCase()}-attestation`));
    expect(checks).toContain('ftg-as-1-attestation');
  });

  test('deterministic, and small enough to go inline', () => {
    expect(conformancePackYaml()).toBe(yamlText);
    expect(Buffer.byteLength(yamlText)).toBeLessThanOrEqual(MAX_TEMPLATE_BODY_BYTES);
  });

  test('team levels leave out what is turned off; a drift-detection role brings its rule in', () => {
    const levels = resolveItemLevels({
      'CF-2': { level: 'off', reason: 'Single-region service by contract.' },
      'AS-3': { level: 'off', reason: 'No bug bounty programme planned.' },
    });
    const names = conformancePackContents({ levels }).rules.map((r) => r.name);
    expect(names).not.toContain('ftg-cf-2-s3-bucket-cross-region-replication-enabled');
    expect(names).not.toContain('ftg-cf-2-attestation');
    expect(names).not.toContain('ftg-as-3-attestation');
    expect(names).toContain('ftg-as-1-attestation');
    const arn = 'arn:aws:iam::123456789012:role/config-drift';
    const drift = parse(conformancePackYaml({ driftDetectionRoleArn: arn })).Resources.FtgCm1Nt2CloudformationStackDriftDetectionCheck;
    expect(drift.Properties).toEqual(expect.objectContaining({
      ConfigRuleName: 'ftg-cm-1-nt-2-cloudformation-stack-drift-detection-check',
      InputParameters: { cloudformationRoleArn: arn },
      Source: { Owner: 'AWS', SourceIdentifier: 'CLOUDFORMATION_STACK_DRIFT_DETECTION_CHECK' },
    }));
  });
});

describe('GuidelineConformancePack', () => {
  test('deploys the generated template inline', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const pack = new GuidelineConformancePack(stack, 'Pack');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Config::ConformancePack', 1);
    t.hasResourceProperties('AWS::Config::ConformancePack', { ConformancePackName: 'fintech-guideline', TemplateBody: conformancePackYaml() });
    expect(pack.templateAsset).toBeUndefined();
    expect(pack.rules.length).toBe(conformancePackContents().rules.length);
  });

  test('or through S3: the staged asset is the same template', () => {
    const outdir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'ftg-cpack-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'S', { env: ENV });
      new GuidelineConformancePack(stack, 'Pack', { forceS3Template: true, conformancePackName: 'acme-guideline' });
      app.synth();
      const t = Template.fromStack(stack);
      const props = (Object.values(t.findResources('AWS::Config::ConformancePack'))[0] as any).Properties;
      expect(props.TemplateBody).toBeUndefined();
      expect(props.ConformancePackName).toBe('acme-guideline');
      const key = String(props.TemplateS3Uri).replace(/^s3:\/\/cdk-[a-z0-9]+-assets-123456789012-ap-northeast-1\//, '');
      expect(key).toMatch(/^[0-9a-f]{64}\.yaml$/);
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'S.assets.json'), 'utf-8'));
      const file = Object.values(manifest.files).find((f: any) => Object.values(f.destinations).some((d: any) => d.objectKey === key)) as any;
      expect(fs.readFileSync(path.join(outdir, file.source.path), 'utf-8')).toBe(conformancePackYaml());
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('bad props are refused', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    expect(() => new GuidelineConformancePack(stack, 'A', { conformancePackName: '1-bad' })).toThrow(/conformancePackName/);
    expect(() => new GuidelineConformancePack(stack, 'B', { conformancePackName: 'has_underscore' })).toThrow(/conformancePackName/);
  });

  test('passes cdk-nag AwsSolutionsChecks and FinTechChecks', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: ENV });
    new GuidelineConformancePack(stack, 'Pack');
    new GuidelineConformancePack(stack, 'ViaS3', { forceS3Template: true, conformancePackName: 'via-s3' });
    const pack = new FinTechChecks(app);
    app.synth();
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    expect(pack.validateScope(app).violations).toEqual([]);
  });
});
