import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IamNoUserPolicies } from '../../packs/rules/iam/IamNoUserPolicies';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const U = 'AWS::IAM::User';
const P = 'AWS::IAM::Policy';
const M = 'AWS::IAM::ManagedPolicy';
const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const ro = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

describe('IamNoUserPolicies (FTG-IAM-4)', () => {
  describe('non-compliance', () => {
    test('L2 user with a managed policy and an inline statement', () => {
      const stack = new Stack(new App());
      const u = new iam.User(stack, 'U', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
      u.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
      expect(statuses(IamNoUserPolicies, stack)).toMatchObject({ [stack.getLogicalId(u.node.defaultChild as iam.CfnUser)]: 'non-compliant' });
      expect(statusOf(IamNoUserPolicies, stack, P)).toBe('non-compliant');
    });
    test('L2 managed policy attached to a user', () => {
      const stack = new Stack(new App());
      new iam.ManagedPolicy(stack, 'M', { users: [new iam.User(stack, 'U')], statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
      expect(statusOf(IamNoUserPolicies, stack, M)).toBe('non-compliant');
      expect(statusOf(IamNoUserPolicies, stack, U)).toBe('compliant');
    });
    test('L1 user with inline Policies', () => {
      expect(statusOf(IamNoUserPolicies, cfn({ U: { Type: U, Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: doc }] } } }), U)).toBe('non-compliant');
    });
    test('AWS::IAM::UserPolicy', () => {
      const t = cfn({ X: { Type: 'AWS::IAM::UserPolicy', Properties: { UserName: 'u', PolicyName: 'p', PolicyDocument: doc } } });
      expect(statusOf(IamNoUserPolicies, t, 'AWS::IAM::UserPolicy')).toBe('non-compliant');
    });
    test('escape hatch attaches a managed policy to an L2 user', () => {
      const stack = new Stack(new App());
      const u = new iam.User(stack, 'U');
      (u.node.defaultChild as iam.CfnUser).addPropertyOverride('ManagedPolicyArns', [ro]);
      expect(statusOf(IamNoUserPolicies, stack, U)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 user in a group that holds the policy', () => {
      const stack = new Stack(new App());
      const g = new iam.Group(stack, 'G', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
      g.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
      g.addUser(new iam.User(stack, 'U'));
      expect(statusOf(IamNoUserPolicies, stack, U)).toBe('compliant');
      expect(statusOf(IamNoUserPolicies, stack, P)).toBe('not-applicable');
    });
    test('L1 user with empty lists', () => {
      expect(statusOf(IamNoUserPolicies, cfn({ U: { Type: U, Properties: { Policies: [], ManagedPolicyArns: [] } } }), U)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('a policy attached only to roles and groups', () => {
      const t = cfn({ P: { Type: P, Properties: { PolicyName: 'p', PolicyDocument: doc, Roles: ['r'], Groups: ['g'] } } });
      expect(statusOf(IamNoUserPolicies, t, P)).toBe('not-applicable');
    });
    test('roles', () => {
      expect(statusOf(IamNoUserPolicies, cfn({ R: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: [ro] } } }), 'AWS::IAM::Role')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const user = (ManagedPolicyArns: unknown, Parameters: Record<string, unknown> = {}) => cfn({ U: { Type: U, Properties: { ManagedPolicyArns } } }, { Parameters });
    test('CommaDelimitedList parameter with a default is non-compliant', () => {
      expect(statusOf(IamNoUserPolicies, user({ Ref: 'A' }, { A: { Type: 'CommaDelimitedList', Default: ro } }), U)).toBe('non-compliant');
    });
    test('CommaDelimitedList parameter with an empty default is compliant', () => {
      expect(statusOf(IamNoUserPolicies, user({ Ref: 'A' }, { A: { Type: 'CommaDelimitedList', Default: '' } }), U)).toBe('compliant');
    });
    test('parameter with allowed values including a policy is non-compliant', () => {
      expect(statusOf(IamNoUserPolicies, user({ Ref: 'A' }, { A: { Type: 'CommaDelimitedList', AllowedValues: ['', ro] } }), U)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(IamNoUserPolicies, user({ Ref: 'A' }, { A: { Type: 'CommaDelimitedList' } }), U)).toBe('unverifiable');
    });
    test('Fn::If with a policy in one branch is non-compliant', () => {
      expect(statusOf(IamNoUserPolicies, user({ 'Fn::If': ['C', [ro], { Ref: 'AWS::NoValue' }] }), U)).toBe('non-compliant');
    });
    test('Fn::If with no policy in either branch is compliant', () => {
      expect(statusOf(IamNoUserPolicies, user({ 'Fn::If': ['C', [], { Ref: 'AWS::NoValue' }] }), U)).toBe('compliant');
    });
    test('a GetAtt policy ARN attached to a user is non-compliant (it is still a policy)', () => {
      const t = cfn({ U: { Type: U, Properties: { ManagedPolicyArns: [{ 'Fn::GetAtt': ['X', 'Arn'] }] } }, X: { Type: 'Custom::X' } });
      expect(statusOf(IamNoUserPolicies, t, U)).toBe('non-compliant');
    });
    test('Users of a policy from a GetAtt list is unverifiable', () => {
      const t = cfn({ P: { Type: P, Properties: { PolicyName: 'p', PolicyDocument: doc, Users: { 'Fn::GetAtt': ['X', 'Users'] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(IamNoUserPolicies, t, P)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const t = cfn({ U: { Type: U, Properties: { ManagedPolicyArns: [ro] } } });
      expect(outcomes(IamNoUserPolicies, t).U).toEqual({ status: 'non-compliant', detail: 'ManagedPolicyArns lists 1 managed policies' });
      expect(outcomes(IamNoUserPolicies, t, { language: 'ja' }).U).toEqual({ status: 'non-compliant', detail: 'ManagedPolicyArns に管理ポリシーが 1 件指定されています' });
      expect(outcomes(IamNoUserPolicies, cfn({ UP: { Type: 'AWS::IAM::UserPolicy', Properties: { PolicyName: 'p', PolicyDocument: doc, UserName: 'u' } } }), { language: 'ja' }).UP)
        .toEqual({ status: 'non-compliant', detail: 'AWS::IAM::UserPolicy はユーザーのインラインポリシーです' });
    });
  });
});
