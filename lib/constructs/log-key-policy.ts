/**
 * Key policy statements that let AWS services encrypt logs with a customer managed KMS key: CloudTrail
 * (the trail's log files) and CloudWatch Logs (encrypted log groups). Used by `WriteOnceLogArchive` and
 * by the baseline's organization trail; `createEncryptedLogGroup` makes a log group with a key of its own.
 */
import { RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { DATA_CLASSIFICATION_TAG } from './secure-bucket';

/** CloudTrail may generate data keys for the trails of `stack`'s account. */
export function cloudTrailEncryptsLogsStatement(stack: Stack): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudTrailToEncryptLogs',
    principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
    actions: ['kms:GenerateDataKey'],
    resources: ['*'],
    conditions: {
      StringEquals: { 'aws:SourceAccount': stack.account },
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*`,
      },
    },
  });
}

/** CloudTrail may describe the key (it checks the key when a trail is created or updated). */
export function cloudTrailDescribesKeyStatement(stack: Stack): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudTrailToDescribeKey',
    principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
    actions: ['kms:DescribeKey'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
  });
}

/** CloudWatch Logs of `stack`'s region may use the key for the log groups of `stack`'s account. */
export function cloudWatchLogsUsesKeyStatement(stack: Stack): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudWatchLogsToUseKey',
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: [
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyWithoutPlaintext',
      'kms:DescribeKey',
    ],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
      },
    },
  });
}

export interface EncryptedLogGroupProps {
  /** Construct ID of the key. */
  readonly keyId: string;
  /** Description of the key. */
  readonly keyDescription: string;
  /** Construct ID of the log group. */
  readonly logGroupId: string;
  readonly retention: logs.RetentionDays;
  /** The value of the `data-classification` tag of the log group. */
  readonly dataClassification: string;
}

/**
 * A KMS key (rotation on, retained) that CloudWatch Logs may use, and a retained log group in `stack`
 * encrypted with it, created after it and tagged with its data classification.
 */
export function createEncryptedLogGroup(stack: Stack, props: EncryptedLogGroupProps): { key: kms.Key; logGroup: logs.LogGroup } {
  const key = new kms.Key(stack, props.keyId, {
    description: props.keyDescription,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(cloudWatchLogsUsesKeyStatement(stack));
  const logGroup = new logs.LogGroup(stack, props.logGroupId, {
    encryptionKey: key,
    retention: props.retention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  logGroup.node.addDependency(key);
  Tags.of(logGroup).add(DATA_CLASSIFICATION_TAG, props.dataClassification);
  return { key, logGroup };
}
