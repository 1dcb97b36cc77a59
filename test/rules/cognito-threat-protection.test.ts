import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CognitoThreatProtection } from '../../packs/rules/cognito/CognitoThreatProtection';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::Cognito::UserPool';
const pool = (AdvancedSecurityMode: unknown, MinimumLength?: unknown, extra = {}) =>
  cfn({ P: { Type: T, Properties: { UserPoolAddOns: { AdvancedSecurityMode }, ...(MinimumLength !== undefined ? { Policies: { PasswordPolicy: { MinimumLength } } } : {}) } } }, extra);

describe('CognitoThreatProtection (FTG-COG-3)', () => {
  describe('non-compliance', () => {
    test('L2 pool without threat protection', () => {
      const stack = new Stack(new App());
      new cognito.UserPool(stack, 'P');
      expect(statusOf(CognitoThreatProtection, stack, T)).toBe('non-compliant');
    });
    test('L1 pool in AUDIT mode', () => {
      expect(statusOf(CognitoThreatProtection, pool('AUDIT'), T)).toBe('non-compliant');
    });
    test('L2 pool with threat protection but a 6-character password policy', () => {
      const stack = new Stack(new App());
      new cognito.UserPool(stack, 'P', {
        featurePlan: cognito.FeaturePlan.PLUS,
        standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
        passwordPolicy: { minLength: 6 },
      });
      expect(Object.values(outcomes(CognitoThreatProtection, stack)).find((o) => o.status !== 'not-applicable'))
        .toEqual({ status: 'non-compliant', detail: 'Policies.PasswordPolicy.MinimumLength is 6' });
    });
    test('escape hatch sets AUDIT', () => {
      const stack = new Stack(new App());
      const p = new cognito.UserPool(stack, 'P', { featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION });
      (p.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('UserPoolAddOns.AdvancedSecurityMode', 'AUDIT');
      expect(statusOf(CognitoThreatProtection, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 pool on the Plus plan with full-function threat protection', () => {
      const stack = new Stack(new App());
      new cognito.UserPool(stack, 'P', { featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION });
      expect(statusOf(CognitoThreatProtection, stack, T)).toBe('compliant');
    });
    test('L1 pool ENFORCED with a 12-character policy (as a string)', () => {
      expect(statusOf(CognitoThreatProtection, pool('ENFORCED', '12'), T)).toBe('compliant');
    });
    test('L1 pool ENFORCED with a password policy without MinimumLength (Cognito default 8)', () => {
      const t = cfn({ P: { Type: T, Properties: { UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' }, Policies: { PasswordPolicy: { RequireSymbols: true } } } } });
      expect(statusOf(CognitoThreatProtection, t, T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('identity pools', () => {
      expect(statusOf(CognitoThreatProtection, cfn({ I: { Type: 'AWS::Cognito::IdentityPool' } }), 'AWS::Cognito::IdentityPool')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('mode from a parameter with default ENFORCED is compliant', () => {
      expect(statusOf(CognitoThreatProtection, pool({ Ref: 'M' }, undefined, { Parameters: { M: { Type: 'String', Default: 'ENFORCED' } } }), T)).toBe('compliant');
    });
    test('mode from a parameter with allowed values including AUDIT is non-compliant', () => {
      expect(statusOf(CognitoThreatProtection, pool({ Ref: 'M' }, undefined, { Parameters: { M: { Type: 'String', AllowedValues: ['ENFORCED', 'AUDIT'] } } }), T)).toBe('non-compliant');
    });
    test('minimum length from a parameter without default is unverifiable', () => {
      expect(statusOf(CognitoThreatProtection, pool('ENFORCED', { Ref: 'L' }, { Parameters: { L: { Type: 'Number' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with an OFF branch is non-compliant', () => {
      expect(statusOf(CognitoThreatProtection, pool({ 'Fn::If': ['Prod', 'ENFORCED', 'OFF'] }), T)).toBe('non-compliant');
    });
    test('Fn::If with ENFORCED in both branches and lengths 8 and 10 is compliant', () => {
      expect(statusOf(CognitoThreatProtection, pool({ 'Fn::If': ['Prod', 'ENFORCED', 'ENFORCED'] }, { 'Fn::If': ['Prod', 10, 8] }), T)).toBe('compliant');
    });
    test('GetAtt mode is unverifiable', () => {
      const t = cfn({ P: { Type: T, Properties: { UserPoolAddOns: { AdvancedSecurityMode: { 'Fn::GetAtt': ['X', 'Mode'] } } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(CognitoThreatProtection, t, T)).toBe('unverifiable');
    });
  });
});

describe('CognitoThreatProtection details in Japanese', () => {
  test('a short password policy', () => {
    expect(outcomes(CognitoThreatProtection, pool('ENFORCED', 6), { language: 'ja' }).P)
      .toEqual({ status: 'non-compliant', detail: 'Policies.PasswordPolicy.MinimumLength が 6 です' });
  });
});
