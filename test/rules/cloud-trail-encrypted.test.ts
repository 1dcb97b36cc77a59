import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CloudTrailEncrypted } from '../../packs/rules/cloudtrail/CloudTrailEncrypted';
import { cfn, statusOf } from '../helpers/rules';

const T = 'AWS::CloudTrail::Trail';
const trail = (KMSKeyId: unknown, extra: Record<string, unknown> = {}, more: Record<string, unknown> = {}) =>
  cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName: 'logs', KMSKeyId } }, ...more }, extra);

describe('CloudTrailEncrypted (FTG-CT-3)', () => {
  describe('non-compliance', () => {
    test('L2 trail without a key', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T');
      expect(statusOf(CloudTrailEncrypted, stack, T)).toBe('non-compliant');
    });
    test('L1 trail with an empty key ID', () => {
      expect(statusOf(CloudTrailEncrypted, trail(''), T)).toBe('non-compliant');
    });
    test('escape hatch removes the key', () => {
      const stack = new Stack(new App());
      const t = new cloudtrail.Trail(stack, 'T', { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      (t.node.defaultChild as cloudtrail.CfnTrail).addPropertyDeletionOverride('KMSKeyId');
      expect(statusOf(CloudTrailEncrypted, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 trail with a KMS key', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T', { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      expect(statusOf(CloudTrailEncrypted, stack, T)).toBe('compliant');
    });
    test('L1 trail with an alias', () => {
      expect(statusOf(CloudTrailEncrypted, trail('alias/cloudtrail'), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('keys themselves', () => {
      expect(statusOf(CloudTrailEncrypted, cfn({ K: { Type: 'AWS::KMS::Key' } }), 'AWS::KMS::Key')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with a key ARN default is compliant', () => {
      expect(statusOf(CloudTrailEncrypted, trail({ Ref: 'K' }, { Parameters: { K: { Type: 'String', Default: 'arn:aws:kms:ap-northeast-1:123456789012:key/abc' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including empty is non-compliant', () => {
      expect(statusOf(CloudTrailEncrypted, trail({ Ref: 'K' }, { Parameters: { K: { Type: 'String', AllowedValues: ['alias/ct', ''] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(CloudTrailEncrypted, trail({ Ref: 'K' }, { Parameters: { K: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(CloudTrailEncrypted, trail({ 'Fn::If': ['C', 'alias/ct', { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with keys in both branches is compliant', () => {
      expect(statusOf(CloudTrailEncrypted, trail({ 'Fn::If': ['C', 'alias/a', 'alias/b'] }), T)).toBe('compliant');
    });
    test('GetAtt of a key is compliant', () => {
      expect(statusOf(CloudTrailEncrypted, trail({ 'Fn::GetAtt': ['K', 'Arn'] }, {}, { K: { Type: 'AWS::KMS::Key' } }), T)).toBe('compliant');
    });
  });
});
