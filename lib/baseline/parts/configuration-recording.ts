/**
 * Configuration recording (LA-3): the AWS Config recorder (all supported resource types, global ones
 * included) with the documented service role, and its delivery channel into a bucket of its own: Config
 * cannot deliver into a bucket with an Object Lock default retention, so the history is not in the
 * archive. Its S3 server access logs go to the archive's access-log bucket.
 */
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createSecureBucket, logServerAccess } from '../../constructs/secure-bucket';
import { WriteOnceLogArchive } from '../../constructs/write-once-log-archive';
import { BaselineContext } from './context';

export class ConfigurationRecording {
  /** The configuration recorder. */
  public readonly recorder: config.CfnConfigurationRecorder;

  /** The bucket that receives the history. */
  public readonly bucket: s3.Bucket;

  /** The key of the history. */
  public readonly key: kms.Key;

  constructor(base: BaselineContext, archive: WriteOnceLogArchive) {
    const stack = base.stack;
    const key = new kms.Key(stack, 'ConfigHistoryKey', {
      description: `Encrypts the AWS Config history of the FinTech account baseline ${stack.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = createSecureBucket(stack, 'ConfigHistory', {
      encryptionKey: key,
      dataClassification: base.dataClassification,
      lifecycleRules: [
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: 'ExpireReplacedVersions', noncurrentVersionExpiration: Duration.days(365) },
      ],
    });

    // S3 server access logs go to the archive's access-log bucket, under their own prefix, through
    // its bucket policy (the archive's bucket policy only lets root change it after the first deployment).
    logServerAccess(bucket, { destination: archive.accessLogsBucket, prefix: 'config-history/', sid: 'ConfigHistoryAccessLogsDelivery' });

    const deliveryPrefix = bucket.arnForObjects(`AWSLogs/${stack.account}/Config/*`);
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };
    const configService = new iam.ServicePrincipal('config.amazonaws.com');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketPermissionsCheck',
      principals: [configService],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: fromThisAccount,
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketDelivery',
      principals: [configService],
      actions: ['s3:PutObject'],
      resources: [deliveryPrefix],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': stack.account } },
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigEncryptsHistory',
      principals: [configService],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: fromThisAccount,
    }));

    const role = new iam.Role(stack, 'ConfigRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', { conditions: fromThisAccount }),
      description: 'AWS Config recorder role (AWS_ConfigRole) that also delivers the history (fintech-guardrails LA-3)',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [bucket.bucketArn] }));
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: [deliveryPrefix],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
        reason:
          'AWS_ConfigRole is the documented policy of an AWS Config recorder role: it lets Config read the configuration of every ' +
          'supported resource type, and AWS adds new types to it. A hand-written copy would silently stop recording new types.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/AWSLogs/${nagAccount(stack)}/Config/*]`,
        reason:
          'AWS Config names the history and snapshot objects it delivers (date paths, generated names) under this documented prefix; ' +
          'the role may only put objects there, with bucket-owner-full-control.',
      },
    );

    const recorder = new config.CfnConfigurationRecorder(stack, 'ConfigRecorder', {
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new config.CfnDeliveryChannel(stack, 'ConfigDeliveryChannel', {
      s3BucketName: bucket.bucketName,
      s3KmsKeyArn: key.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    // PutDeliveryChannel needs an existing recorder; CloudFormation starts the recorder once a channel exists.
    channel.addResourceDependency(recorder);
    if (bucket.policy) channel.node.addDependency(bucket.policy);
    this.recorder = recorder;
    this.bucket = bucket;
    this.key = key;
  }
}

/** How cdk-nag writes this stack's account in finding IDs. */
function nagAccount(stack: Stack): string {
  return Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
}
