import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { CloudTrailLogValidation } from '../../packs/rules/cloudtrail/CloudTrailLogValidation';
import { cfn, statusOf } from '../helpers/rules';

const T = 'AWS::CloudTrail::Trail';
const trail = (EnableLogFileValidation: unknown, extra = {}) => cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName: 'logs', EnableLogFileValidation } } }, extra);

describe('CloudTrailLogValidation (FTG-CT-1)', () => {
  describe('non-compliance', () => {
    test('L2 trail with file validation off', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T', { enableFileValidation: false });
      expect(statusOf(CloudTrailLogValidation, stack, T)).toBe('non-compliant');
    });
    test('L1 trail without EnableLogFileValidation', () => {
      expect(statusOf(CloudTrailLogValidation, trail(undefined), T)).toBe('non-compliant');
    });
    test('escape hatch turns validation off', () => {
      const stack = new Stack(new App());
      const t = new cloudtrail.Trail(stack, 'T');
      (t.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('EnableLogFileValidation', false);
      expect(statusOf(CloudTrailLogValidation, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 trail (validation on by default)', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T');
      expect(statusOf(CloudTrailLogValidation, stack, T)).toBe('compliant');
    });
    test('L1 trail with "true" as a string', () => {
      expect(statusOf(CloudTrailLogValidation, trail('true'), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('event data stores', () => {
      expect(statusOf(CloudTrailLogValidation, cfn({ E: { Type: 'AWS::CloudTrail::EventDataStore' } }), 'AWS::CloudTrail::EventDataStore')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with default true is compliant', () => {
      expect(statusOf(CloudTrailLogValidation, trail({ Ref: 'V' }, { Parameters: { V: { Type: 'String', Default: 'true' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(CloudTrailLogValidation, trail({ Ref: 'V' }, { Parameters: { V: { Type: 'String', AllowedValues: ['true', 'false'] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(CloudTrailLogValidation, trail({ Ref: 'V' }, { Parameters: { V: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with a false branch is non-compliant', () => {
      expect(statusOf(CloudTrailLogValidation, trail({ 'Fn::If': ['C', true, false] }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches true is compliant', () => {
      expect(statusOf(CloudTrailLogValidation, trail({ 'Fn::If': ['C', true, 'true'] }), T)).toBe('compliant');
    });
    test('GetAtt is unverifiable', () => {
      const t = cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName: 'logs', EnableLogFileValidation: { 'Fn::GetAtt': ['X', 'V'] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(CloudTrailLogValidation, t, T)).toBe('unverifiable');
    });
  });
});
