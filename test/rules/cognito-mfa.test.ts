import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CognitoMfa } from '../../packs/rules/cognito/CognitoMfa';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const T = 'AWS::Cognito::UserPool';
const pool = (MfaConfiguration: unknown, extra = {}) => cfn({ P: { Type: T, Properties: { MfaConfiguration } } }, extra);

describe('CognitoMfa (FTG-COG-1)', () => {
  describe('non-compliance', () => {
    test('L2 user pool with default MFA (off)', () => {
      const stack = new Stack(new App());
      new cognito.UserPool(stack, 'P');
      expect(statusOf(CognitoMfa, stack, T)).toBe('non-compliant');
    });
    test('L1 pool with MfaConfiguration OFF', () => {
      expect(statusOf(CognitoMfa, pool('OFF'), T)).toBe('non-compliant');
    });
    test('escape hatch turns MFA off', () => {
      const stack = new Stack(new App());
      const p = new cognito.UserPool(stack, 'P', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
      (p.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('MfaConfiguration', 'OFF');
      expect(statusOf(CognitoMfa, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 pools with optional and required MFA', () => {
      const stack = new Stack(new App());
      new cognito.UserPool(stack, 'Users', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false } });
      new cognito.UserPool(stack, 'Admins', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
      expect(Object.values(statuses(CognitoMfa, stack, T))).toEqual(['compliant', 'compliant']);
    });
    test('L1 pool with ON', () => {
      expect(statusOf(CognitoMfa, pool('ON'), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('user pool clients', () => {
      expect(statusOf(CognitoMfa, cfn({ C: { Type: 'AWS::Cognito::UserPoolClient' } }), 'AWS::Cognito::UserPoolClient')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with default OPTIONAL is compliant', () => {
      expect(statusOf(CognitoMfa, pool({ Ref: 'M' }, { Parameters: { M: { Type: 'String', Default: 'OPTIONAL' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including OFF is non-compliant', () => {
      expect(statusOf(CognitoMfa, pool({ Ref: 'M' }, { Parameters: { M: { Type: 'String', AllowedValues: ['ON', 'OFF'] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(CognitoMfa, pool({ Ref: 'M' }, { Parameters: { M: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with an OFF branch is non-compliant', () => {
      expect(statusOf(CognitoMfa, pool({ 'Fn::If': ['Prod', 'ON', 'OFF'] }), T)).toBe('non-compliant');
    });
    test('Fn::If with ON and OPTIONAL is compliant', () => {
      expect(statusOf(CognitoMfa, pool({ 'Fn::If': ['Prod', 'ON', 'OPTIONAL'] }), T)).toBe('compliant');
    });
    test('GetAtt is unverifiable', () => {
      const t = cfn({ P: { Type: T, Properties: { MfaConfiguration: { 'Fn::GetAtt': ['X', 'Mfa'] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(CognitoMfa, t, T)).toBe('unverifiable');
    });
  });
});

describe('CognitoMfa details in Japanese', () => {
  test('MFA not set, and OFF from a parameter default', () => {
    expect(outcomes(CognitoMfa, pool(undefined), { language: 'ja' }).P).toEqual({ status: 'non-compliant', detail: 'MfaConfiguration が 未設定 です' });
    const ja = outcomes(CognitoMfa, pool({ Ref: 'M' }, { Parameters: { M: { Type: 'String', Default: 'OFF' } } }), { language: 'ja' }).P;
    expect(ja).toEqual({ status: 'non-compliant', detail: 'MfaConfiguration が "OFF" です（パラメータ "M" の既定値 "OFF"）' });
  });
});
