import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3BucketEncrypted } from '../../packs/rules/s3/S3BucketEncrypted';
import { cfn, statuses, statusOf } from '../helpers/rules';

const T = 'AWS::S3::Bucket';
const kmsConfig = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] };
const s3Config = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] };

describe('S3BucketEncrypted (FTG-S3-1)', () => {
  describe('non-compliance', () => {
    test('L2 bucket with S3-managed encryption', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.S3_MANAGED });
      expect(statusOf(S3BucketEncrypted, stack, T)).toBe('non-compliant');
    });
    test('L1 bucket with no encryption configuration', () => {
      expect(statusOf(S3BucketEncrypted, cfn({ B: { Type: T } }), T)).toBe('non-compliant');
    });
    test('escape hatch removes the encryption of a KMS bucket', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS });
      (b.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('BucketEncryption');
      expect(statusOf(S3BucketEncrypted, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 bucket with a KMS key', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B', { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      expect(statusOf(S3BucketEncrypted, stack, T)).toBe('compliant');
    });
    test('L1 bucket with aws:kms:dsse', () => {
      const c = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms:dsse' } }] };
      expect(statusOf(S3BucketEncrypted, cfn({ B: { Type: T, Properties: { BucketEncryption: c } } }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      const stack = new Stack(new App());
      new kms.Key(stack, 'K');
      expect(statusOf(S3BucketEncrypted, stack, 'AWS::KMS::Key')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('Fn::If with one non-compliant branch is non-compliant', () => {
      const t = cfn({ B: { Type: T, Properties: { BucketEncryption: { 'Fn::If': ['Prod', kmsConfig, s3Config] } } } }, { Conditions: { Prod: { 'Fn::Equals': ['a', 'b'] } } });
      expect(statusOf(S3BucketEncrypted, t, T)).toBe('non-compliant');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      const t = cfn({ B: { Type: T, Properties: { BucketEncryption: { 'Fn::If': ['Prod', kmsConfig, { Ref: 'AWS::NoValue' }] } } } });
      expect(statusOf(S3BucketEncrypted, t, T)).toBe('non-compliant');
    });
    test('Fn::If with both branches compliant is compliant', () => {
      const t = cfn({ B: { Type: T, Properties: { BucketEncryption: { 'Fn::If': ['Prod', kmsConfig, kmsConfig] } } } });
      expect(statusOf(S3BucketEncrypted, t, T)).toBe('compliant');
    });
    test('parameter with allowed values, one of them AES256, is non-compliant', () => {
      const t = cfn({ B: { Type: T, Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: { Ref: 'Algo' } } }] } } } },
        { Parameters: { Algo: { Type: 'String', AllowedValues: ['aws:kms', 'AES256'] } } });
      expect(statusOf(S3BucketEncrypted, t, T)).toBe('non-compliant');
    });
    test('parameter with a compliant default is compliant', () => {
      const t = cfn({ B: { Type: T, Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: { Ref: 'Algo' } } }] } } } },
        { Parameters: { Algo: { Type: 'String', Default: 'aws:kms' } } });
      expect(statusOf(S3BucketEncrypted, t, T)).toBe('compliant');
    });
    test('parameter without default is unverifiable', () => {
      const t = cfn({ B: { Type: T, Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: { Ref: 'Algo' } } }] } } } },
        { Parameters: { Algo: { Type: 'String' } } });
      expect(statusOf(S3BucketEncrypted, t, T)).toBe('unverifiable');
    });
    test('GetAtt for the algorithm is unverifiable', () => {
      const t = cfn({ B: { Type: T, Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: { 'Fn::GetAtt': ['X', 'Algo'] } } }] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(S3BucketEncrypted, t, T)).toBe('unverifiable');
    });
  });
});

describe('S3BucketEncrypted (FTG-S3-1): server access log destinations', () => {
  test('a bucket that receives server access logs may use SSE-S3 (log delivery cannot write to SSE-KMS)', () => {
    const stack = new Stack(new App());
    const logs = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.Bucket(stack, 'Data', { encryption: s3.BucketEncryption.KMS, serverAccessLogsBucket: logs });
    const { statuses } = require('../helpers/rules');
    const s = statuses(S3BucketEncrypted, stack, 'AWS::S3::Bucket');
    expect(Object.entries(s).map(([id, st]) => [id.replace(/[0-9A-F]{8}$/, ''), st]).sort()).toEqual([['Data', 'compliant'], ['Logs', 'compliant']]);
  });
  test('an unencrypted log destination still fails', () => {
    const t = cfn({ Logs: { Type: T }, Data: { Type: T, Properties: { BucketEncryption: kmsConfig, LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } } } });
    const { statuses } = require('../helpers/rules');
    expect(statuses(S3BucketEncrypted, t, T)).toEqual({ Logs: 'non-compliant', Data: 'compliant' });
  });
});

describe('S3BucketEncrypted (FTG-S3-1): Application Load Balancer log destinations', () => {
  const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
  const lb = (attrs: { Key: string; Value: unknown }[], type?: string) => ({ Type: LB, Properties: { ...(type ? { Type: type } : {}), LoadBalancerAttributes: attrs } });
  const accessLogsTo = (bucket: unknown) => [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: bucket }];

  describe('compliance', () => {
    test('L2: the SSE-S3 bucket of alb.logAccessLogs (ELB supports only SSE-S3 there)', () => {
      const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'ap-northeast-1' } });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
      const logs = new s3.Bucket(stack, 'LbLogs', { encryption: s3.BucketEncryption.S3_MANAGED });
      new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc }).logAccessLogs(logs, 'alb');
      expect(statusOf(S3BucketEncrypted, stack, T)).toBe('compliant');
    });
    test('L1: connection logs of an ALB (no Type: application is the default) by Ref', () => {
      const t = cfn({ Logs: { Type: T, Properties: { BucketEncryption: s3Config } }, Alb: lb([{ Key: 'connection_logs.s3.bucket', Value: { Ref: 'Logs' } }]) });
      expect(statuses(S3BucketEncrypted, t, T)).toEqual({ Logs: 'compliant' });
    });
    test('L1: access logs of an ALB by the literal bucket name', () => {
      const t = cfn({ Logs: { Type: T, Properties: { BucketName: 'lb-logs-123', BucketEncryption: s3Config } }, Alb: lb(accessLogsTo('lb-logs-123'), 'application') });
      expect(statuses(S3BucketEncrypted, t, T)).toEqual({ Logs: 'compliant' });
    });
  });
  describe('non-compliance', () => {
    test('an unencrypted ALB log bucket still fails (not set is not SSE-S3 stated)', () => {
      const t = cfn({ Logs: { Type: T }, Alb: lb(accessLogsTo({ Ref: 'Logs' })) });
      expect(statuses(S3BucketEncrypted, t, T)).toEqual({ Logs: 'non-compliant' });
    });
    test('L2: an NLB can write its logs to SSE-KMS, so its SSE-S3 log bucket fails', () => {
      const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'ap-northeast-1' } });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
      const logs = new s3.Bucket(stack, 'LbLogs', { encryption: s3.BucketEncryption.S3_MANAGED });
      new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc }).logAccessLogs(logs, 'nlb');
      expect(statusOf(S3BucketEncrypted, stack, T)).toBe('non-compliant');
    });
    test('an SSE-S3 bucket that an ALB only names in another attribute (the prefix) fails', () => {
      const t = cfn({
        Logs: { Type: T, Properties: { BucketEncryption: s3Config } },
        Other: { Type: T, Properties: { BucketEncryption: kmsConfig } },
        Alb: lb([{ Key: 'access_logs.s3.bucket', Value: { Ref: 'Other' } }, { Key: 'access_logs.s3.prefix', Value: { Ref: 'Logs' } }]),
      });
      expect(statuses(S3BucketEncrypted, t, T)).toEqual({ Logs: 'non-compliant', Other: 'compliant' });
    });
    test('a load balancer whose Type is a parameter (it may be a network one) gives no exception', () => {
      const t = cfn({ Logs: { Type: T, Properties: { BucketEncryption: s3Config } }, Lb: { Type: LB, Properties: { Type: { Ref: 'LbType' }, LoadBalancerAttributes: accessLogsTo({ Ref: 'Logs' }) } } },
        { Parameters: { LbType: { Type: 'String', AllowedValues: ['application', 'network'] } } });
      expect(statuses(S3BucketEncrypted, t, T)).toEqual({ Logs: 'non-compliant' });
    });
  });
  describe('not applicable', () => {
    test('the load balancer itself', () => {
      const t = cfn({ Logs: { Type: T, Properties: { BucketEncryption: s3Config } }, Alb: lb(accessLogsTo({ Ref: 'Logs' })) });
      expect(statusOf(S3BucketEncrypted, t, LB)).toBe('not-applicable');
    });
  });
});

describe('S3BucketEncrypted details', () => {
  test('no BucketEncryption and an empty rule list, in English and Japanese', () => {
    const { outcomes } = require('../helpers/rules');
    const none = cfn({ B: { Type: T } });
    expect(outcomes(S3BucketEncrypted, none).B).toEqual({ status: 'non-compliant', detail: 'BucketEncryption is not set (S3 then uses SSE-S3)' });
    expect(outcomes(S3BucketEncrypted, none, { language: 'ja' }).B)
      .toEqual({ status: 'non-compliant', detail: 'BucketEncryption が未設定です（この場合 S3 は SSE-S3 を使います）' });
    const empty = cfn({ B: { Type: T, Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [] } } } });
    expect(outcomes(S3BucketEncrypted, empty, { language: 'ja' }).B).toEqual({ status: 'non-compliant', detail: 'ServerSideEncryptionConfiguration が空です' });
    expect(outcomes(S3BucketEncrypted, cfn({ B: { Type: T, Properties: { BucketEncryption: s3Config } } }), { language: 'ja' }).B)
      .toEqual({ status: 'non-compliant', detail: 'SSEAlgorithm が "AES256" です' });
  });
});
