import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3BucketTlsOnly } from '../../packs/rules/s3/S3BucketTlsOnly';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::S3::Bucket';
const P = 'AWS::S3::BucketPolicy';
const deny = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } }, ...extra,
});
const allow = { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' };
const withPolicy = (document: unknown, extra: Record<string, unknown> = {}) => cfn({
  B: { Type: T },
  BP: { Type: P, Properties: { Bucket: { Ref: 'B' }, PolicyDocument: document } },
}, extra);
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

describe('S3BucketTlsOnly (FTG-S3-2)', () => {
  describe('non-compliance', () => {
    test('L2 bucket without enforceSSL has no policy', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B');
      const o = outcomes(S3BucketTlsOnly, stack);
      expect(Object.values(o).find((x) => x.status !== 'not-applicable')).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('no bucket policy') }));
    });
    test('L2 bucket with a policy that only allows', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B');
      b.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['s3:GetObject'], resources: [b.arnForObjects('*')] }));
      expect(statusOf(S3BucketTlsOnly, stack, T)).toBe('non-compliant');
    });
    test('L1 deny of s3:GetObject only does not cover s3:*', () => {
      expect(statusOf(S3BucketTlsOnly, withPolicy(doc(deny({ Action: 's3:GetObject' }))), T)).toBe('non-compliant');
    });
    test('L1 deny for one account only is not a deny for everyone', () => {
      expect(statusOf(S3BucketTlsOnly, withPolicy(doc(deny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }))), T)).toBe('non-compliant');
    });
    test('escape hatch turns the condition into SecureTransport true', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B', { enforceSSL: true });
      (b.policy!.node.defaultChild as s3.CfnBucketPolicy).addPropertyOverride('PolicyDocument.Statement.0.Condition.Bool.aws:SecureTransport', 'true');
      expect(statusOf(S3BucketTlsOnly, stack, T)).toBe('non-compliant');
    });
    test('a policy of another bucket does not count', () => {
      const t = cfn({
        B: { Type: T }, Other: { Type: T },
        BP: { Type: P, Properties: { Bucket: { Ref: 'Other' }, PolicyDocument: doc(deny()) } },
      });
      expect(outcomes(S3BucketTlsOnly, t).B.status).toBe('non-compliant');
      expect(outcomes(S3BucketTlsOnly, t).Other.status).toBe('compliant');
    });
  });
  describe('compliance', () => {
    test('L2 bucket with enforceSSL', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B', { enforceSSL: true });
      expect(statusOf(S3BucketTlsOnly, stack, T)).toBe('compliant');
    });
    test('L1 policy naming the bucket by its literal name', () => {
      const t = cfn({
        B: { Type: T, Properties: { BucketName: 'my-bucket' } },
        BP: { Type: P, Properties: { Bucket: 'my-bucket', PolicyDocument: doc(allow, deny({ Principal: '*', Action: '*' })) } },
      });
      expect(statusOf(S3BucketTlsOnly, t, T)).toBe('compliant');
    });
    test('L1 policy given as a JSON string', () => {
      expect(statusOf(S3BucketTlsOnly, withPolicy(JSON.stringify(doc(deny()))), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types (the bucket policy itself)', () => {
      expect(statusOf(S3BucketTlsOnly, withPolicy(doc(deny())), P)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => withPolicy(doc(deny({ Condition: { Bool: { 'aws:SecureTransport': { Ref: 'Tls' } } } })), { Parameters: { Tls: { Type: 'String', ...p } } });
    test('parameter with default false is compliant', () => {
      expect(statusOf(S3BucketTlsOnly, param({ Default: 'false' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including true is non-compliant', () => {
      expect(statusOf(S3BucketTlsOnly, param({ AllowedValues: ['false', 'true'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(S3BucketTlsOnly, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If around the document with one branch lacking the deny is non-compliant', () => {
      expect(statusOf(S3BucketTlsOnly, withPolicy({ 'Fn::If': ['Prod', doc(deny()), doc(allow)] }), T)).toBe('non-compliant');
    });
    test('Fn::If around the deny statement with AWS::NoValue is non-compliant', () => {
      const t = withPolicy(doc(allow, { 'Fn::If': ['Prod', deny(), { Ref: 'AWS::NoValue' }] }));
      expect(outcomes(S3BucketTlsOnly, t).B).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('only in some branches') }));
    });
    test('Fn::If with a deny in both branches is compliant', () => {
      expect(statusOf(S3BucketTlsOnly, withPolicy({ 'Fn::If': ['Prod', doc(deny()), doc(allow, deny({ Action: '*' }))] }), T)).toBe('compliant');
    });
    test('GetAtt for the document is unverifiable', () => {
      const t = cfn({ B: { Type: T }, X: { Type: 'Custom::Doc' }, BP: { Type: P, Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { 'Fn::GetAtt': ['X', 'Doc'] } } } });
      expect(statusOf(S3BucketTlsOnly, t, T)).toBe('unverifiable');
    });
  });
});

describe('S3BucketTlsOnly details in Japanese', () => {
  test('no bucket policy', () => {
    expect(outcomes(S3BucketTlsOnly, cfn({ B: { Type: T } }), { language: 'ja' }).B).toEqual({
      status: 'non-compliant',
      detail: 'バケットにバケットポリシー（AWS::S3::BucketPolicy）がないため、HTTP（平文）のリクエストを拒否するものがありません',
    });
  });
  test('a policy without the deny, one with the deny in only one branch, and one read at deployment', () => {
    expect(outcomes(S3BucketTlsOnly, withPolicy(doc(allow))).B)
      .toEqual({ status: 'non-compliant', detail: 'bucket policy BP has no Deny statement for everyone on aws:SecureTransport false' });
    expect(outcomes(S3BucketTlsOnly, withPolicy(doc(allow)), { language: 'ja' }).B)
      .toEqual({ status: 'non-compliant', detail: 'バケットポリシー BP に、aws:SecureTransport が false のとき全員を拒否する Deny ステートメントがありません' });
    const partly = withPolicy(doc(allow, { 'Fn::If': ['Prod', deny(), { Ref: 'AWS::NoValue' }] }));
    expect(outcomes(S3BucketTlsOnly, partly, { language: 'ja' }).B).toEqual(expect.objectContaining({
      status: 'non-compliant',
      detail: 'バケットポリシー BP が TLS を使わない通信を拒否するのは一部の分岐（Fn::If またはパラメータの値）だけです',
    }));
    const opaque = cfn({ B: { Type: T }, X: { Type: 'Custom::Doc' }, BP: { Type: P, Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { 'Fn::GetAtt': ['X', 'Doc'] } } } });
    expect(outcomes(S3BucketTlsOnly, opaque, { language: 'ja' }).B)
      .toEqual({ status: 'unverifiable', detail: 'バケットポリシー BP: PolicyDocument はデプロイ時にしか決まりません' });
  });
});
