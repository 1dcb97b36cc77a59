/**
 * The pack on a known stack: exactly which rule IDs fire, at which level. A change in any rule's
 * scope or level shows up here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FinTechChecks } from '../../packs/fintech-checks';

function knownStack(stack: Stack) {
  new s3.Bucket(stack, 'PlainBucket');
  new kms.Key(stack, 'NoRotationKey', { enableKeyRotation: false });
  new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
  new iam.Role(stack, 'Admin', {
    assumedBy: new iam.AccountRootPrincipal(),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.KMS, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new cloudfront.Distribution(stack, 'Cdn', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) } });
}

function run() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-known-'));
  const app = new App({ outdir });
  knownStack(new Stack(app, 'Known'));
  Validations.of(app).addPlugins(new FinTechChecks(app));
  try {
    app.synth();
  } catch { /* error-level findings fail synthesis; the report is written first */ }
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
  const ours = report.pluginReports.find((p: any) => p.pluginName === 'FinTechChecks');
  const fired = new Set<string>();
  for (const v of ours.violations) for (const c of v.violatingConstructs) fired.add(`${v.ruleName} ${v.severity} ${c.constructPath.split('/').slice(1, 2)[0]}`);
  return [...fired].sort();
}

describe('FinTechChecks on a known stack', () => {
  test('fires exactly these rules, at these levels, on these constructs', () => {
    expect(run()).toEqual(EXPECTED);
  });
});

describe('escape hatches: cdk-nag misses them, FinTechChecks does not', () => {
  test('a LoggingConfiguration deleted through an escape hatch', () => {
    const build = () => {
      const app = new App();
      const stack = new Stack(app, 'Hatch');
      const logs = new s3.Bucket(stack, 'Logs');
      const b = new s3.Bucket(stack, 'Data', { serverAccessLogsBucket: logs });
      (b.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('LoggingConfiguration');
      return { app, stack };
    };
    // cdk-nag reads the L1 construct's properties, where LoggingConfiguration is still set.
    const nag = build();
    const nagReport = new AwsSolutionsChecks().validateScope(nag.app);
    const s1 = nagReport.violations.filter((v) => v.ruleName === 'AwsSolutions-S1').flatMap((v) => v.violatingResources.map((r) => r.constructPath));
    expect(s1).not.toContain('Hatch/Data/Resource');
    // FinTechChecks reads the template CloudFormation receives.
    const ours = build();
    const report = new FinTechChecks(ours.app).validateScope(ours.app);
    const s5 = report.violations.filter((v) => v.ruleName === 'FTG-S3-5').flatMap((v) => v.violatingResources.map((r) => r.constructPath));
    expect(s5).toContain('Hatch/Data/Resource');
  });
});

const EXPECTED: string[] = [
  'FTG-CF-1 error Cdn', // viewer protocol allow-all (default)
  'FTG-CF-2 error Cdn', // default certificate allows TLSv1
  'FTG-CF-3 warning Cdn', // no HSTS: BP-4 is selectable
  'FTG-CF-4 error Cdn', // no WAF
  'FTG-CF-5 error Cdn', // no access logs
  'FTG-IAM-5 error Admin', // account trust without MFA
  'FTG-IAM-6 error Admin', // AdministratorAccess
  'FTG-KMS-1 error NoRotationKey',
  'FTG-S3-1 error PlainBucket',
  'FTG-S3-2 error PlainBucket',
  'FTG-S3-3 error PlainBucket',
  'FTG-S3-4 error PlainBucket',
  'FTG-S3-5 error PlainBucket',
  'FTG-S3-5 error Site',
  'FTG-SQS-2 error Queue', // no TLS-only queue policy
  'FTG-TAG-1 error PlainBucket',
  'FTG-TAG-1 error Site',
];
