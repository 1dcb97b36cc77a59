/**
 * The storage guarantees of `WriteOnceLogArchive` (LA-1: "storage that only root can alter"): the
 * actions only the account root may perform on the archive and its access-log bucket, and the bucket
 * policy statements that deny them to everyone else.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Bucket-level actions only the account root may perform on the archive (and its access-log bucket):
 * everything that could weaken or remove the storage guarantees.
 */
export const ROOT_ONLY_BUCKET_ACTIONS: readonly string[] = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:PutEncryptionConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketLogging',
  's3:PutBucketOwnershipControls',
  's3:PutBucketAcl',
  's3:PutReplicationConfiguration',
  's3:DeleteBucket',
];

/** Object-level actions only the account root may perform: deleting, unlocking or re-permissioning logs. */
export const ROOT_ONLY_OBJECT_ACTIONS: readonly string[] = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
];

/**
 * Deny everyone but the account root the actions that could weaken or remove the bucket's storage
 * guarantees. Reading is not affected.
 */
export function protectStorage(bucket: s3.Bucket): void {
  const stack = Stack.of(bucket);
  const notRoot = { ArnNotEquals: { 'aws:PrincipalArn': `arn:${stack.partition}:iam::${stack.account}:root` } };
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'OnlyRootAltersBucket',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [...ROOT_ONLY_BUCKET_ACTIONS],
      resources: [bucket.bucketArn],
      conditions: notRoot,
    }),
  );
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'OnlyRootDeletesOrUnlocksObjects',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [...ROOT_ONLY_OBJECT_ACTIONS],
      resources: [bucket.arnForObjects('*')],
      conditions: notRoot,
    }),
  );
  // A deleted stack must not try (and fail) to delete a policy only root may delete.
  bucket.policy?.applyRemovalPolicy(RemovalPolicy.RETAIN);
}

/**
 * The statements that let the trails of the bucket's account deliver into it (CloudTrail's documented
 * bucket policy, limited to this account's trails). Part of the policy from the first deployment, so
 * adding a trail later needs no change to a policy only root may change.
 */
export function allowAccountTrails(bucket: s3.Bucket): void {
  const { account, partition } = Stack.of(bucket);
  const cloudTrailPrincipal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const trailsOfThisAccount = { 'aws:SourceAccount': account };
  const trailArnPattern = { 'aws:SourceArn': `arn:${partition}:cloudtrail:*:${account}:trail/*` };
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailAclCheck',
      principals: [cloudTrailPrincipal],
      actions: ['s3:GetBucketAcl'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: trailsOfThisAccount, ArnLike: trailArnPattern },
    }),
  );
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailWrite',
      principals: [cloudTrailPrincipal],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`AWSLogs/${account}/*`)],
      conditions: {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...trailsOfThisAccount },
        ArnLike: trailArnPattern,
      },
    }),
  );
}
