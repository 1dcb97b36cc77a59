import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IamUserNoConsolePassword } from '../../packs/rules/iam/IamUserNoConsolePassword';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const U = 'AWS::IAM::User';
const user = (Properties: Record<string, unknown>) => ({ U: { Type: U, Properties } });

describe('IamUserNoConsolePassword (FTG-IAM-2)', () => {
  describe('non-compliance', () => {
    test('L2 user with a password', () => {
      const stack = new Stack(new App());
      new iam.User(stack, 'U', { password: SecretValue.secretsManager('arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:pw') });
      expect(statusOf(IamUserNoConsolePassword, stack, U)).toBe('non-compliant');
    });
    test('L1 user with a LoginProfile; the detail does not print the password', () => {
      const o = outcomes(IamUserNoConsolePassword, cfn(user({ LoginProfile: { Password: 'hunter2', PasswordResetRequired: true } }))).U;
      expect(o).toEqual({ status: 'non-compliant', detail: 'LoginProfile is set' });
    });
    test('escape hatch adds a LoginProfile to an L2 user', () => {
      const stack = new Stack(new App());
      const u = new iam.User(stack, 'U');
      (u.node.defaultChild as iam.CfnUser).addPropertyOverride('LoginProfile', { Password: '{{resolve:ssm-secure:pw}}' });
      expect(statusOf(IamUserNoConsolePassword, stack, U)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 user without a password', () => {
      const stack = new Stack(new App());
      new iam.User(stack, 'U');
      expect(statusOf(IamUserNoConsolePassword, stack, U)).toBe('compliant');
    });
    test('L1 user without LoginProfile', () => {
      expect(statusOf(IamUserNoConsolePassword, cfn(user({ UserName: 'ci' })), U)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('roles and groups', () => {
      expect(statusOf(IamUserNoConsolePassword, cfn({ G: { Type: 'AWS::IAM::Group' } }), 'AWS::IAM::Group')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('Fn::If with a LoginProfile in one branch is non-compliant', () => {
      const t = cfn(user({ LoginProfile: { 'Fn::If': ['Dev', { Password: { Ref: 'Pw' } }, { Ref: 'AWS::NoValue' }] } }), { Parameters: { Pw: { Type: 'String', NoEcho: true }, Env: { Type: 'String' } }, Conditions: { Dev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } } });
      expect(outcomes(IamUserNoConsolePassword, t).U).toEqual({ status: 'non-compliant', detail: 'LoginProfile is set', scenario: 'when Dev = true' });
    });
    test('Fn::If with AWS::NoValue in both branches is compliant', () => {
      const t = cfn(user({ LoginProfile: { 'Fn::If': ['Dev', { Ref: 'AWS::NoValue' }, { Ref: 'AWS::NoValue' }] } }));
      expect(statusOf(IamUserNoConsolePassword, t, U)).toBe('compliant');
    });
    test('LoginProfile from a parameter without default is unverifiable', () => {
      const t = cfn(user({ LoginProfile: { Ref: 'Lp' } }), { Parameters: { Lp: { Type: 'String' } } });
      expect(statusOf(IamUserNoConsolePassword, t, U)).toBe('unverifiable');
    });
    test('a password from GetAtt still means a console password', () => {
      const t = cfn({ ...user({ LoginProfile: { Password: { 'Fn::GetAtt': ['Gen', 'Password'] } } }), Gen: { Type: 'Custom::Gen' } });
      expect(statusOf(IamUserNoConsolePassword, t, U)).toBe('non-compliant');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const t = cfn(user({ LoginProfile: { Password: 'x' } }));
      expect(outcomes(IamUserNoConsolePassword, t).U).toEqual({ status: 'non-compliant', detail: 'LoginProfile is set' });
      expect(outcomes(IamUserNoConsolePassword, t, { language: 'ja' }).U).toEqual({ status: 'non-compliant', detail: 'LoginProfile が設定されています' });
    });
  });
});
