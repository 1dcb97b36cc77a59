import { App, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { CloudTrailCloudWatchLogs } from '../../packs/rules/cloudtrail/CloudTrailCloudWatchLogs';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::CloudTrail::Trail';
const ROLE = 'arn:aws:iam::123456789012:role/ct';
const GROUP = 'arn:aws:logs:ap-northeast-1:123456789012:log-group:ct:*';
const trail = (props: Record<string, unknown>, extra = {}) => cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName: 'logs', ...props } } }, extra);

describe('CloudTrailCloudWatchLogs (FTG-CT-5)', () => {
  describe('non-compliance', () => {
    test('L2 trail without CloudWatch Logs (default)', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T');
      expect(statusOf(CloudTrailCloudWatchLogs, stack, T)).toBe('non-compliant');
    });
    test('L1 trail with a log group but no role', () => {
      expect(outcomes(CloudTrailCloudWatchLogs, trail({ CloudWatchLogsLogGroupArn: GROUP })).T).toEqual({ status: 'non-compliant', detail: 'CloudWatchLogsRoleArn is not set' });
    });
    test('escape hatch removes the log group', () => {
      const stack = new Stack(new App());
      const t = new cloudtrail.Trail(stack, 'T', { sendToCloudWatchLogs: true });
      (t.node.defaultChild as cloudtrail.CfnTrail).addPropertyDeletionOverride('CloudWatchLogsLogGroupArn');
      expect(statusOf(CloudTrailCloudWatchLogs, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 trail sending to CloudWatch Logs (GetAtt of log group and role)', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T', { sendToCloudWatchLogs: true });
      expect(statusOf(CloudTrailCloudWatchLogs, stack, T)).toBe('compliant');
    });
    test('L1 trail with literal ARNs', () => {
      expect(statusOf(CloudTrailCloudWatchLogs, trail({ CloudWatchLogsLogGroupArn: GROUP, CloudWatchLogsRoleArn: ROLE }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('log groups', () => {
      expect(statusOf(CloudTrailCloudWatchLogs, cfn({ L: { Type: 'AWS::Logs::LogGroup' } }), 'AWS::Logs::LogGroup')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const p = (param: Record<string, unknown>) => ({ Parameters: { G: { Type: 'String', ...param } } });
    test('parameter with a default is compliant', () => {
      expect(statusOf(CloudTrailCloudWatchLogs, trail({ CloudWatchLogsLogGroupArn: { Ref: 'G' }, CloudWatchLogsRoleArn: ROLE }, p({ Default: GROUP })), T)).toBe('compliant');
    });
    test('parameter with allowed values including empty is non-compliant', () => {
      expect(statusOf(CloudTrailCloudWatchLogs, trail({ CloudWatchLogsLogGroupArn: { Ref: 'G' }, CloudWatchLogsRoleArn: ROLE }, p({ AllowedValues: [GROUP, ''] })), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(CloudTrailCloudWatchLogs, trail({ CloudWatchLogsLogGroupArn: { Ref: 'G' }, CloudWatchLogsRoleArn: ROLE }, p({})), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(CloudTrailCloudWatchLogs, trail({ CloudWatchLogsLogGroupArn: { 'Fn::If': ['C', GROUP, { Ref: 'AWS::NoValue' }] }, CloudWatchLogsRoleArn: ROLE }), T)).toBe('non-compliant');
    });
    test('Fn::If with ARNs in both branches is compliant', () => {
      expect(statusOf(CloudTrailCloudWatchLogs, trail({ CloudWatchLogsLogGroupArn: { 'Fn::If': ['C', GROUP, GROUP] }, CloudWatchLogsRoleArn: ROLE }), T)).toBe('compliant');
    });
    test('GetAtt ARNs are compliant', () => {
      const t = cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName: 'logs', CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['L', 'Arn'] }, CloudWatchLogsRoleArn: { 'Fn::GetAtt': ['R', 'Arn'] } } }, L: { Type: 'AWS::Logs::LogGroup' }, R: { Type: 'AWS::IAM::Role' } });
      expect(statusOf(CloudTrailCloudWatchLogs, t, T)).toBe('compliant');
    });
  });
});
