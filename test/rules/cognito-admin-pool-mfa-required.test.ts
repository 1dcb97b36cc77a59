import { App, Stack, Tags } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CognitoAdminPoolMfaRequired } from '../../packs/rules/cognito/CognitoAdminPoolMfaRequired';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::Cognito::UserPool';
const TAG = 'fintech-guardrails:audience';
const pool = (MfaConfiguration: unknown, audience: unknown = 'admin', extra = {}) =>
  cfn({ P: { Type: T, Properties: { MfaConfiguration, UserPoolTags: { [TAG]: audience } } } }, extra);

describe('CognitoAdminPoolMfaRequired (FTG-COG-2)', () => {
  describe('non-compliance', () => {
    test('L2 admin pool (tagged with Tags.of) with optional MFA', () => {
      const stack = new Stack(new App());
      const p = new cognito.UserPool(stack, 'P', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false } });
      Tags.of(p).add(TAG, 'admin');
      expect(statusOf(CognitoAdminPoolMfaRequired, stack, T)).toBe('non-compliant');
    });
    test('L1 admin pool without MfaConfiguration', () => {
      expect(statusOf(CognitoAdminPoolMfaRequired, cfn({ P: { Type: T, Properties: { UserPoolTags: { [TAG]: 'Admin' } } } }), T)).toBe('non-compliant');
    });
    test('escape hatch lowers MFA of an admin pool to OPTIONAL', () => {
      const stack = new Stack(new App());
      const p = new cognito.UserPool(stack, 'P', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
      Tags.of(p).add(TAG, 'admin');
      (p.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('MfaConfiguration', 'OPTIONAL');
      expect(statusOf(CognitoAdminPoolMfaRequired, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 admin pool with required MFA', () => {
      const stack = new Stack(new App());
      const p = new cognito.UserPool(stack, 'P', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
      Tags.of(p).add(TAG, 'admin');
      expect(statusOf(CognitoAdminPoolMfaRequired, stack, T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('L2 pool without the tag', () => {
      const stack = new Stack(new App());
      new cognito.UserPool(stack, 'P');
      expect(statusOf(CognitoAdminPoolMfaRequired, stack, T)).toBe('not-applicable');
    });
    test('pool for end users', () => {
      expect(statusOf(CognitoAdminPoolMfaRequired, pool('OPTIONAL', 'customers'), T)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('audience from a parameter with default admin and MFA OPTIONAL is non-compliant', () => {
      expect(statusOf(CognitoAdminPoolMfaRequired, pool('OPTIONAL', { Ref: 'A' }, { Parameters: { A: { Type: 'String', Default: 'admin' } } }), T)).toBe('non-compliant');
    });
    test('audience from a parameter with allowed values including admin is checked', () => {
      expect(statusOf(CognitoAdminPoolMfaRequired, pool('OFF', { Ref: 'A' }, { Parameters: { A: { Type: 'String', AllowedValues: ['customers', 'admin'] } } }), T)).toBe('non-compliant');
    });
    test('audience from a parameter without default and MFA OPTIONAL is unverifiable', () => {
      const o = outcomes(CognitoAdminPoolMfaRequired, pool('OPTIONAL', { Ref: 'A' }, { Parameters: { A: { Type: 'String' } } })).P;
      expect(o).toEqual({ status: 'unverifiable', detail: expect.stringContaining('fintech-guardrails:audience tag is only known at deployment') });
    });
    test('audience from a parameter without default and MFA ON is compliant', () => {
      expect(statusOf(CognitoAdminPoolMfaRequired, pool('ON', { Ref: 'A' }, { Parameters: { A: { Type: 'String' } } }), T)).toBe('compliant');
    });
    test('MFA from a parameter without default on an admin pool is unverifiable', () => {
      expect(statusOf(CognitoAdminPoolMfaRequired, pool({ Ref: 'M' }, 'admin', { Parameters: { M: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with an OPTIONAL branch is non-compliant', () => {
      expect(statusOf(CognitoAdminPoolMfaRequired, pool({ 'Fn::If': ['Prod', 'ON', 'OPTIONAL'] }), T)).toBe('non-compliant');
    });
    test('Fn::If with ON in both branches is compliant', () => {
      expect(statusOf(CognitoAdminPoolMfaRequired, pool({ 'Fn::If': ['Prod', 'ON', 'ON'] }), T)).toBe('compliant');
    });
    test('audience from GetAtt with MFA OFF is unverifiable', () => {
      const t = cfn({ P: { Type: T, Properties: { MfaConfiguration: 'OFF', UserPoolTags: { [TAG]: { 'Fn::GetAtt': ['X', 'Aud'] } } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(CognitoAdminPoolMfaRequired, t, T)).toBe('unverifiable');
    });
  });
});

describe('CognitoAdminPoolMfaRequired details in Japanese', () => {
  test('an audience tag only known at deployment, with the reason', () => {
    const ja = outcomes(CognitoAdminPoolMfaRequired, pool('OPTIONAL', { Ref: 'A' }, { Parameters: { A: { Type: 'String' } } }), { language: 'ja' }).P;
    expect(ja).toEqual({
      status: 'unverifiable',
      detail: 'fintech-guardrails:audience タグはデプロイ時にしか決まらず（パラメータ "A" への Ref で、既定値も許可値もありません）、MfaConfiguration が ON ではありません',
    });
  });
  test('an admin pool with MFA OFF', () => {
    expect(outcomes(CognitoAdminPoolMfaRequired, pool('OFF'), { language: 'ja' }).P).toEqual({ status: 'non-compliant', detail: 'MfaConfiguration が "OFF" です' });
  });
});
