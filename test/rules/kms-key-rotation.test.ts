import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { KmsKeyRotation } from '../../packs/rules/kms/KmsKeyRotation';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::KMS::Key';
const key = (props: Record<string, unknown>, extra = {}) => cfn({ K: { Type: T, Properties: props } }, extra);

describe('KmsKeyRotation (FTG-KMS-1)', () => {
  describe('non-compliance', () => {
    test('L2 key without rotation', () => {
      const stack = new Stack(new App());
      new kms.Key(stack, 'K');
      expect(statusOf(KmsKeyRotation, stack, T)).toBe('non-compliant');
    });
    test('L1 symmetric key with EnableKeyRotation false', () => {
      expect(statusOf(KmsKeyRotation, key({ KeySpec: 'SYMMETRIC_DEFAULT', EnableKeyRotation: false }), T)).toBe('non-compliant');
    });
    test('escape hatch turns rotation off', () => {
      const stack = new Stack(new App());
      const k = new kms.Key(stack, 'K', { enableKeyRotation: true });
      (k.node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', false);
      expect(statusOf(KmsKeyRotation, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 key with enableKeyRotation', () => {
      const stack = new Stack(new App());
      new kms.Key(stack, 'K', { enableKeyRotation: true });
      expect(statusOf(KmsKeyRotation, stack, T)).toBe('compliant');
    });
    test('L1 key with rotation as a string', () => {
      expect(statusOf(KmsKeyRotation, key({ EnableKeyRotation: 'true', RotationPeriodInDays: 180 }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('L2 asymmetric signing key', () => {
      const stack = new Stack(new App());
      new kms.Key(stack, 'K', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });
      expect(statusOf(KmsKeyRotation, stack, T)).toBe('not-applicable');
    });
    test('L1 HMAC key and key with imported material', () => {
      expect(statusOf(KmsKeyRotation, key({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }), T)).toBe('not-applicable');
      expect(statusOf(KmsKeyRotation, key({ Origin: 'EXTERNAL' }), T)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(KmsKeyRotation, cfn({ A: { Type: 'AWS::KMS::Alias' } }), 'AWS::KMS::Alias')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => key({ EnableKeyRotation: { Ref: 'Rotate' } }, { Parameters: { Rotate: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(KmsKeyRotation, param({ Default: 'true' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(KmsKeyRotation, param({ AllowedValues: ['true', 'false'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(KmsKeyRotation, param({}), T)).toBe('unverifiable');
    });
    test('KeySpec parameter without default and rotation off is unverifiable', () => {
      expect(statusOf(KmsKeyRotation, key({ KeySpec: { Ref: 'Spec' } }, { Parameters: { Spec: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('KeySpec parameter with allowed values including a symmetric key and rotation off is non-compliant', () => {
      expect(statusOf(KmsKeyRotation, key({ KeySpec: { Ref: 'Spec' } }, { Parameters: { Spec: { Type: 'String', AllowedValues: ['RSA_2048', 'SYMMETRIC_DEFAULT'] } } }), T)).toBe('non-compliant');
    });
    test('Fn::If with one branch off is non-compliant', () => {
      expect(statusOf(KmsKeyRotation, key({ EnableKeyRotation: { 'Fn::If': ['Prod', true, false] } }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches on is compliant', () => {
      expect(statusOf(KmsKeyRotation, key({ EnableKeyRotation: { 'Fn::If': ['Prod', true, 'true'] } }), T)).toBe('compliant');
    });
    describe('rotation on exactly when a condition on the KeySpec parameter says the key is symmetric', () => {
      const bySpec = (rotation: unknown) => key({ KeySpec: { Ref: 'Spec' }, EnableKeyRotation: rotation }, {
        Parameters: { Spec: { Type: 'String', AllowedValues: ['SYMMETRIC_DEFAULT', 'RSA_2048', 'ECC_NIST_P256'], Default: 'SYMMETRIC_DEFAULT' } },
        Conditions: { Symmetric: { 'Fn::Equals': [{ Ref: 'Spec' }, 'SYMMETRIC_DEFAULT'] } },
      });
      test('is compliant (the false branch is only taken by asymmetric keys, which cannot rotate)', () => {
        expect(statusOf(KmsKeyRotation, bySpec({ 'Fn::If': ['Symmetric', true, false] }), T)).toBe('compliant');
      });
      test('rotation off for the symmetric key is still non-compliant, in that scenario', () => {
        const out = outcomes(KmsKeyRotation, bySpec({ 'Fn::If': ['Symmetric', false, true] })).K;
        expect(out).toEqual(expect.objectContaining({ status: 'non-compliant', scenario: 'when Symmetric = true' }));
      });
    });
    test('GetAtt for the flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, K: { Type: T, Properties: { EnableKeyRotation: { 'Fn::GetAtt': ['X', 'Rotate'] } } } });
      expect(statusOf(KmsKeyRotation, t, T)).toBe('unverifiable');
    });
  });
});

describe('KmsKeyRotation details', () => {
  test('rotation off, and off on a key whose KeySpec is only known at deployment, in English and Japanese', () => {
    expect(outcomes(KmsKeyRotation, key({}), { language: 'ja' }).K).toEqual({ status: 'non-compliant', detail: 'EnableKeyRotation が 未設定 です' });
    const t = key({ KeySpec: { Ref: 'Spec' }, EnableKeyRotation: false }, { Parameters: { Spec: { Type: 'String' } } });
    expect(outcomes(KmsKeyRotation, t).K).toEqual({
      status: 'unverifiable',
      detail: 'EnableKeyRotation is false; whether the key can rotate depends on KeySpec/Origin, which are not known before deployment (Ref to parameter "Spec" with no default or allowed values)',
    });
    expect(outcomes(KmsKeyRotation, t, { language: 'ja' }).K).toEqual({
      status: 'unverifiable',
      detail: 'EnableKeyRotation が false です。キーをローテーションできるかは KeySpec/Origin によりますが、デプロイ前には分かりません（パラメータ "Spec" への Ref で、既定値も許可値もありません）',
    });
  });
});
