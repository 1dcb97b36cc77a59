import { S3BucketTlsOnly } from '../../packs/rules/s3/S3BucketTlsOnly';
import { cfn, outcomes, statusOf } from '../helpers/rules';
import { doc, S3_TLS } from '../helpers/tls-only';

const { type: T, policyType: P, deny, allow, withPolicy } = S3_TLS;

// The cases S3BucketTlsOnly shares with the other TLS-only rules (L2 with and without enforceSSL,
// escape hatch, L1 statements, policies of other buckets, parameters, Fn::If, GetAtt) are in
// tls-only.test.ts; these are its own.
describe('S3BucketTlsOnly (FTG-S3-2)', () => {
  describe('compliance', () => {
    test('L1 policy naming the bucket by its literal name', () => {
      const t = cfn({
        B: { Type: T, Properties: { BucketName: 'my-bucket' } },
        BP: { Type: P, Properties: { Bucket: 'my-bucket', PolicyDocument: doc(allow, deny({ Principal: '*', Action: '*' })) } },
      });
      expect(statusOf(S3BucketTlsOnly, t, T)).toBe('compliant');
    });
    test('L1 policy naming the bucket by the same Fn::Sub expression as its BucketName', () => {
      const name = { 'Fn::Sub': '${App}-${AWS::Region}-${AWS::AccountId}' };
      const t = cfn({
        B: { Type: T, Properties: { BucketName: name } },
        BP: { Type: P, Properties: { Bucket: { 'Fn::Sub': '${App}-${AWS::Region}-${AWS::AccountId}' }, PolicyDocument: doc(allow, deny({ Principal: '*', Action: '*' })) } },
      }, { Parameters: { App: { Type: 'String' } } });
      expect(statusOf(S3BucketTlsOnly, t, T)).toBe('compliant');
    });
  });

  describe('non-compliance', () => {
    test('a TLS-only policy whose Fn::Sub names another bucket does not count', () => {
      const t = cfn({
        B: { Type: T, Properties: { BucketName: { 'Fn::Sub': '${App}-data' } } },
        BP: { Type: P, Properties: { Bucket: { 'Fn::Sub': '${App}-logs' }, PolicyDocument: doc(allow, deny({ Principal: '*', Action: '*' })) } },
      }, { Parameters: { App: { Type: 'String' } } });
      expect(outcomes(S3BucketTlsOnly, t).B).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('no bucket policy') }));
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
