/**
 * The guard rules inside a CDK app, through CDK's policy validation and the CfnGuardValidator
 * plugin of `@cdklabs/cdk-validator-cfnguard`, given the rules directory as packs/guard/README.md
 * shows it. Also checks that the plugin can read the output of every rule (it parses guard's JSON
 * itself), over all the parity fixtures.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** The rules directory, found the way the README tells users to (the package resolves itself through its "exports"). */
function rulesDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve('fintech-guardrails/package.json');
  } catch {
    // Jest's resolver may not resolve a package from inside itself; Node does.
    pkg = require('module').createRequire(__filename).resolve('fintech-guardrails/package.json');
  }
  return path.join(pkg, '..', 'packs', 'guard');
}

function synth(build: (stack: Stack) => void) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-guard-cdk-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'GuardTest');
  build(stack);
  Validations.of(app).addPlugins(new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [rulesDir()] }));
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  }
  const file = path.join(outdir, 'validation-report.json');
  const report = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')) : undefined;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { error, report };
}

function guardReport(report: any) {
  return report.pluginReports.find((p: any) => p.pluginName === 'cdk-validator-cfnguard');
}

describe('guard rules through CDK policy validation (CfnGuardValidator)', () => {
  test('the rules directory resolves from the package name', () => {
    const dir = rulesDir();
    expect(fs.existsSync(path.join(dir, 's3', 'ftg-s3-1.guard'))).toBe(true);
  });

  test('a bucket without KMS encryption fails synthesis and the report lists FTG_S3_1 with its items and fix', () => {
    const r = synth((s) => {
      new s3.Bucket(s, 'Plain');
    });
    expect(r.error).toBeDefined();
    const report = guardReport(r.report);
    expect(report.conclusion).toBe('failure');
    const v = report.violations.find((x: any) => x.ruleName === 'FTG_S3_1');
    expect(v).toBeDefined();
    expect(v.description).toMatch(/^FTG-S3-1 \[DM-1, DM-2\]: The S3 bucket does not use KMS default encryption/);
    expect(v.suggestedFix).toMatch(/BucketEncryption\.KMS/);
    expect(v.violatingConstructs.map((c: any) => c.constructPath)).toContain('GuardTest/Plain/Resource');
  });

  test('a compliant bucket is not reported by the S3 rules; an acknowledged one is skipped', () => {
    const r = synth((s) => {
      const good = new s3.Bucket(s, 'Good', {
        encryption: s3.BucketEncryption.KMS,
        enforceSSL: true,
        versioned: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        serverAccessLogsPrefix: 'logs/',
      });
      const acked = new s3.Bucket(s, 'Acked');
      (acked.node.defaultChild as CfnResource).addMetadata('cdk_nag', {
        rules_to_suppress: [{ id: 'FinTechChecks::FTG-S3-1', reason: 'Public website assets, no personal data.' }],
      });
      expect(good).toBeDefined();
    });
    const report = guardReport(r.report);
    const s3Rules = report.violations.filter((x: any) => /^FTG_S3_/.test(x.ruleName));
    const paths = (rule: string) => s3Rules.filter((x: any) => x.ruleName === rule).flatMap((x: any) => x.violatingConstructs.map((c: any) => c.constructPath));
    for (const v of s3Rules) expect(v.violatingConstructs.map((c: any) => c.constructPath)).not.toContain('GuardTest/Good/Resource');
    expect(paths('FTG_S3_1')).not.toContain('GuardTest/Acked/Resource');
    expect(paths('FTG_S3_4')).toContain('GuardTest/Acked/Resource');
  });

  test('the plugin reads the output of every rule over the parity fixtures', () => {
    const fixtures = path.join(__dirname, 'fixtures');
    const templates = fs.readdirSync(fixtures).filter((f) => f.endsWith('.json')).map((f) => path.join(fixtures, f));
    const plugin = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [rulesDir()] });
    const result = plugin.validate({ templatePaths: templates } as any);
    expect(result.success).toBe(false);
    const rules = new Set(result.violations.map((v) => v.ruleName));
    expect(rules.size).toBeGreaterThanOrEqual(40);
    for (const v of result.violations) {
      expect(v.description).toMatch(/^FTG-[A-Z0-9]+-\d+ \[[A-Z]{2}-\d+(, [A-Z]{2}-\d+)*\]: /);
      expect(v.fix).not.toBe('N/A');
      for (const r of v.violatingResources) expect(r.resourceLogicalId).toMatch(/^[A-Za-z0-9]+$/);
    }
  });
});
