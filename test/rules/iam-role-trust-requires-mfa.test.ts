import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IamRoleTrustRequiresMfa } from '../../packs/rules/iam/IamRoleTrustRequiresMfa';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const R = 'AWS::IAM::Role';
const role = (...Statement: unknown[]) => ({ R: { Type: R, Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement } } } });
const assume = (Principal: unknown, Condition?: unknown) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal, ...(Condition ? { Condition } : {}) });
const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

describe('IamRoleTrustRequiresMfa (FTG-IAM-5)', () => {
  describe('non-compliance', () => {
    test('L2 role trusted by the account root without MFA', () => {
      const stack = new Stack(new App());
      new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
      expect(statusOf(IamRoleTrustRequiresMfa, stack, R)).toBe('non-compliant');
    });
    test('L2 role trusted by an IAM user ARN without MFA', () => {
      const stack = new Stack(new App());
      new iam.Role(stack, 'R', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::123456789012:user/alice') });
      const o = Object.values(outcomes(IamRoleTrustRequiresMfa, stack))[0];
      expect(o).toEqual({ status: 'non-compliant', detail: expect.stringContaining('arn:aws:iam::123456789012:user/alice') });
    });
    test('L1 role trusted by an account ID', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, cfn(role(assume({ AWS: '123456789012' }))), R)).toBe('non-compliant');
    });
    test('principal "*" without conditions', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, cfn(role(assume('*'))), R)).toBe('non-compliant');
    });
    test('principal "*" with an organization condition but no MFA', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, cfn(role(assume({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }))), R)).toBe('non-compliant');
    });
    test('BoolIfExists lets long-lived access keys through', () => {
      const t = cfn(role(assume({ AWS: 'arn:aws:iam::123456789012:root' }, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })));
      expect(statusOf(IamRoleTrustRequiresMfa, t, R)).toBe('non-compliant');
    });
    test('MultiFactorAuthPresent false', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, cfn(role(assume({ AWS: '123456789012' }, { Bool: { 'aws:MultiFactorAuthPresent': false } }))), R)).toBe('non-compliant');
    });
    test('a service statement next to an account statement without MFA', () => {
      const t = cfn(role(assume({ Service: 'lambda.amazonaws.com' }), assume({ AWS: '123456789012' })));
      expect(statusOf(IamRoleTrustRequiresMfa, t, R)).toBe('non-compliant');
    });
    test('escape hatch removes the MFA condition', () => {
      const stack = new Stack(new App());
      const r = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal().withConditions(mfa) });
      (r.node.defaultChild as iam.CfnRole).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition');
      expect(statusOf(IamRoleTrustRequiresMfa, stack, R)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 role trusted by an account with the MFA condition', () => {
      const stack = new Stack(new App());
      new iam.Role(stack, 'R', { assumedBy: new iam.AccountPrincipal('123456789012').withConditions(mfa) });
      expect(statusOf(IamRoleTrustRequiresMfa, stack, R)).toBe('compliant');
    });
    test('MultiFactorAuthAge with NumericLessThan', () => {
      const t = cfn(role(assume({ AWS: 'arn:aws:iam::123456789012:root' }, { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } })));
      expect(statusOf(IamRoleTrustRequiresMfa, t, R)).toBe('compliant');
    });
    test('boolean true and case-insensitive keys', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, cfn(role(assume({ AWS: '123456789012' }, { bool: { 'AWS:MultiFactorAuthPresent': true } }))), R)).toBe('compliant');
    });
    test('L2 service, web identity and SAML roles (MFA is enforced by the identity provider)', () => {
      const stack = new Stack(new App());
      new iam.Role(stack, 'S', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new iam.Role(stack, 'W', { assumedBy: new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com') });
      const saml = new iam.SamlProvider(stack, 'Idp', { metadataDocument: iam.SamlMetadataDocument.fromXml('<md/>'.padEnd(1000, ' ')) });
      new iam.Role(stack, 'F', { assumedBy: new iam.SamlConsolePrincipal(saml) });
      expect(new Set(Object.values(statuses(IamRoleTrustRequiresMfa, stack, R)))).toEqual(new Set(['compliant']));
    });
    test('Deny statements and statements for other actions are ignored', () => {
      const t = cfn(role(
        { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { AWS: '*' } },
        { Effect: 'Allow', Action: 'sts:TagSession', Principal: { AWS: '123456789012' } },
        assume({ Service: 'ec2.amazonaws.com' }),
      ));
      expect(statusOf(IamRoleTrustRequiresMfa, t, R)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, cfn({ U: { Type: 'AWS::IAM::User' } }), 'AWS::IAM::User')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    const withParam = (param: Record<string, unknown>) =>
      cfn(role(assume({ AWS: '123456789012' }, { Bool: { 'aws:MultiFactorAuthPresent': { Ref: 'Mfa' } } })), { Parameters: { Mfa: { Type: 'String', ...param } } });
    test('MFA value from a parameter with default true is compliant', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, withParam({ Default: 'true' }), R)).toBe('compliant');
    });
    test('MFA value from a parameter with allowed values true and false is non-compliant', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, withParam({ AllowedValues: ['true', 'false'] }), R)).toBe('non-compliant');
    });
    test('MFA value from a parameter without default is unverifiable', () => {
      expect(statusOf(IamRoleTrustRequiresMfa, withParam({}), R)).toBe('unverifiable');
    });
    test('Fn::If around the Condition block with one branch without MFA is non-compliant', () => {
      const t = cfn(role(assume({ AWS: '123456789012' }, { 'Fn::If': ['Prod', mfa, { Ref: 'AWS::NoValue' }] })));
      expect(statusOf(IamRoleTrustRequiresMfa, t, R)).toBe('non-compliant');
    });
    test('Fn::If around the trust document with MFA in both branches is compliant', () => {
      const doc = (p: string) => ({ Statement: [assume({ AWS: p }, mfa)] });
      const t = cfn({ R: { Type: R, Properties: { AssumeRolePolicyDocument: { 'Fn::If': ['Prod', doc('111111111111'), doc('222222222222')] } } } });
      expect(statusOf(IamRoleTrustRequiresMfa, t, R)).toBe('compliant');
    });
    test('a GetAtt role ARN as principal without MFA is non-compliant (still an AWS principal)', () => {
      const t = cfn({ ...role(assume({ AWS: { 'Fn::GetAtt': ['Other', 'Arn'] } })), Other: { Type: R, Properties: { AssumeRolePolicyDocument: { Statement: [assume({ Service: 'ec2.amazonaws.com' })] } } } });
      expect(statuses(IamRoleTrustRequiresMfa, t, R)).toEqual({ R: 'non-compliant', Other: 'compliant' });
    });
    test('a whole Principal from a parameter without default is unverifiable', () => {
      const t = cfn(role(assume({ Ref: 'P' })), { Parameters: { P: { Type: 'String' } } });
      expect(statusOf(IamRoleTrustRequiresMfa, t, R)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const t = cfn(role(assume({ AWS: ['arn:aws:iam::123456789012:root', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' }] })));
      expect(outcomes(IamRoleTrustRequiresMfa, t).R).toEqual({
        status: 'non-compliant',
        detail: 'trust statement lets arn:aws:iam::123456789012:root, the root of an account (ARN built at deployment) assume the role without Bool aws:MultiFactorAuthPresent true or NumericLessThan aws:MultiFactorAuthAge',
      });
      expect(outcomes(IamRoleTrustRequiresMfa, t, { language: 'ja' }).R).toEqual({
        status: 'non-compliant',
        detail: '信頼ポリシーのステートメントは、Bool aws:MultiFactorAuthPresent true も NumericLessThan aws:MultiFactorAuthAge もないまま arn:aws:iam::123456789012:root、いずれかのアカウントのルート（ARN はデプロイ時に組み立てられます） にロールの引き受けを許可しています',
      });
      expect(outcomes(IamRoleTrustRequiresMfa, cfn(role({ Sid: 'Any', ...assume('*') })), { language: 'ja' }).R).toEqual({
        status: 'non-compliant',
        detail: '信頼ポリシーのステートメント "Any"は、Bool aws:MultiFactorAuthPresent true も NumericLessThan aws:MultiFactorAuthAge もないまま 全員（"*"） にロールの引き受けを許可しています',
      });
    });
  });
});
