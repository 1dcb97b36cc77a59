/**
 * Every construct synthesizes with zero unacknowledged findings under cdk-nag's AwsSolutionsChecks
 * and under our own FinTechChecks pack, with defaults and with its options in use. The
 * acknowledgments the constructs make themselves are listed, each with its written reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { EnvelopeEncryptionKey, ImmutableServerFleet, RootLoginNotification, WriteOnceLogArchive } from '../../lib/constructs';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };

function vpcOf(stack: Stack): ec2.IVpc {
  // Imported, so that the test VPC adds no resources of its own to the findings.
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-12345678',
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    privateSubnetIds: ['subnet-00000001', 'subnet-00000002'],
  });
}

/** One stack with every construct on defaults, one with every option in use. */
function buildApp(outdir?: string): App {
  const app = new App({ outdir });

  const defaults = new Stack(app, 'Defaults', { env: ENV });
  new EnvelopeEncryptionKey(defaults, 'Key');
  new WriteOnceLogArchive(defaults, 'Archive');
  new RootLoginNotification(defaults, 'RootLogin');
  new ImmutableServerFleet(defaults, 'Fleet', { vpc: vpcOf(defaults), machineImage: ec2.MachineImage.latestAmazonLinux2023() });

  const full = new Stack(app, 'Full', { env: ENV });
  const admin = new iam.Role(full, 'KeyAdmin', {
    assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
  });
  const service = new iam.Role(full, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const key = new EnvelopeEncryptionKey(full, 'Key', { admins: [admin] });
  key.grantEncrypt(service, { tenant: 'acme' });
  key.grantDecrypt(service, { tenant: 'acme' });
  const archive = new WriteOnceLogArchive(full, 'Archive');
  const trail = archive.addTrail({ cloudWatchLogs: true });
  archive.addLogGroup(new logs.LogGroup(full, 'AppLogs', { encryptionKey: archive.encryptionKey, retention: logs.RetentionDays.ONE_YEAR }));
  new RootLoginNotification(full, 'RootLogin', { emails: ['security@example.co.jp'], cloudTrailLogGroup: trail.logGroup });
  const fleet = new ImmutableServerFleet(full, 'Fleet', { vpc: vpcOf(full), machineImage: ec2.MachineImage.latestAmazonLinux2023() });
  fleet.attachToApplicationTargetGroup(
    elbv2.ApplicationTargetGroup.fromTargetGroupAttributes(full, 'TargetGroup', {
      targetGroupArn: 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web/0123456789abcdef',
    }),
  );
  return app;
}

function describeViolations(violations: readonly any[]): string {
  return JSON.stringify(
    violations.map((v) => ({
      rule: v.ruleName,
      severity: v.severity,
      description: v.description,
      at: (v.violatingResources ?? v.violatingConstructs ?? []).map((r: any) => r.constructPath),
    })),
    null,
    2,
  );
}

describe('cdk-nag AwsSolutionsChecks', () => {
  const app = buildApp();
  app.synth();
  const report = new AwsSolutionsChecks().validateScope(app);

  test('finds nothing unacknowledged in any construct, with defaults or options', () => {
    if (report.violations.length > 0) {
      throw new Error(`AwsSolutionsChecks findings:\n${describeViolations(report.violations)}`);
    }
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('the constructs acknowledge only what they justify, each with a written reason', () => {
    const acks = acknowledgmentsUnder(app);
    const ids = [...new Set(acks.map((a) => `${a.where.replace(/^(Defaults|Full)\//, '')} ${a.id}`))].sort();
    expect(ids).toEqual([
      'Archive/DeliveryRole AwsSolutions-IAM5[Resource::<ArchiveEFD34886.Arn>/cloudwatch-logs/*]',
      'Archive/DeliveryRole AwsSolutions-IAM5[Resource::<ArchiveEFD34886.Arn>/firehose-errors/*]',
      'Fleet/InstanceRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      'Fleet/Resource AwsSolutions-AS3',
    ]);
    for (const a of acks) {
      expect(a.reason.length).toBeGreaterThan(80);
    }
  });

  test('each acknowledgment is needed: without it the finding appears', () => {
    const bare = new AwsSolutionsChecks();
    // Re-run the rules on a copy of the tree with the acknowledgment metadata hidden.
    const hidden = hideAcknowledgments(app);
    try {
      const r = bare.validateScope(app);
      const names = r.violations.map((v) => v.ruleName).sort();
      expect(names).toEqual(
        [
          'AwsSolutions-AS3',
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
          'AwsSolutions-IAM5[Resource::<ArchiveEFD34886.Arn>/cloudwatch-logs/*]',
          'AwsSolutions-IAM5[Resource::<ArchiveEFD34886.Arn>/firehose-errors/*]',
        ].sort(),
      );
    } finally {
      hidden.restore();
    }
  });
});

const FINTECH_CHECKS = path.resolve(__dirname, '../../packs/fintech-checks.ts');
const describeIfPack = fs.existsSync(FINTECH_CHECKS) ? describe : describe.skip;

describeIfPack('FinTechChecks (our own pack)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FinTechChecks } = require('../../packs/fintech-checks');

  test('finds nothing (no error, no warning) in any construct, with defaults or options', () => {
    const app = buildApp();
    const pack = new FinTechChecks(app);
    app.synth(); // runs the aspects (tags, acknowledgment records) before the rules look at the templates
    const report = pack.validateScope(app);
    if (report.violations.length > 0) {
      throw new Error(`FinTechChecks findings:\n${describeViolations(report.violations)}`);
    }
    expect(report.violations).toEqual([]);
  });

  test('synthesis with the plugin succeeds and reports no violation', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-constructs-'));
    try {
      const app = buildApp(outdir);
      Validations.of(app).addPlugins(new FinTechChecks(app));
      let thrown: unknown;
      try {
        app.synth();
      } catch (err) {
        thrown = err;
      }
      const reportPath = path.join(outdir, 'validation-report.json');
      const violations = fs.existsSync(reportPath)
        ? JSON.parse(fs.readFileSync(reportPath, 'utf8')).pluginReports.flatMap((p: any) => p.violations ?? [])
        : [];
      if (thrown || violations.length > 0) {
        throw new Error(`synthesis failed: ${String(thrown)}\n${describeViolations(violations)}`);
      }
      expect(violations).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

interface Ack {
  readonly id: string;
  readonly reason: string;
  readonly where: string;
}

function acknowledgmentsUnder(root: IConstruct): Ack[] {
  const out: Ack[] = [];
  for (const node of root.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({ id: id.replace(/^annotation::/i, ''), reason: String(reason), where: node.node.path });
      }
    }
  }
  return out;
}

/** Temporarily changes the type of acknowledgment metadata entries so that cdk-nag ignores them. */
function hideAcknowledgments(root: IConstruct): { restore(): void } {
  const changed: { type: string }[] = [];
  for (const node of root.node.findAll()) {
    for (const entry of node.node.metadata as { type: string }[]) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        entry.type = 'hidden-for-test';
        changed.push(entry);
      }
    }
  }
  return {
    restore() {
      for (const e of changed) e.type = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
    },
  };
}
