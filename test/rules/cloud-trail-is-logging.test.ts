import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { CloudTrailIsLogging } from '../../packs/rules/cloudtrail/CloudTrailIsLogging';
import { cfn, statusOf } from '../helpers/rules';

const T = 'AWS::CloudTrail::Trail';
const trail = (IsLogging: unknown, extra = {}) => cfn({ T: { Type: T, Properties: { S3BucketName: 'logs', IsLogging } } }, extra);

describe('CloudTrailIsLogging (FTG-CT-6)', () => {
  describe('non-compliance', () => {
    test('L1 trail with IsLogging false', () => {
      expect(statusOf(CloudTrailIsLogging, trail(false), T)).toBe('non-compliant');
    });
    test('L1 CfnTrail in a stack with isLogging false', () => {
      const stack = new Stack(new App());
      new cloudtrail.CfnTrail(stack, 'T', { isLogging: false, s3BucketName: 'logs' });
      expect(statusOf(CloudTrailIsLogging, stack, T)).toBe('non-compliant');
    });
    test('escape hatch stops an L2 trail', () => {
      const stack = new Stack(new App());
      const t = new cloudtrail.Trail(stack, 'T');
      (t.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('IsLogging', false);
      expect(statusOf(CloudTrailIsLogging, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 trail', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T');
      expect(statusOf(CloudTrailIsLogging, stack, T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('buckets', () => {
      expect(statusOf(CloudTrailIsLogging, cfn({ B: { Type: 'AWS::S3::Bucket' } }), 'AWS::S3::Bucket')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with default true is compliant', () => {
      expect(statusOf(CloudTrailIsLogging, trail({ Ref: 'L' }, { Parameters: { L: { Type: 'String', Default: 'true' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(CloudTrailIsLogging, trail({ Ref: 'L' }, { Parameters: { L: { Type: 'String', AllowedValues: ['true', 'false'] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(CloudTrailIsLogging, trail({ Ref: 'L' }, { Parameters: { L: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with a false branch is non-compliant', () => {
      expect(statusOf(CloudTrailIsLogging, trail({ 'Fn::If': ['C', true, false] }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches true is compliant', () => {
      expect(statusOf(CloudTrailIsLogging, trail({ 'Fn::If': ['C', true, 'true'] }), T)).toBe('compliant');
    });
    test('GetAtt is unverifiable', () => {
      const t = cfn({ T: { Type: T, Properties: { S3BucketName: 'logs', IsLogging: { 'Fn::GetAtt': ['X', 'On'] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(CloudTrailIsLogging, t, T)).toBe('unverifiable');
    });
  });
});
