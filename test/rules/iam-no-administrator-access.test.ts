import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IamNoAdministratorAccess } from '../../packs/rules/iam/IamNoAdministratorAccess';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const R = 'AWS::IAM::Role';
const trust = { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }] };
const role = (ManagedPolicyArns: unknown, extra: Record<string, unknown> = {}) =>
  cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns } }, ...extra });
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe('IamNoAdministratorAccess (FTG-IAM-6)', () => {
  describe('non-compliance', () => {
    test('L2 role with AdministratorAccess (Fn::Join with AWS::Partition)', () => {
      const stack = new Stack(new App());
      new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
      expect(statusOf(IamNoAdministratorAccess, stack, R)).toBe('non-compliant');
    });
    test('L2 group and user', () => {
      const stack = new Stack(new App());
      const admin = iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
      new iam.Group(stack, 'G', { managedPolicies: [admin] });
      new iam.User(stack, 'U', { managedPolicies: [admin] });
      expect(Object.values(statuses(IamNoAdministratorAccess, stack))).toEqual(['non-compliant', 'non-compliant']);
    });
    test('L1 literal ARN in another partition', () => {
      expect(statusOf(IamNoAdministratorAccess, role(['arn:aws-cn:iam::aws:policy/ReadOnlyAccess', 'arn:aws-cn:iam::aws:policy/AdministratorAccess']), R)).toBe('non-compliant');
    });
    test('Fn::Sub form', () => {
      expect(statusOf(IamNoAdministratorAccess, role([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }]), R)).toBe('non-compliant');
    });
    test('SSO permission set', () => {
      const t = cfn({ PS: { Type: 'AWS::SSO::PermissionSet', Properties: { InstanceArn: 'arn:aws:sso:::instance/ssoins-1', Name: 'Admin', ManagedPolicies: [ADMIN] } } });
      expect(statusOf(IamNoAdministratorAccess, t, 'AWS::SSO::PermissionSet')).toBe('non-compliant');
    });
    test('escape hatch adds AdministratorAccess', () => {
      const stack = new Stack(new App());
      const r = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
      (r.node.defaultChild as iam.CfnRole).addPropertyOverride('ManagedPolicyArns', [ADMIN]);
      expect(statusOf(IamNoAdministratorAccess, stack, R)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 role with a job-function policy', () => {
      const stack = new Stack(new App());
      new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/DatabaseAdministrator')] });
      expect(statusOf(IamNoAdministratorAccess, stack, R)).toBe('compliant');
    });
    test('similar names are not AdministratorAccess', () => {
      expect(statusOf(IamNoAdministratorAccess, role(['arn:aws:iam::aws:policy/AdministratorAccess-Amplify', 'arn:aws:iam::123456789012:policy/AdministratorAccess']), R)).toBe('compliant');
    });
    test('a customer managed policy of the template (Ref)', () => {
      const t = role([{ Ref: 'M' }], { M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [] } } } });
      expect(statusOf(IamNoAdministratorAccess, t, R)).toBe('compliant');
    });
    test('a Join that builds an account policy ARN', () => {
      const t = role([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/Ops']] }]);
      expect(statusOf(IamNoAdministratorAccess, t, R)).toBe('compliant');
    });
    test('a role without managed policies', () => {
      expect(statusOf(IamNoAdministratorAccess, cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust } } }), R)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('policies themselves', () => {
      expect(statusOf(IamNoAdministratorAccess, cfn({ M: { Type: 'AWS::IAM::ManagedPolicy' } }), 'AWS::IAM::ManagedPolicy')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with AdministratorAccess as default is non-compliant', () => {
      expect(statusOf(IamNoAdministratorAccess, cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: [{ Ref: 'A' }] } } }, { Parameters: { A: { Type: 'String', Default: ADMIN } } }), R)).toBe('non-compliant');
    });
    test('parameter with allowed values including AdministratorAccess is non-compliant', () => {
      const t = cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: [{ Ref: 'A' }] } } },
        { Parameters: { A: { Type: 'String', AllowedValues: ['arn:aws:iam::aws:policy/ReadOnlyAccess', ADMIN] } } });
      expect(statusOf(IamNoAdministratorAccess, t, R)).toBe('non-compliant');
    });
    test('parameter with a harmless default is compliant', () => {
      const t = cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: [{ Ref: 'A' }] } } }, { Parameters: { A: { Type: 'String', Default: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } });
      expect(statusOf(IamNoAdministratorAccess, t, R)).toBe('compliant');
    });
    test('parameter without default is unverifiable', () => {
      const t = cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: [{ Ref: 'A' }] } } }, { Parameters: { A: { Type: 'String' } } });
      expect(statusOf(IamNoAdministratorAccess, t, R)).toBe('unverifiable');
    });
    test('Sub with a policy-name parameter whose allowed values include AdministratorAccess is non-compliant', () => {
      const t = cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/${Name}' }] } } },
        { Parameters: { Name: { Type: 'String', AllowedValues: ['ReadOnlyAccess', 'AdministratorAccess'] } } });
      expect(statusOf(IamNoAdministratorAccess, t, R)).toBe('non-compliant');
    });
    test('Join with a policy-name parameter without default is unverifiable', () => {
      const t = cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:aws:iam::aws:policy/', { Ref: 'Name' }]] }] } } },
        { Parameters: { Name: { Type: 'String' } } });
      expect(statusOf(IamNoAdministratorAccess, t, R)).toBe('unverifiable');
    });
    test('Fn::If with AdministratorAccess in one branch is non-compliant', () => {
      expect(statusOf(IamNoAdministratorAccess, role([{ 'Fn::If': ['BreakGlass', ADMIN, { Ref: 'AWS::NoValue' }] }]), R)).toBe('non-compliant');
    });
    test('Fn::If with harmless policies in both branches is compliant', () => {
      expect(statusOf(IamNoAdministratorAccess, role({ 'Fn::If': ['Prod', ['arn:aws:iam::aws:policy/ReadOnlyAccess'], []] }), R)).toBe('compliant');
    });
    test('GetAtt of a custom resource is unverifiable', () => {
      expect(statusOf(IamNoAdministratorAccess, role([{ 'Fn::GetAtt': ['X', 'PolicyArn'] }], { X: { Type: 'Custom::X' } }), R)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(IamNoAdministratorAccess, role([ADMIN])).R).toEqual({ status: 'non-compliant', detail: 'ManagedPolicyArns includes AdministratorAccess' });
      expect(outcomes(IamNoAdministratorAccess, role([ADMIN]), { language: 'ja' }).R)
        .toEqual({ status: 'non-compliant', detail: 'ManagedPolicyArns に AdministratorAccess が含まれています' });
      const sub = { ...role([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/${P}' }]), Parameters: { P: { Type: 'String' } } };
      expect(outcomes(IamNoAdministratorAccess, sub, { language: 'ja' }).R).toEqual({
        status: 'unverifiable',
        detail: 'ManagedPolicyArns に、デプロイ時にしか決まらない値から Fn::Sub で組み立てた ARN があり、AdministratorAccess である可能性があります',
      });
    });
  });
});
