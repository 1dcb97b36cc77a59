import { Duration, RemovalPolicy, Stack, StackProps, Tags, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EnvelopeEncryptionKey, RootLoginNotification, WriteOnceLogArchive } from '../../lib/constructs';

/**
 * A payments workload: customer statements under envelope encryption (NT-1, DM-1, DM-2), application
 * logs and the CloudTrail trail shipped into a write-once archive only root can alter (LA-1, EX-1), and
 * root logins notified to management (CA-3, EX-1).
 */
export class PaymentsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // The root key of envelope encryption: rotated, admins cannot use it, users cannot manage it.
    const dataKey = new EnvelopeEncryptionKey(this, 'CustomerDataKey', { rotationPeriod: Duration.days(365) });

    // Server access logs (LA-2). S3 log delivery writes only to SSE-S3 buckets.
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new s3.Bucket(this, 'Statements', {
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'statements/',
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: dataKey.key,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // LA-1 / EX-1: the audit trail and the application's logs go to storage only root can alter.
    const archive = new WriteOnceLogArchive(this, 'LogArchive', { retention: Duration.days(400) });
    archive.addTrail({ cloudWatchLogs: true });
    const appLogs = new logs.LogGroup(this, 'ApplicationLogs', {
      encryptionKey: archive.encryptionKey,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    archive.addLogGroup(appLogs);

    // CA-3 / EX-1: management hears of every root login.
    const root = new RootLoginNotification(this, 'RootLogin', { emails: ['cto@example.com', 'ceo@example.com'] });
    Validations.of(root).acknowledge({
      id: 'fintech-guardrails:rootLoginRegion',
      reason: 'The pipeline deploys this stack to us-east-1, where AWS delivers root console sign-in events.',
    });

    // Where data may be stored by sensitivity (DM-4): every data store says what it holds.
    Tags.of(this).add('data-classification', 'confidential');
  }
}
