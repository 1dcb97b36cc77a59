/**
 * The four secure constructs of fintech-guardrails in one small, deployable app.
 *
 *   cd examples/secure-constructs && npx cdk synth
 *
 * Synthesizes offline (no AWS credentials, no lookups: the Availability Zones are in cdk.json) and is
 * checked at synthesis by our FinTechChecks pack and by cdk-nag's AwsSolutionsChecks.
 *
 * - SecureConstructsHome (ap-northeast-1): a VPC, an immutable server fleet, an envelope encryption key
 *   the fleet may use, a write-once log archive fed by CloudTrail, the VPC flow logs and the
 *   application's logs, and root-login notifications.
 * - SecureConstructsRootSignIn (us-east-1): forwards root console sign-in events, which AWS delivers
 *   in us-east-1 only, to the home region's default event bus.
 */
import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import {
  EnvelopeEncryptionKey,
  ImmutableServerFleet,
  RootLoginNotification,
  WriteOnceLogArchive,
} from '../../lib/constructs';
import { FinTechChecks } from '../../packs/fintech-checks';

const ACCOUNT = '123456789012';
const HOME_REGION = 'ap-northeast-1';

class SecureConstructsHome extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    // LA-1, EX-1, DM-1: logs go to storage only the root user can alter.
    const archive = new WriteOnceLogArchive(this, 'LogArchive', { retention: Duration.days(365) });
    const trail = archive.addTrail({ cloudWatchLogs: true });

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      ],
    });
    const flowLogs = new logs.LogGroup(this, 'VpcFlowLogs', {
      encryptionKey: archive.encryptionKey,
      retention: logs.RetentionDays.ONE_YEAR,
    });
    vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });
    archive.addLogGroup(flowLogs);

    // NT-2, CM-1, CM-4, CF-1: servers are replaced, never changed in place.
    const fleet = new ImmutableServerFleet(this, 'WebFleet', {
      vpc,
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
    const appLogs = new logs.LogGroup(this, 'AppLogs', {
      encryptionKey: archive.encryptionKey,
      retention: logs.RetentionDays.ONE_YEAR,
    });
    fleet.userData.addCommands(`echo "fleet started" | logger -t payments`);
    archive.addLogGroup(appLogs);

    // NT-1, DM-1, DM-2: envelope encryption; the fleet encrypts and decrypts card data of its own
    // context only (use EnvelopeCipher.withKmsKey(key.keyArn) from fintech-guardrails/runtime).
    const key = new EnvelopeEncryptionKey(this, 'CardDataKey', { alias: 'payments/card-data' });
    key.grantEncrypt(fleet.role, { purpose: 'card-data' });
    key.grantDecrypt(fleet.role, { purpose: 'card-data' });

    // CA-3, EX-1: management hears about every use of the root user.
    const rootLogin = new RootLoginNotification(this, 'RootLogin', {
      emails: ['security-officer@example.co.jp'],
      cloudTrailLogGroup: trail.logGroup,
    });
    Validations.of(rootLogin).acknowledge({
      id: 'fintech-guardrails:rootLoginRegion',
      reason: 'Root console sign-in events are forwarded from us-east-1 to this region by the SecureConstructsRootSignIn stack.',
    });
  }
}

/**
 * Runs in us-east-1: sends root console sign-in events to the home region's default event bus, where
 * RootLoginNotification's rule picks them up.
 */
class RootSignInForwarder extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { homeRegion: string }) {
    super(scope, id, props);
    const homeBus = events.EventBus.fromEventBusArn(
      this,
      'HomeBus',
      `arn:${this.partition}:events:${props.homeRegion}:${this.account}:event-bus/default`,
    );
    new events.Rule(this, 'ForwardRootSignIn', {
      description: `Forwards root console sign-ins to ${props.homeRegion} (fintech-guardrails CA-3, EX-1)`,
      eventPattern: {
        detailType: ['AWS Console Sign In via CloudTrail'],
        detail: { userIdentity: { type: ['Root'] } },
      },
      targets: [new targets.EventBus(homeBus)],
    });
  }
}

const app = new App();
new SecureConstructsHome(app, 'SecureConstructsHome', { env: { account: ACCOUNT, region: HOME_REGION } });
new RootSignInForwarder(app, 'SecureConstructsRootSignIn', {
  env: { account: ACCOUNT, region: 'us-east-1' },
  homeRegion: HOME_REGION,
});

Validations.of(app).addPlugins(new FinTechChecks(app), new AwsSolutionsChecks(app));
app.synth();
