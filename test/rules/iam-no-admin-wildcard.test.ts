import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IamNoAdminWildcard } from '../../packs/rules/iam/IamNoAdminWildcard';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const P = 'AWS::IAM::Policy';
const R = 'AWS::IAM::Role';
const trust = { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const policy = (PolicyDocument: unknown) => ({ P: { Type: P, Properties: { PolicyName: 'p', PolicyDocument, Roles: ['r'] } } });

describe('IamNoAdminWildcard (FTG-IAM-1)', () => {
  describe('non-compliance', () => {
    test('L2 role with a "*" on "*" statement (AWS::IAM::Policy)', () => {
      const stack = new Stack(new App());
      const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
      expect(statusOf(IamNoAdminWildcard, stack, P)).toBe('non-compliant');
    });
    test('L2 inline policy with iam:* on "*" (privilege escalation) on the role itself', () => {
      const stack = new Stack(new App());
      new iam.Role(stack, 'R', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        inlinePolicies: { Esc: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] })] }) },
      });
      const o = Object.values(outcomes(IamNoAdminWildcard, stack)).find((x) => x.status !== 'not-applicable');
      expect(o).toEqual({ status: 'non-compliant', detail: expect.stringContaining('Policies[0] (Esc): statement allows Action "iam:*" on Resource "*"') });
    });
    test('L1 managed policy with "*:*" among other actions', () => {
      const t = cfn({ M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['*'] }) } } });
      expect(statusOf(IamNoAdminWildcard, t, 'AWS::IAM::ManagedPolicy')).toBe('non-compliant');
    });
    test('NotAction that leaves IAM open on "*"', () => {
      expect(statusOf(IamNoAdminWildcard, cfn(policy(doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }))), P)).toBe('non-compliant');
    });
    test('"*" on NotResource', () => {
      expect(statusOf(IamNoAdminWildcard, cfn(policy(doc({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::b' }))), P)).toBe('non-compliant');
    });
    test('a policy document given as a JSON string', () => {
      const json = JSON.stringify(doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
      expect(statusOf(IamNoAdminWildcard, cfn(policy(json)), P)).toBe('non-compliant');
    });
    test('L1 group and user inline policies', () => {
      const inline = [{ PolicyName: 'a', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }];
      const t = cfn({ G: { Type: 'AWS::IAM::Group', Properties: { Policies: inline } }, U: { Type: 'AWS::IAM::User', Properties: { Policies: inline } } });
      expect(statuses(IamNoAdminWildcard, t)).toEqual({ G: 'non-compliant', U: 'non-compliant' });
    });
    test('AWS::IAM::RolePolicy with "*" on "*"', () => {
      const t = cfn({ X: { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: 'r', PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) } } });
      expect(statusOf(IamNoAdminWildcard, t, 'AWS::IAM::RolePolicy')).toBe('non-compliant');
    });
    test('escape hatch turns a narrow statement into "*" on "*"', () => {
      const stack = new Stack(new App());
      const p = new iam.Policy(stack, 'P', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
      p.attachToRole(new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
      const l1 = p.node.defaultChild as iam.CfnPolicy;
      l1.addPropertyOverride('PolicyDocument.Statement.0.Action', '*');
      l1.addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
      expect(statusOf(IamNoAdminWildcard, stack, P)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 grant on a bucket', () => {
      const stack = new Stack(new App());
      const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new s3.Bucket(stack, 'B').grantRead(role);
      expect(statusOf(IamNoAdminWildcard, stack, P)).toBe('compliant');
      expect(statusOf(IamNoAdminWildcard, stack, R)).toBe('compliant');
    });
    test('Deny "*" on "*"', () => {
      expect(statusOf(IamNoAdminWildcard, cfn(policy(doc({ Effect: 'Deny', Action: '*', Resource: '*' }))), P)).toBe('compliant');
    });
    test('"*" on one resource', () => {
      expect(statusOf(IamNoAdminWildcard, cfn(policy(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }))), P)).toBe('compliant');
    });
    test('narrow IAM read actions on "*"', () => {
      expect(statusOf(IamNoAdminWildcard, cfn(policy(doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }))), P)).toBe('compliant');
    });
    test('NotAction that excludes IAM (PowerUser-like)', () => {
      const t = cfn(policy(doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' })));
      expect(statusOf(IamNoAdminWildcard, t, P)).toBe('compliant');
    });
    test('role without inline policies', () => {
      expect(statusOf(IamNoAdminWildcard, cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust } } }), R)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(IamNoAdminWildcard, cfn({ B: { Type: 'AWS::S3::Bucket' } }), 'AWS::S3::Bucket')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    const withParam = (param: Record<string, unknown>, Resource: unknown = '*') =>
      cfn(policy(doc({ Effect: 'Allow', Action: { Ref: 'Act' }, Resource })), { Parameters: { Act: { Type: 'String', ...param } } });
    test('parameter with a "*" default is non-compliant', () => {
      expect(statusOf(IamNoAdminWildcard, withParam({ Default: '*' }), P)).toBe('non-compliant');
    });
    test('parameter with a harmless default is compliant', () => {
      expect(statusOf(IamNoAdminWildcard, withParam({ Default: 's3:GetObject' }), P)).toBe('compliant');
    });
    test('parameter with allowed values including "*" is non-compliant', () => {
      expect(statusOf(IamNoAdminWildcard, withParam({ AllowedValues: ['s3:GetObject', '*'] }), P)).toBe('non-compliant');
    });
    test('parameter without default or allowed values on "*" is unverifiable', () => {
      const o = outcomes(IamNoAdminWildcard, withParam({})).P;
      expect(o.status).toBe('unverifiable');
      expect(o).toHaveProperty('detail', expect.stringContaining('an Action only known at deployment'));
    });
    test('parameter without default on a specific resource is compliant', () => {
      expect(statusOf(IamNoAdminWildcard, withParam({}, 'arn:aws:s3:::b/*'), P)).toBe('compliant');
    });
    test('Fn::If with one admin branch is non-compliant', () => {
      const t = cfn(policy({ 'Fn::If': ['C', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })] }));
      expect(statusOf(IamNoAdminWildcard, t, P)).toBe('non-compliant');
    });
    test('Fn::If with both branches narrow is compliant', () => {
      const narrow = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
      expect(statusOf(IamNoAdminWildcard, cfn(policy({ 'Fn::If': ['C', narrow, narrow] })), P)).toBe('compliant');
    });
    test('"*" on a GetAtt resource is compliant', () => {
      const t = cfn({ ...policy(doc({ Effect: 'Allow', Action: '*', Resource: { 'Fn::GetAtt': ['B', 'Arn'] } })), B: { Type: 'AWS::S3::Bucket' } });
      expect(statusOf(IamNoAdminWildcard, t, P)).toBe('compliant');
    });
    test('"*" on a resource from a parameter without default is unverifiable', () => {
      const t = cfn(policy(doc({ Effect: 'Allow', Action: '*', Resource: { Ref: 'Res' } })), { Parameters: { Res: { Type: 'String' } } });
      expect(statusOf(IamNoAdminWildcard, t, P)).toBe('unverifiable');
    });
    test('inline Policies from a parameter without default is unverifiable', () => {
      const t = cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: trust, Policies: { Ref: 'Pol' } } } }, { Parameters: { Pol: { Type: 'String' } } });
      expect(statusOf(IamNoAdminWildcard, t, R)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const t = cfn(policy(doc({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' })));
      expect(outcomes(IamNoAdminWildcard, t).P).toEqual({ status: 'non-compliant', detail: 'PolicyDocument: statement "All" allows Action "*" on Resource "*"' });
      expect(outcomes(IamNoAdminWildcard, t, { language: 'ja' }).P)
        .toEqual({ status: 'non-compliant', detail: 'PolicyDocument: ステートメント "All"が Resource "*" に対して Action "*" を許可しています' });
      const not = cfn(policy(doc({ Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' })));
      expect(outcomes(IamNoAdminWildcard, not, { language: 'ja' }).P).toEqual({
        status: 'non-compliant',
        detail: 'PolicyDocument: ステートメントが Resource "*" に対して NotAction ["s3:*"]（iam:PutRolePolicy が許可されたままになります） を許可しています',
      });
      const unknown = cfn(policy(doc({ Effect: 'Allow', Action: '*', Resource: { Ref: 'R' } })), { Parameters: { R: { Type: 'String' } } });
      expect(outcomes(IamNoAdminWildcard, unknown, { language: 'ja' }).P).toEqual({
        status: 'unverifiable',
        detail: 'PolicyDocument: ステートメントが デプロイ時にしか決まらない Resource に対して Action "*" を許可しており、デプロイ前には検証できません',
      });
      expect(outcomes(IamNoAdminWildcard, cfn(policy({ 'Fn::GetAtt': ['X', 'Doc'] })), { language: 'ja' }).P)
        .toEqual({ status: 'unverifiable', detail: 'PolicyDocument: ポリシードキュメントはデプロイ時にしか決まりません' });
    });
  });
});
