import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3BucketAccessLogged } from '../../packs/rules/s3/S3BucketAccessLogged';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const T = 'AWS::S3::Bucket';
const bucket = (logging: unknown, extra = {}) => cfn({ B: { Type: T, Properties: { LoggingConfiguration: logging } } }, extra);
const byPrefix = (s: Record<string, string>, prefix: string) => Object.entries(s).find(([id]) => id.startsWith(prefix))?.[1];

describe('S3BucketAccessLogged (FTG-S3-5)', () => {
  describe('non-compliance', () => {
    test('L2 bucket without server access logs', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B');
      expect(statusOf(S3BucketAccessLogged, stack, T)).toBe('non-compliant');
    });
    test('L1 bucket without LoggingConfiguration', () => {
      expect(statusOf(S3BucketAccessLogged, cfn({ B: { Type: T } }), T)).toBe('non-compliant');
    });
    test('escape hatch removes the logging configuration', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B', { serverAccessLogsPrefix: 'logs/' });
      (b.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('LoggingConfiguration');
      expect(statusOf(S3BucketAccessLogged, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 bucket logging to a log bucket; the log bucket is not applicable', () => {
      const stack = new Stack(new App());
      const logs = new s3.Bucket(stack, 'Logs');
      new s3.Bucket(stack, 'Data', { serverAccessLogsBucket: logs });
      const s = statuses(S3BucketAccessLogged, stack, T);
      expect(byPrefix(s, 'Data')).toBe('compliant');
      expect(byPrefix(s, 'Logs')).toBe('not-applicable');
    });
    test('L1 bucket logging to itself (LoggingConfiguration without destination)', () => {
      expect(statusOf(S3BucketAccessLogged, bucket({ LogFilePrefix: 'self/' }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('a bucket named as the destination by its literal name', () => {
      const t = cfn({
        Logs: { Type: T, Properties: { BucketName: 'central-logs' } },
        B: { Type: T, Properties: { LoggingConfiguration: { DestinationBucketName: 'central-logs' } } },
      });
      expect(outcomes(S3BucketAccessLogged, t).Logs.status).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(S3BucketAccessLogged, cfn({ Q: { Type: 'AWS::SQS::Queue' } }), 'AWS::SQS::Queue')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter for the destination (default, allowed values or none) is still logging', () => {
      for (const p of [{ Default: 'logs' }, { AllowedValues: ['logs-a', 'logs-b'] }, {}]) {
        const t = bucket({ DestinationBucketName: { Ref: 'Dest' } }, { Parameters: { Dest: { Type: 'String', ...p } } });
        expect(statusOf(S3BucketAccessLogged, t, T)).toBe('compliant');
      }
    });
    test('parameter choosing the whole configuration without default is unverifiable', () => {
      const t = bucket({ Ref: 'Cfg' }, { Parameters: { Cfg: { Type: 'String' } } });
      expect(statusOf(S3BucketAccessLogged, t, T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(S3BucketAccessLogged, bucket({ 'Fn::If': ['Prod', { DestinationBucketName: 'logs' }, { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with logging in both branches is compliant', () => {
      expect(statusOf(S3BucketAccessLogged, bucket({ 'Fn::If': ['Prod', { DestinationBucketName: 'logs' }, { LogFilePrefix: 'x/' }] }), T)).toBe('compliant');
    });
    test('GetAtt for the whole configuration is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, B: { Type: T, Properties: { LoggingConfiguration: { 'Fn::GetAtt': ['X', 'Cfg'] } } } });
      expect(statusOf(S3BucketAccessLogged, t, T)).toBe('unverifiable');
    });
  });
});

describe('S3BucketAccessLogged details in Japanese', () => {
  test('no LoggingConfiguration, and one read at deployment', () => {
    expect(outcomes(S3BucketAccessLogged, bucket(undefined), { language: 'ja' }).B).toEqual({ status: 'non-compliant', detail: 'LoggingConfiguration が 未設定 です' });
    const t = cfn({ X: { Type: 'Custom::X' }, B: { Type: T, Properties: { LoggingConfiguration: { 'Fn::GetAtt': ['X', 'Cfg'] } } } });
    expect(outcomes(S3BucketAccessLogged, t, { language: 'ja' }).B)
      .toEqual({ status: 'unverifiable', detail: 'LoggingConfiguration が {Fn::GetAtt X} で、デプロイ前には検証できません' });
  });
});
