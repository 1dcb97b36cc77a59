import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3BucketVersioned } from '../../packs/rules/s3/S3BucketVersioned';
import { cfn, statusOf } from '../helpers/rules';

const T = 'AWS::S3::Bucket';
const bucket = (versioning: unknown, extra = {}) => cfn({ B: { Type: T, Properties: { VersioningConfiguration: versioning } } }, extra);

describe('S3BucketVersioned (FTG-S3-4)', () => {
  describe('non-compliance', () => {
    test('L2 bucket without versioning', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B');
      expect(statusOf(S3BucketVersioned, stack, T)).toBe('non-compliant');
    });
    test('L1 bucket with versioning suspended', () => {
      expect(statusOf(S3BucketVersioned, bucket({ Status: 'Suspended' }), T)).toBe('non-compliant');
    });
    test('escape hatch suspends versioning of a versioned L2 bucket', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B', { versioned: true });
      (b.node.defaultChild as s3.CfnBucket).addPropertyOverride('VersioningConfiguration.Status', 'Suspended');
      expect(statusOf(S3BucketVersioned, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 bucket with versioned: true', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B', { versioned: true });
      expect(statusOf(S3BucketVersioned, stack, T)).toBe('compliant');
    });
    test('L1 bucket with Status Enabled', () => {
      expect(statusOf(S3BucketVersioned, bucket({ Status: 'Enabled' }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(S3BucketVersioned, cfn({ K: { Type: 'AWS::KMS::Key' } }), 'AWS::KMS::Key')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => bucket({ Status: { Ref: 'V' } }, { Parameters: { V: { Type: 'String', ...p } } });
    test('parameter with default Enabled is compliant', () => {
      expect(statusOf(S3BucketVersioned, param({ Default: 'Enabled' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including Suspended is non-compliant', () => {
      expect(statusOf(S3BucketVersioned, param({ AllowedValues: ['Enabled', 'Suspended'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(S3BucketVersioned, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with one suspended branch is non-compliant', () => {
      expect(statusOf(S3BucketVersioned, bucket({ Status: { 'Fn::If': ['Prod', 'Enabled', 'Suspended'] } }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches enabled is compliant', () => {
      expect(statusOf(S3BucketVersioned, bucket({ 'Fn::If': ['Prod', { Status: 'Enabled' }, { Status: 'Enabled' }] }), T)).toBe('compliant');
    });
    test('GetAtt for the status is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, B: { Type: T, Properties: { VersioningConfiguration: { Status: { 'Fn::GetAtt': ['X', 'Status'] } } } } });
      expect(statusOf(S3BucketVersioned, t, T)).toBe('unverifiable');
    });
  });
});

describe('S3BucketVersioned details in Japanese', () => {
  test('versioning suspended', () => {
    const { outcomes } = require('../helpers/rules');
    expect(outcomes(S3BucketVersioned, bucket({ Status: 'Suspended' }), { language: 'ja' }).B)
      .toEqual({ status: 'non-compliant', detail: 'VersioningConfiguration.Status が "Suspended" です' });
  });
});
