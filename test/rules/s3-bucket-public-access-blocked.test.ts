import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3BucketPublicAccessBlocked } from '../../packs/rules/s3/S3BucketPublicAccessBlocked';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::S3::Bucket';
const ALL = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
const bucket = (pab: unknown, extra = {}) => cfn({ B: { Type: T, Properties: { PublicAccessBlockConfiguration: pab } } }, extra);

describe('S3BucketPublicAccessBlocked (FTG-S3-3)', () => {
  describe('non-compliance', () => {
    test('L2 bucket with BLOCK_ACLS only', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
      expect(statusOf(S3BucketPublicAccessBlocked, stack, T)).toBe('non-compliant');
    });
    test('L1 bucket without PublicAccessBlockConfiguration', () => {
      const o = outcomes(S3BucketPublicAccessBlocked, cfn({ B: { Type: T } }));
      expect(o.B).toEqual({ status: 'non-compliant', detail: 'PublicAccessBlockConfiguration is not set' });
    });
    test('L1 bucket naming three flags (the fourth defaults to false)', () => {
      const { RestrictPublicBuckets: _omit, ...three } = ALL;
      expect(outcomes(S3BucketPublicAccessBlocked, bucket(three)).B).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('RestrictPublicBuckets') }));
    });
    test('escape hatch turns one flag off', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
      (b.node.defaultChild as s3.CfnBucket).addPropertyOverride('PublicAccessBlockConfiguration.BlockPublicPolicy', false);
      expect(statusOf(S3BucketPublicAccessBlocked, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 bucket with BLOCK_ALL', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
      expect(statusOf(S3BucketPublicAccessBlocked, stack, T)).toBe('compliant');
    });
    test('L1 bucket with all four flags as strings', () => {
      expect(statusOf(S3BucketPublicAccessBlocked, bucket({ BlockPublicAcls: 'true', BlockPublicPolicy: 'true', IgnorePublicAcls: 'true', RestrictPublicBuckets: 'true' }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(S3BucketPublicAccessBlocked, cfn({ Q: { Type: 'AWS::SQS::Queue' } }), 'AWS::SQS::Queue')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => bucket({ ...ALL, BlockPublicPolicy: { Ref: 'Block' } }, { Parameters: { Block: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(S3BucketPublicAccessBlocked, param({ Default: 'true' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(S3BucketPublicAccessBlocked, param({ AllowedValues: ['true', 'false'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(S3BucketPublicAccessBlocked, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(S3BucketPublicAccessBlocked, bucket({ 'Fn::If': ['Prod', ALL, { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches blocking all is compliant', () => {
      expect(statusOf(S3BucketPublicAccessBlocked, bucket({ 'Fn::If': ['Prod', ALL, { ...ALL, BlockPublicAcls: 'true' }] }), T)).toBe('compliant');
    });
    test('GetAtt for a flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, B: { Type: T, Properties: { PublicAccessBlockConfiguration: { ...ALL, IgnorePublicAcls: { 'Fn::GetAtt': ['X', 'Flag'] } } } } });
      expect(statusOf(S3BucketPublicAccessBlocked, t, T)).toBe('unverifiable');
    });
  });
});

describe('S3BucketPublicAccessBlocked details in Japanese', () => {
  test('no configuration, and a flag left out', () => {
    expect(outcomes(S3BucketPublicAccessBlocked, cfn({ B: { Type: T } }), { language: 'ja' }).B)
      .toEqual({ status: 'non-compliant', detail: 'PublicAccessBlockConfiguration が未設定です' });
    const { RestrictPublicBuckets: _r, ...three } = ALL;
    expect(outcomes(S3BucketPublicAccessBlocked, bucket(three), { language: 'ja' }).B)
      .toEqual({ status: 'non-compliant', detail: 'PublicAccessBlockConfiguration.RestrictPublicBuckets が 未設定 です' });
  });
});
