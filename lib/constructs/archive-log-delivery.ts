/**
 * The log shipping of `WriteOnceLogArchive.addLogGroup`: one Firehose delivery stream per archive that
 * writes subscribed CloudWatch Logs events, SSE-KMS encrypted, into the archive bucket (put only), and
 * the role CloudWatch Logs uses to send them. The resources are created in the archive's scope (the
 * construct IDs are those the archive always had).
 */
import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Prefix under which CloudWatch Logs shipped by `addLogGroup` land. */
export const APPLICATION_LOGS_PREFIX = 'cloudwatch-logs/';
/** Prefix under which Firehose writes records it could not deliver. */
export const DELIVERY_ERRORS_PREFIX = 'firehose-errors/';

/** The delivery stream and the role CloudWatch Logs subscriptions use to put records into it. */
export interface ArchiveLogDelivery {
  readonly stream: firehose.CfnDeliveryStream;
  readonly subscriptionRole: iam.Role;
}

/**
 * Create the delivery stream of `scope` (the archive) into `bucket`, encrypted with `key`. The key must
 * already let CloudWatch Logs use it (for the delivery-error log group).
 */
export function createArchiveLogDelivery(scope: Construct, bucket: s3.Bucket, key: kms.IKey): ArchiveLogDelivery {
  const stack = Stack.of(scope);
  const errorLogGroup = new logs.LogGroup(scope, 'DeliveryErrors', {
    encryptionKey: key,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const errorLogStream = errorLogGroup.addStream('S3Delivery');

  const objectArns = [bucket.arnForObjects(`${APPLICATION_LOGS_PREFIX}*`), bucket.arnForObjects(`${DELIVERY_ERRORS_PREFIX}*`)];
  const deliveryRole = new iam.Role(scope, 'DeliveryRole', {
    assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
      conditions: { StringEquals: { 'sts:ExternalId': stack.account } },
    }),
    description: 'Lets Firehose write shipped CloudWatch Logs into the write-once archive (put only)',
    inlinePolicies: {
      WriteToArchive: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'BucketLookups',
            actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
            resources: [bucket.bucketArn],
          }),
          new iam.PolicyStatement({
            sid: 'PutLogObjects',
            actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
            resources: objectArns,
          }),
          new iam.PolicyStatement({
            sid: 'EncryptThroughS3',
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: [key.keyArn],
            conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
          }),
          new iam.PolicyStatement({
            sid: 'ReportDeliveryErrors',
            actions: ['logs:PutLogEvents'],
            resources: [
              stack.formatArn({
                service: 'logs',
                resource: 'log-group',
                resourceName: `${errorLogGroup.logGroupName}:log-stream:${errorLogStream.logStreamName}`,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        ],
      }),
    },
  });
  const bucketArnRef = `<${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
  Validations.of(deliveryRole).acknowledge(
    {
      id: `AwsSolutions-IAM5[Resource::${bucketArnRef}/${APPLICATION_LOGS_PREFIX}*]`,
      reason:
        'Firehose names each object it writes (date path and a random suffix), so object ARNs can only be matched by prefix. ' +
        'The role can only put objects under this prefix; Object Lock and the bucket policy stop it from deleting or overwriting logs.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${bucketArnRef}/${DELIVERY_ERRORS_PREFIX}*]`,
      reason:
        'Firehose writes records it could not deliver under this prefix with generated object names; the role can only put objects there.',
    },
  );

  const stream = new firehose.CfnDeliveryStream(scope, 'DeliveryStream', {
    deliveryStreamType: 'DirectPut',
    deliveryStreamEncryptionConfigurationInput: {
      keyType: 'CUSTOMER_MANAGED_CMK',
      keyArn: key.keyArn,
    },
    extendedS3DestinationConfiguration: {
      bucketArn: bucket.bucketArn,
      roleArn: deliveryRole.roleArn,
      prefix: `${APPLICATION_LOGS_PREFIX}!{timestamp:yyyy/MM/dd}/`,
      errorOutputPrefix: `${DELIVERY_ERRORS_PREFIX}!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
      // CloudWatch Logs already gzip-compresses what it sends; compressing again would nest archives.
      compressionFormat: 'UNCOMPRESSED',
      fileExtension: '.gz',
      bufferingHints: { intervalInSeconds: 300, sizeInMBs: 5 },
      encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: key.keyArn } },
      cloudWatchLoggingOptions: {
        enabled: true,
        logGroupName: errorLogGroup.logGroupName,
        logStreamName: errorLogStream.logStreamName,
      },
    },
  });
  stream.node.addDependency(deliveryRole);

  const subscriptionRole = new iam.Role(scope, 'SubscriptionRole', {
    assumedBy: new iam.ServicePrincipal('logs.amazonaws.com', {
      conditions: {
        StringLike: { 'aws:SourceArn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*` },
      },
    }),
    description: 'Lets CloudWatch Logs put subscribed log events into the archive delivery stream',
    inlinePolicies: {
      PutRecords: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
            resources: [stream.attrArn],
          }),
        ],
      }),
    },
  });
  return { stream, subscriptionRole };
}
