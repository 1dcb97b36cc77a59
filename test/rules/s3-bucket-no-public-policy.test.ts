import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3BucketNoPublicPolicy } from '../../packs/rules/s3/S3BucketNoPublicPolicy';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::S3::Bucket';
const P = 'AWS::S3::BucketPolicy';
const publicRead = (extra: Record<string, unknown> = {}) => ({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });
const withPolicy = (statements: unknown, extra: Record<string, unknown> = {}) => cfn({
  B: { Type: T },
  BP: { Type: P, Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { Version: '2012-10-17', Statement: statements } } },
}, extra);

describe('S3BucketNoPublicPolicy (FTG-S3-6)', () => {
  describe('non-compliance', () => {
    test('L2 bucket granting read to AnyPrincipal', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
      b.grantPublicAccess();
      expect(statusOf(S3BucketNoPublicPolicy, stack, T)).toBe('non-compliant');
    });
    test('L1 policy with Principal {"AWS": "*"} and a condition that does not limit who', () => {
      const t = withPolicy([publicRead({ Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]);
      expect(outcomes(S3BucketNoPublicPolicy, t).B).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('statement "PublicRead"') }));
    });
    test('a negated or IfExists condition does not limit who', () => {
      expect(statusOf(S3BucketNoPublicPolicy, withPolicy([publicRead({ Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-123' } } })]), T)).toBe('non-compliant');
      expect(statusOf(S3BucketNoPublicPolicy, withPolicy([publicRead({ Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } } })]), T)).toBe('non-compliant');
    });
    test('NotPrincipal with Allow reaches everyone else', () => {
      const { Principal: _p, ...rest } = publicRead();
      expect(statusOf(S3BucketNoPublicPolicy, withPolicy([{ ...rest, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }]), T)).toBe('non-compliant');
    });
    test('escape hatch adds a public statement to an L2 policy', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B', { enforceSSL: true });
      (b.policy!.node.defaultChild as s3.CfnBucketPolicy).addPropertyOverride('PolicyDocument.Statement.1', publicRead());
      expect(statusOf(S3BucketNoPublicPolicy, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 bucket with enforceSSL and a grant to a role', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B', { enforceSSL: true });
      b.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['s3:GetObject'], resources: [b.arnForObjects('*')] }));
      expect(statusOf(S3BucketNoPublicPolicy, stack, T)).toBe('compliant');
    });
    test('L1 bucket without a policy', () => {
      expect(statusOf(S3BucketNoPublicPolicy, cfn({ B: { Type: T } }), T)).toBe('compliant');
    });
    test('Principal "*" limited by aws:PrincipalOrgID, aws:SourceVpce or aws:SourceArn', () => {
      for (const c of [{ StringEquals: { 'aws:PrincipalOrgID': 'o-123' } }, { StringEquals: { 'aws:SourceVpce': 'vpce-1' } }, { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/*' } }]) {
        expect(statusOf(S3BucketNoPublicPolicy, withPolicy([publicRead({ Condition: c })]), T)).toBe('compliant');
      }
    });
    test('Deny to "*" is not an allow', () => {
      expect(statusOf(S3BucketNoPublicPolicy, withPolicy([publicRead({ Effect: 'Deny' })]), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(S3BucketNoPublicPolicy, withPolicy([publicRead()]), P)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => withPolicy([publicRead({ Effect: { Ref: 'E' } })], { Parameters: { E: { Type: 'String', ...p } } });
    test('Effect parameter with default Deny is compliant', () => {
      expect(statusOf(S3BucketNoPublicPolicy, param({ Default: 'Deny' }), T)).toBe('compliant');
    });
    test('Effect parameter with allowed values including Allow is non-compliant', () => {
      expect(statusOf(S3BucketNoPublicPolicy, param({ AllowedValues: ['Deny', 'Allow'] }), T)).toBe('non-compliant');
    });
    test('Effect parameter without default is unverifiable', () => {
      expect(statusOf(S3BucketNoPublicPolicy, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with a public statement in one branch is non-compliant', () => {
      expect(statusOf(S3BucketNoPublicPolicy, withPolicy([{ 'Fn::If': ['Dev', publicRead(), { Ref: 'AWS::NoValue' }] }]), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches private is compliant', () => {
      const own = publicRead({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } });
      expect(statusOf(S3BucketNoPublicPolicy, withPolicy({ 'Fn::If': ['Dev', [own], [publicRead({ Effect: 'Deny' })]] }), T)).toBe('compliant');
    });
    test('GetAtt for the document is unverifiable', () => {
      const t = cfn({ B: { Type: T }, X: { Type: 'Custom::Doc' }, BP: { Type: P, Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { 'Fn::GetAtt': ['X', 'Doc'] } } } });
      expect(statusOf(S3BucketNoPublicPolicy, t, T)).toBe('unverifiable');
    });
  });
});

describe('S3BucketNoPublicPolicy details', () => {
  test('a public statement named by its Sid or its position, in English and Japanese', () => {
    expect(outcomes(S3BucketNoPublicPolicy, withPolicy([publicRead()])).B).toEqual({
      status: 'non-compliant',
      detail: 'bucket policy BP statement "PublicRead" allows everyone (Principal "*") with no condition that limits who (e.g. aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce)',
    });
    expect(outcomes(S3BucketNoPublicPolicy, withPolicy([publicRead()]), { language: 'ja' }).B).toEqual({
      status: 'non-compliant',
      detail: 'バケットポリシー BP のステートメント "PublicRead" が、利用者を限定する条件（aws:SourceArn、aws:SourceAccount、aws:PrincipalOrgID、aws:SourceVpce など）なしに全員（Principal "*"）を許可しています',
    });
    const { Sid: _s, ...unnamed } = publicRead();
    expect(outcomes(S3BucketNoPublicPolicy, withPolicy([{ Sid: 'Other', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }, unnamed]), { language: 'ja' }).B)
      .toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringMatching(/^バケットポリシー BP の 2 番目のステートメントが、/) }));
  });
  test('an Effect only known at deployment', () => {
    const t = withPolicy([publicRead({ Effect: { Ref: 'E' } })], { Parameters: { E: { Type: 'String' } } });
    expect(outcomes(S3BucketNoPublicPolicy, t, { language: 'ja' }).B).toEqual({
      status: 'unverifiable',
      detail: 'バケットポリシー BP のステートメント "PublicRead" は Principal "*" を指定しており、Effect がデプロイ前には分かりません',
    });
  });
});
