import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { CloudFrontLogging } from '../../packs/rules/cloudfront/CloudFrontLogging';
import { DISTRIBUTION, l1Distribution, l2Distribution } from '../helpers/cloudfront';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = DISTRIBUTION;
const dist = (logging: unknown) => l1Distribution(logging === undefined ? {} : { Logging: logging });
const LOGS = { Bucket: 'logs.s3.amazonaws.com' };
const source = (logType = 'ACCESS_LOGS') => ({
  Src: {
    Type: 'AWS::Logs::DeliverySource',
    Properties: { Name: 'cf-src', LogType: logType, ResourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${D}' } },
  },
});
const destination = { Dst: { Type: 'AWS::Logs::DeliveryDestination', Properties: { Name: 'cf-dst', DestinationResourceArn: 'arn:aws:s3:::logs' } } };
const delivery = (sourceName: unknown) => ({
  Del: { Type: 'AWS::Logs::Delivery', Properties: { DeliverySourceName: sourceName, DeliveryDestinationArn: { 'Fn::GetAtt': ['Dst', 'Arn'] } } },
});

describe('CloudFrontLogging (FTG-CF-5)', () => {
  describe('non-compliance', () => {
    test('L2 distribution without logging', () => {
      const { stack } = l2Distribution();
      expect(statusOf(CloudFrontLogging, stack, T)).toBe('non-compliant');
    });
    test('escape hatch removes the logging of an L2 distribution', () => {
      const d = l2Distribution({ enableLogging: true });
      const { stack } = d;
      (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyDeletionOverride('DistributionConfig.Logging');
      expect(statusOf(CloudFrontLogging, stack, T)).toBe('non-compliant');
    });
    test('L1 without Logging', () => {
      expect(statusOf(CloudFrontLogging, cfn(dist(undefined)), T)).toBe('non-compliant');
    });
    test('v2 delivery source that is not delivered anywhere', () => {
      const o = outcomes(CloudFrontLogging, cfn({ ...dist(undefined), ...source() })).D;
      expect(o.status).toBe('non-compliant');
      expect(o.status === 'non-compliant' && o.detail).toContain('AWS::Logs::Delivery');
    });
    test('v2 delivery source for another log type', () => {
      expect(statusOf(CloudFrontLogging, cfn({ ...dist(undefined), ...source('CONNECTION_LOGS'), ...destination, ...delivery({ Ref: 'Src' }) }), T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 distribution with enableLogging', () => {
      const { stack } = l2Distribution({ enableLogging: true });
      expect(statusOf(CloudFrontLogging, stack, T)).toBe('compliant');
    });
    test('L1 legacy logging to a bucket', () => {
      expect(statusOf(CloudFrontLogging, cfn(dist(LOGS)), T)).toBe('compliant');
    });
    test('v2 logging: delivery source, destination and delivery (Ref and literal name)', () => {
      expect(statusOf(CloudFrontLogging, cfn({ ...dist(undefined), ...source(), ...destination, ...delivery({ Ref: 'Src' }) }), T)).toBe('compliant');
      expect(statusOf(CloudFrontLogging, cfn({ ...dist(undefined), ...source(), ...destination, ...delivery('cf-src') }), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('the delivery resources themselves', () => {
      const t = cfn({ ...dist(undefined), ...source(), ...destination, ...delivery({ Ref: 'Src' }) });
      expect(statusOf(CloudFrontLogging, t, 'AWS::Logs::DeliverySource')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a default bucket is compliant', () => {
      expect(statusOf(CloudFrontLogging, cfn(dist({ Bucket: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', Default: 'logs.s3.amazonaws.com' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including an empty bucket is non-compliant', () => {
      const t = cfn(dist({ Bucket: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', AllowedValues: ['logs.s3.amazonaws.com', ''] } } });
      expect(statusOf(CloudFrontLogging, t, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable, unless v2 logging exists', () => {
      const params = { Parameters: { P: { Type: 'String' } } };
      expect(statusOf(CloudFrontLogging, cfn(dist({ Bucket: { Ref: 'P' } }), params), T)).toBe('unverifiable');
      expect(statusOf(CloudFrontLogging, cfn({ ...dist({ Bucket: { Ref: 'P' } }), ...source(), ...destination, ...delivery({ Ref: 'Src' }) }, params), T)).toBe('compliant');
    });
    test('Fn::If with logging only in one branch is non-compliant', () => {
      expect(statusOf(CloudFrontLogging, cfn(dist({ 'Fn::If': ['Prod', LOGS, { Ref: 'AWS::NoValue' }] })), T)).toBe('non-compliant');
    });
    test('Fn::If with logging in both branches is compliant', () => {
      expect(statusOf(CloudFrontLogging, cfn(dist({ 'Fn::If': ['Prod', LOGS, { Bucket: 'other.s3.amazonaws.com' }] })), T)).toBe('compliant');
    });
    test('GetAtt of the log bucket domain name is compliant', () => {
      expect(statusOf(CloudFrontLogging, cfn({ ...dist({ Bucket: { 'Fn::GetAtt': ['B', 'RegionalDomainName'] } }), B: { Type: 'AWS::S3::Bucket' } }), T)).toBe('compliant');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(CloudFrontLogging, cfn(dist(undefined))).D)
        .toEqual({ status: 'non-compliant', detail: 'DistributionConfig.Logging is not set and no AWS::Logs::DeliverySource refers to the distribution' });
      expect(outcomes(CloudFrontLogging, cfn(dist(undefined)), { language: 'ja' }).D)
        .toEqual({ status: 'non-compliant', detail: 'DistributionConfig.Logging が未設定で、このディストリビューションを参照する AWS::Logs::DeliverySource もありません' });
    });
  });
});
