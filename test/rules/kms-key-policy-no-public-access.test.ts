import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { KmsKeyPolicyNoPublicAccess } from '../../packs/rules/kms/KmsKeyPolicyNoPublicAccess';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::KMS::Key';
const admin = { Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' };
const open = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', ...extra });
const key = (statements: unknown, extra = {}) => cfn({ K: { Type: T, Properties: { KeyPolicy: { Version: '2012-10-17', Statement: statements } } } }, extra);

describe('KmsKeyPolicyNoPublicAccess (FTG-KMS-2)', () => {
  describe('non-compliance', () => {
    test('L2 key granting decrypt to AnyPrincipal', () => {
      const stack = new Stack(new App());
      const k = new kms.Key(stack, 'K', { enableKeyRotation: true });
      k.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['kms:Decrypt'], resources: ['*'] }));
      expect(statusOf(KmsKeyPolicyNoPublicAccess, stack, T)).toBe('non-compliant');
    });
    test('L1 key policy with Principal "*" and only a transport condition', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, key([admin, open({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]), T)).toBe('non-compliant');
    });
    test('a restricting key with a match-all value does not limit who', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, key([open({ Condition: { StringLike: { 'kms:CallerAccount': '*' } } })]), T)).toBe('non-compliant');
    });
    test('escape hatch opens an L2 key policy', () => {
      const stack = new Stack(new App());
      const k = new kms.Key(stack, 'K');
      (k.node.defaultChild as kms.CfnKey).addPropertyOverride('KeyPolicy.Statement.1', open());
      expect(statusOf(KmsKeyPolicyNoPublicAccess, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 key with the default policy', () => {
      const stack = new Stack(new App());
      new kms.Key(stack, 'K');
      expect(statusOf(KmsKeyPolicyNoPublicAccess, stack, T)).toBe('compliant');
    });
    test('L1 key with Principal "*" limited by kms:CallerAccount', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, key([admin, open({ Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'rds.ap-northeast-1.amazonaws.com' } } })]), T)).toBe('compliant');
    });
    test('L1 key without KeyPolicy (default key policy)', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, cfn({ K: { Type: T } }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, cfn({ A: { Type: 'AWS::KMS::Alias' } }), 'AWS::KMS::Alias')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => key([admin, open({ Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'Org' } } }, Effect: { Ref: 'E' } })],
      { Parameters: { E: { Type: 'String', ...p } } });
    test('Effect parameter with default Deny is compliant', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, key([open({ Effect: { Ref: 'E' } })], { Parameters: { E: { Type: 'String', Default: 'Deny' } } }), T)).toBe('compliant');
    });
    test('Effect parameter with allowed values including Allow is non-compliant', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, key([open({ Effect: { Ref: 'E' } })], { Parameters: { E: { Type: 'String', AllowedValues: ['Deny', 'Allow'] } } }), T)).toBe('non-compliant');
    });
    test('Effect parameter without default is unverifiable', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, key([open({ Effect: { Ref: 'E' } })], { Parameters: { E: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('an org condition from a parameter still limits who', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, param({ Default: 'Allow' }), T)).toBe('compliant');
    });
    test('Fn::If with an open statement in one branch is non-compliant', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, key([admin, { 'Fn::If': ['Shared', open(), { Ref: 'AWS::NoValue' }] }]), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches closed is compliant', () => {
      expect(statusOf(KmsKeyPolicyNoPublicAccess, key([admin, { 'Fn::If': ['Shared', open({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }), { Ref: 'AWS::NoValue' }] }]), T)).toBe('compliant');
    });
    test('GetAtt for the key policy is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, K: { Type: T, Properties: { KeyPolicy: { 'Fn::GetAtt': ['X', 'Policy'] } } } });
      expect(statusOf(KmsKeyPolicyNoPublicAccess, t, T)).toBe('unverifiable');
    });
  });
});

describe('KmsKeyPolicyNoPublicAccess details in Japanese', () => {
  test('an open statement without a Sid, and a key policy read at deployment', () => {
    expect(outcomes(KmsKeyPolicyNoPublicAccess, key([admin, open()]), { language: 'ja' }).K).toEqual({
      status: 'non-compliant',
      detail: 'KeyPolicy の 2 番目のステートメントが、利用者を限定する条件（aws:SourceArn、aws:SourceAccount、aws:PrincipalOrgID、aws:SourceVpce など）なしに全員（Principal "*"）を許可しています',
    });
    const t = cfn({ X: { Type: 'Custom::X' }, K: { Type: T, Properties: { KeyPolicy: { 'Fn::GetAtt': ['X', 'Doc'] } } } });
    expect(outcomes(KmsKeyPolicyNoPublicAccess, t, { language: 'ja' }).K).toEqual({ status: 'unverifiable', detail: 'KeyPolicy: KeyPolicy はデプロイ時にしか決まりません' });
  });
});
