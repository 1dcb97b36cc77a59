/**
 * The secure bucket defaults shared by WriteOnceLogArchive and the baseline (lib/constructs/secure-bucket.ts).
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createSecureBucket, secureBucketProps } from '../../lib/constructs/secure-bucket';

test('SSE-KMS with a Bucket Key when given a key, else SSE-S3', () => {
  const stack = new Stack(new App(), 'S');
  const key = new kms.Key(stack, 'Key');
  expect(secureBucketProps({ dataClassification: 'x', encryptionKey: key })).toMatchObject({
    encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true,
  });
  expect(secureBucketProps({ dataClassification: 'x' }).encryption).toBe(s3.BucketEncryption.S3_MANAGED);
});

test('the fixed settings win over anything passed around the type', () => {
  const weak = { dataClassification: 'x', enforceSSL: false, versioned: false, removalPolicy: RemovalPolicy.DESTROY } as any;
  expect(secureBucketProps(weak)).toMatchObject({
    enforceSSL: true,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    minimumTLSVersion: 1.2,
  });
  expect(secureBucketProps(weak)).not.toHaveProperty('dataClassification');
});

test('the bucket is created in the given scope, tagged, and its policy retained', () => {
  const stack = new Stack(new App(), 'S');
  const bucket = createSecureBucket(stack, 'Store', { dataClassification: 'restricted' });
  expect(bucket.node.scope).toBe(stack);
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::S3::Bucket', {
    VersioningConfiguration: { Status: 'Enabled' },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    Tags: [{ Key: 'data-classification', Value: 'restricted' }],
  });
  template.hasResource('AWS::S3::BucketPolicy', { DeletionPolicy: 'Retain' });
  template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
});
