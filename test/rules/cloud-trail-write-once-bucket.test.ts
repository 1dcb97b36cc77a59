import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudTrailWriteOnceBucket } from '../../packs/rules/cloudtrail/CloudTrailWriteOnceBucket';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::CloudTrail::Trail';
const B = 'AWS::S3::Bucket';
const lock = (Mode: unknown = 'COMPLIANCE') => ({ ObjectLockEnabled: true, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode, Days: 365 } } } });
const tpl = (S3BucketName: unknown, bucket: Record<string, unknown> | undefined, extra = {}) =>
  cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName } }, ...(bucket ? { Logs: { Type: B, Properties: bucket } } : {}) }, extra);

describe('CloudTrailWriteOnceBucket (FTG-CT-4)', () => {
  describe('non-compliance', () => {
    test('L2 trail with its default bucket (no Object Lock)', () => {
      const stack = new Stack(new App());
      new cloudtrail.Trail(stack, 'T');
      expect(statusOf(CloudTrailWriteOnceBucket, stack, T)).toBe('non-compliant');
    });
    test('L2 bucket in GOVERNANCE mode, with a detail that says why', () => {
      const stack = new Stack(new App());
      const bucket = new s3.Bucket(stack, 'B', { objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)) });
      new cloudtrail.Trail(stack, 'T', { bucket });
      const o = Object.values(outcomes(CloudTrailWriteOnceBucket, stack)).find((x) => x.status !== 'not-applicable');
      expect(o).toEqual({ status: 'non-compliant', detail: expect.stringContaining('GOVERNANCE mode') });
      expect(o).toHaveProperty('detail', expect.stringContaining('s3:BypassGovernanceRetention'));
    });
    test('L1 bucket with Object Lock but no default retention', () => {
      expect(statusOf(CloudTrailWriteOnceBucket, tpl({ Ref: 'Logs' }, { ObjectLockEnabled: true }), T)).toBe('non-compliant');
    });
    test('L1 bucket found by its literal name, without Object Lock', () => {
      expect(statusOf(CloudTrailWriteOnceBucket, tpl('audit-logs', { BucketName: 'audit-logs' }), T)).toBe('non-compliant');
    });
    test('escape hatch removes the default retention', () => {
      const stack = new Stack(new App());
      const bucket = new s3.Bucket(stack, 'B', { objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(365)) });
      (bucket.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('ObjectLockConfiguration.Rule');
      new cloudtrail.Trail(stack, 'T', { bucket });
      expect(statusOf(CloudTrailWriteOnceBucket, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 bucket with COMPLIANCE-mode Object Lock', () => {
      const stack = new Stack(new App());
      const bucket = new s3.Bucket(stack, 'B', { objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(365)) });
      new cloudtrail.Trail(stack, 'T', { bucket });
      expect(statusOf(CloudTrailWriteOnceBucket, stack, T)).toBe('compliant');
    });
    test('L1 bucket found by literal name', () => {
      expect(statusOf(CloudTrailWriteOnceBucket, tpl('audit-logs', { BucketName: 'audit-logs', ...lock() }), T)).toBe('compliant');
    });
    test('L1 bucket whose name is the same Fn::Sub as the trail\'s', () => {
      const name = { 'Fn::Sub': 'audit-${AWS::AccountId}' };
      expect(statusOf(CloudTrailWriteOnceBucket, tpl(name, { BucketName: name, ...lock() }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('the bucket itself', () => {
      expect(statusOf(CloudTrailWriteOnceBucket, tpl({ Ref: 'Logs' }, lock()), B)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('a bucket outside the template is unverifiable, with the advice', () => {
      const o = outcomes(CloudTrailWriteOnceBucket, tpl('org-log-archive', undefined)).T;
      expect(o).toEqual({ status: 'unverifiable', detail: expect.stringContaining("cannot see the bucket's Object Lock; deploy the archive with WriteOnceLogArchive or check it in the archive account") });
    });
    test('bucket name from Fn::ImportValue is unverifiable', () => {
      expect(statusOf(CloudTrailWriteOnceBucket, tpl({ 'Fn::ImportValue': 'ArchiveBucket' }, undefined), T)).toBe('unverifiable');
    });
    test('bucket name from a parameter without default is unverifiable', () => {
      expect(statusOf(CloudTrailWriteOnceBucket, tpl({ Ref: 'N' }, lock(), { Parameters: { N: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('bucket name from a parameter whose default names the locked bucket is compliant', () => {
      expect(statusOf(CloudTrailWriteOnceBucket, tpl({ Ref: 'N' }, { BucketName: 'audit', ...lock() }, { Parameters: { N: { Type: 'String', Default: 'audit' } } }), T)).toBe('compliant');
    });
    test('retention mode from a parameter with allowed values including GOVERNANCE is non-compliant', () => {
      const t = tpl({ Ref: 'Logs' }, lock({ Ref: 'M' }), { Parameters: { M: { Type: 'String', AllowedValues: ['COMPLIANCE', 'GOVERNANCE'] } } });
      expect(statusOf(CloudTrailWriteOnceBucket, t, T)).toBe('non-compliant');
    });
    test('retention mode from a parameter without default is unverifiable', () => {
      expect(statusOf(CloudTrailWriteOnceBucket, tpl({ Ref: 'Logs' }, lock({ Ref: 'M' }), { Parameters: { M: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If between a locked and an unlocked bucket is non-compliant', () => {
      const t = cfn({
        T: { Type: T, Properties: { IsLogging: true, S3BucketName: { 'Fn::If': ['Prod', { Ref: 'Locked' }, { Ref: 'Plain' }] } } },
        Locked: { Type: B, Properties: lock() },
        Plain: { Type: B },
      });
      expect(statusOf(CloudTrailWriteOnceBucket, t, T)).toBe('non-compliant');
    });
    test('Fn::If on the bucket\'s Object Lock with both branches locked is compliant', () => {
      const t = tpl({ Ref: 'Logs' }, { ObjectLockEnabled: { 'Fn::If': ['Prod', true, 'true'] }, ObjectLockConfiguration: lock().ObjectLockConfiguration });
      expect(statusOf(CloudTrailWriteOnceBucket, t, T)).toBe('compliant');
    });
    test('bucket name from GetAtt of a custom resource is unverifiable', () => {
      const t = cfn({ T: { Type: T, Properties: { IsLogging: true, S3BucketName: { 'Fn::GetAtt': ['X', 'Name'] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(CloudTrailWriteOnceBucket, t, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const t = tpl({ Ref: 'Logs' }, lock('GOVERNANCE'));
      expect(outcomes(CloudTrailWriteOnceBucket, t).T).toEqual({
        status: 'non-compliant',
        detail: 'bucket Logs uses GOVERNANCE mode: principals with s3:BypassGovernanceRetention can still delete or overwrite the logs; use COMPLIANCE',
      });
      expect(outcomes(CloudTrailWriteOnceBucket, t, { language: 'ja' }).T).toEqual({
        status: 'non-compliant',
        detail: 'バケット Logs は GOVERNANCE モードです。s3:BypassGovernanceRetention を持つプリンシパルはログを削除・上書きできるため、COMPLIANCE モードにしてください',
      });
      expect(outcomes(CloudTrailWriteOnceBucket, tpl({ Ref: 'Logs' }, {})).T)
        .toEqual({ status: 'non-compliant', detail: 'bucket Logs does not have Object Lock (ObjectLockEnabled is not set)' });
      expect(outcomes(CloudTrailWriteOnceBucket, tpl({ Ref: 'Logs' }, {}), { language: 'ja' }).T)
        .toEqual({ status: 'non-compliant', detail: 'バケット Logs で Object Lock が有効になっていません（ObjectLockEnabled が 未設定）' });
      const ja = outcomes(CloudTrailWriteOnceBucket, tpl('org-log-archive', undefined), { language: 'ja' }).T;
      expect(ja).toEqual({ status: 'unverifiable', detail: expect.stringContaining('S3BucketName "org-log-archive" はこのテンプレートのバケットではないため') });
      expect(outcomes(CloudTrailWriteOnceBucket, cfn({ T: { Type: T, Properties: { IsLogging: true } } }), { language: 'ja' }).T)
        .toEqual({ status: 'non-compliant', detail: 'S3BucketName が未設定です' });
    });
    test('judged settings in Japanese', () => {
      const { CloudTrailCloudWatchLogs } = require('../../packs/rules/cloudtrail/CloudTrailCloudWatchLogs');
      expect(outcomes(CloudTrailCloudWatchLogs, cfn({ T: { Type: T, Properties: { CloudWatchLogsLogGroupArn: 'arn:aws:logs:ap-northeast-1:123456789012:log-group:x' } } }), { language: 'ja' }).T)
        .toEqual({ status: 'non-compliant', detail: 'CloudWatchLogsRoleArn が 未設定 です' });
    });
  });
});
