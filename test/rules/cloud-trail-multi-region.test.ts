import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { CloudTrailMultiRegion } from '../../packs/rules/cloudtrail/CloudTrailMultiRegion';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::CloudTrail::Trail';
const trail = (props: Record<string, unknown>, extra = {}) => cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName: 'logs', ...props } } }, extra);

describe('CloudTrailMultiRegion (FTG-CT-2)', () => {
  describe('non-compliance', () => {
    test('L2 single-region trail', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T', { isMultiRegionTrail: false });
      expect(statusOf(CloudTrailMultiRegion, stack, T)).toBe('non-compliant');
    });
    test('L1 trail without IsMultiRegionTrail', () => {
      expect(statusOf(CloudTrailMultiRegion, trail({}), T)).toBe('non-compliant');
    });
    test('L1 multi-region trail without global service events', () => {
      expect(outcomes(CloudTrailMultiRegion, trail({ IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false })).T)
        .toEqual({ status: 'non-compliant', detail: 'IncludeGlobalServiceEvents is false' });
    });
    test('escape hatch turns off global service events', () => {
      const stack = new Stack(new App());
      const t = new cloudtrail.Trail(stack, 'T');
      (t.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('IncludeGlobalServiceEvents', false);
      expect(statusOf(CloudTrailMultiRegion, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 trail (multi-region with global events by default)', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T');
      expect(statusOf(CloudTrailMultiRegion, stack, T)).toBe('compliant');
    });
    test('L1 multi-region trail without IncludeGlobalServiceEvents (defaults to true)', () => {
      expect(statusOf(CloudTrailMultiRegion, trail({ IsMultiRegionTrail: 'true' }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('channels', () => {
      expect(statusOf(CloudTrailMultiRegion, cfn({ C: { Type: 'AWS::CloudTrail::Channel' } }), 'AWS::CloudTrail::Channel')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const p = (param: Record<string, unknown>) => ({ Parameters: { M: { Type: 'String', ...param } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(CloudTrailMultiRegion, trail({ IsMultiRegionTrail: { Ref: 'M' } }, p({ Default: 'true' })), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(CloudTrailMultiRegion, trail({ IsMultiRegionTrail: { Ref: 'M' } }, p({ AllowedValues: ['true', 'false'] })), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(CloudTrailMultiRegion, trail({ IsMultiRegionTrail: true, IncludeGlobalServiceEvents: { Ref: 'M' } }, p({})), T)).toBe('unverifiable');
    });
    test('Fn::If with a false branch is non-compliant', () => {
      expect(statusOf(CloudTrailMultiRegion, trail({ IsMultiRegionTrail: { 'Fn::If': ['C', true, false] } }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches true is compliant', () => {
      expect(statusOf(CloudTrailMultiRegion, trail({ IsMultiRegionTrail: { 'Fn::If': ['C', true, true] }, IncludeGlobalServiceEvents: { 'Fn::If': ['C', true, { Ref: 'AWS::NoValue' }] } }), T)).toBe('compliant');
    });
    test('GetAtt is unverifiable', () => {
      const t = cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName: 'logs', IsMultiRegionTrail: { 'Fn::GetAtt': ['X', 'M'] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(CloudTrailMultiRegion, t, T)).toBe('unverifiable');
    });
  });
});
