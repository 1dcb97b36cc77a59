/**
 * The secure defaults of every bucket fintech-guardrails creates (the write-once archive, its access-log
 * bucket, the baseline's AWS Config history), in one place: encryption, versioning, all public access
 * blocked, ACLs off, TLS 1.2+ only, retained on stack deletion, tagged with its data classification.
 * The props type leaves these settings out, so a caller cannot weaken them.
 *
 * Internal to the library (not re-exported). Plain functions that create the bucket in the caller's
 * scope: no construct of its own, so logical IDs are those of a bucket created directly there.
 */
import { RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The tag key that says how sensitive a data store's contents are (DM-4; checked by FinTechChecks FTG-TAG-1). */
export const DATA_CLASSIFICATION_TAG = 'data-classification';

/** The settings every bucket gets, whatever the caller asks (DM-1, DM-5, NT-1). */
export const SECURE_BUCKET_SETTINGS = {
  versioned: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies s3.BucketProps;

/** Properties of a secure bucket: anything but the fixed settings. */
export interface SecureBucketProps
  extends Omit<s3.BucketProps, keyof typeof SECURE_BUCKET_SETTINGS | 'encryption' | 'bucketKeyEnabled' | 'publicReadAccess' | 'encryptionKey'> {
  /**
   * The KMS key (SSE-KMS with an S3 Bucket Key).
   *
   * @default - SSE-S3 (for buckets that receive S3 server access logs, which cannot be SSE-KMS)
   */
  readonly encryptionKey?: kms.IKey;

  /** The value of the `data-classification` tag (DM-4). */
  readonly dataClassification: string;
}

/** The `s3.BucketProps` of a secure bucket. */
export function secureBucketProps(props: SecureBucketProps): s3.BucketProps {
  const { dataClassification: _classification, encryptionKey, ...rest } = props;
  const encryption: Partial<s3.BucketProps> = encryptionKey
    ? { encryption: s3.BucketEncryption.KMS, encryptionKey, bucketKeyEnabled: true }
    : { encryption: s3.BucketEncryption.S3_MANAGED };
  return { ...rest, ...encryption, ...SECURE_BUCKET_SETTINGS };
}

/**
 * A bucket with the secure settings, tagged with its data classification, whose bucket policy (created
 * by `enforceSSL`) is retained with it.
 */
export function createSecureBucket(scope: Construct, id: string, props: SecureBucketProps): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, secureBucketProps(props));
  bucket.policy?.applyRemovalPolicy(RemovalPolicy.RETAIN);
  Tags.of(bucket).add(DATA_CLASSIFICATION_TAG, props.dataClassification);
  return bucket;
}

/** Where a bucket's S3 server access logs go. */
export interface ServerAccessLogsOptions {
  /** The bucket that receives the logs. */
  readonly destination: s3.IBucket;
  /** The key prefix of the logs in `destination`, ending with `/`. */
  readonly prefix: string;
  /** The `Sid` of the statement added to the destination's bucket policy. */
  readonly sid: string;
}

/**
 * S3 server access logging of `bucket` into `destination`, delivered by the logging service under a
 * bucket policy (never ACLs), whatever the app's `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` flag
 * says. No dependency from the bucket on that policy: the policy names the bucket's ARN, so that would
 * be a cycle, and S3 does not check the target's policy when logging is configured.
 *
 * Returns the statement and whether it could be added (not to an imported destination).
 */
export function logServerAccess(bucket: s3.Bucket, options: ServerAccessLogsOptions): { statement: iam.PolicyStatement; added: boolean } {
  const { destination, prefix, sid } = options;
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
    destinationBucketName: destination.bucketName,
    logFilePrefix: prefix,
    targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
  };
  const statement = new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [destination.arnForObjects(`${prefix}*`)],
    conditions: {
      ArnLike: { 'aws:SourceArn': bucket.bucketArn },
      StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account },
    },
  });
  return { statement, added: destination.addToResourcePolicy(statement).statementAdded };
}
