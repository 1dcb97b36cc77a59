import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LambdaNoPublicInvoke } from '../../packs/rules/lambda/LambdaNoPublicInvoke';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const T = 'AWS::Lambda::Permission';
const permission = (props: Record<string, unknown>) => ({
  P: { Type: T, Properties: { Action: 'lambda:InvokeFunction', FunctionName: 'f', ...props } },
});

function l2(): { stack: Stack; fn: lambda.Function } {
  const stack = new Stack(new App());
  const f = new lambda.Function(stack, 'F', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  return { stack, fn: f };
}

describe('LambdaNoPublicInvoke (FTG-LAMBDA-4)', () => {
  describe('non-compliance', () => {
    test('L2 grantInvoke to AnyPrincipal', () => {
      const { stack, fn } = l2();
      fn.grantInvoke(new iam.AnyPrincipal());
      expect(statusOf(LambdaNoPublicInvoke, stack, T)).toBe('non-compliant');
    });
    test('L2 public function URL: the InvokeFunctionUrl permission is non-compliant', () => {
      const { stack, fn } = l2();
      fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
      const s = Object.values(statuses(LambdaNoPublicInvoke, stack, T)).sort();
      // lambda:InvokeFunctionUrl for "*" with FunctionUrlAuthType NONE, and lambda:InvokeFunction limited to the URL.
      expect(s).toEqual(['compliant', 'non-compliant']);
    });
    test('escape hatch removes the SourceArn of a service permission turned public', () => {
      const { stack, fn } = l2();
      const p = new lambda.CfnPermission(stack, 'P', { action: 'lambda:InvokeFunction', functionName: fn.functionArn, principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::b' });
      p.addPropertyOverride('Principal', '*');
      p.addPropertyDeletionOverride('SourceArn');
      expect(statusOf(LambdaNoPublicInvoke, stack, T)).toBe('non-compliant');
    });
    test('L1 Principal "*" without conditions', () => {
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: '*' })), T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 grantInvoke to a role and to an organization', () => {
      const { stack, fn } = l2();
      fn.grantInvoke(new iam.AccountPrincipal('123456789012'));
      fn.addPermission('Org', { principal: new iam.OrganizationPrincipal('o-abc123defg') });
      expect(Object.values(statuses(LambdaNoPublicInvoke, stack, T))).toEqual(['compliant', 'compliant']);
    });
    test('L2 IAM function URL granted to everyone (callers must sign with AWS credentials)', () => {
      const { stack, fn } = l2();
      fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      fn.grantInvokeUrl(new iam.AnyPrincipal());
      expect(Object.values(statuses(LambdaNoPublicInvoke, stack, T))).toEqual(['compliant', 'compliant']);
    });
    test('L1 "*" with SourceArn, SourceAccount or PrincipalOrgID; a service principal with SourceArn', () => {
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: '*', SourceArn: 'arn:aws:sns:ap-northeast-1:123456789012:t' })), T)).toBe('compliant');
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: '*', SourceAccount: '123456789012' })), T)).toBe('compliant');
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: '*', PrincipalOrgID: 'o-abc123' })), T)).toBe('compliant');
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: 'events.amazonaws.com', SourceArn: 'arn:aws:events:ap-northeast-1:123456789012:rule/r' })), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('the function itself', () => {
      expect(statusOf(LambdaNoPublicInvoke, l2().stack, 'AWS::Lambda::Function')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with an account default is compliant', () => {
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', Default: '123456789012' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including "*" is non-compliant', () => {
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', AllowedValues: ['123456789012', '*'] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable; so is a SourceArn from one', () => {
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: { Ref: 'P' } }), { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: '*', SourceArn: { Ref: 'S' } }), { Parameters: { S: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If that drops the SourceArn in one branch is non-compliant', () => {
      const t = cfn(permission({ Principal: '*', SourceArn: { 'Fn::If': ['C', 'arn:aws:sns:ap-northeast-1:123456789012:t', { Ref: 'AWS::NoValue' }] } }));
      expect(statusOf(LambdaNoPublicInvoke, t, T)).toBe('non-compliant');
    });
    test('Fn::If between two restricted principals is compliant', () => {
      expect(statusOf(LambdaNoPublicInvoke, cfn(permission({ Principal: { 'Fn::If': ['C', '123456789012', '210987654321'] } })), T)).toBe('compliant');
    });
    test('GetAtt principal (a role ARN) is compliant; "*" with a GetAtt SourceArn is compliant', () => {
      expect(statusOf(LambdaNoPublicInvoke, cfn({ ...permission({ Principal: { 'Fn::GetAtt': ['R', 'Arn'] } }), R: { Type: 'AWS::IAM::Role' } }), T)).toBe('compliant');
      expect(statusOf(LambdaNoPublicInvoke, cfn({ ...permission({ Principal: '*', SourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] } }), Q: { Type: 'AWS::SQS::Queue' } }), T)).toBe('compliant');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const open = cfn(permission({ Principal: '*', FunctionUrlAuthType: 'NONE' }));
      expect(outcomes(LambdaNoPublicInvoke, open).P)
        .toEqual({ status: 'non-compliant', detail: 'Principal is "*" with no SourceArn, SourceAccount or PrincipalOrgID (FunctionUrlAuthType "NONE")' });
      expect(outcomes(LambdaNoPublicInvoke, open, { language: 'ja' }).P)
        .toEqual({ status: 'non-compliant', detail: 'Principal が "*" で、SourceArn・SourceAccount・PrincipalOrgID がありません（FunctionUrlAuthType "NONE"）' });
      const partly = cfn(permission({ Principal: { Ref: 'Who' }, SourceAccount: { Ref: 'Acct' } }),
        { Parameters: { Who: { Type: 'String', Default: '*' }, Acct: { Type: 'String', AllowedValues: ['', '123456789012'] } } });
      expect(outcomes(LambdaNoPublicInvoke, partly).P).toEqual({
        status: 'non-compliant',
        detail: 'Principal is "*" (parameter "Who" default "*") in at least one Fn::If branch with no SourceArn, SourceAccount or PrincipalOrgID',
      });
      expect(outcomes(LambdaNoPublicInvoke, partly, { language: 'ja' }).P).toEqual({
        status: 'non-compliant',
        detail: '少なくとも 1 つの Fn::If の分岐で、Principal が "*"（パラメータ "Who" の既定値 "*"） で、SourceArn・SourceAccount・PrincipalOrgID がありません',
      });
      const urlUnknown = cfn(permission({ Principal: '*', FunctionUrlAuthType: { Ref: 'A' } }), { Parameters: { A: { Type: 'String' } } });
      expect(outcomes(LambdaNoPublicInvoke, urlUnknown, { language: 'ja' }).P).toEqual({
        status: 'unverifiable',
        detail: 'Principal が "*" で SourceArn・SourceAccount・PrincipalOrgID がなく、FunctionUrlAuthType をデプロイ前には検証できません',
      });
      const sourceUnknown = cfn(permission({ Principal: '*', SourceArn: { Ref: 'Src' } }), { Parameters: { Src: { Type: 'String' } } });
      expect(outcomes(LambdaNoPublicInvoke, sourceUnknown).P).toEqual({
        status: 'unverifiable',
        detail: 'Principal is "*" and whether SourceArn/SourceAccount/PrincipalOrgID restrict it cannot be verified before deployment',
      });
      expect(outcomes(LambdaNoPublicInvoke, sourceUnknown, { language: 'ja' }).P).toEqual({
        status: 'unverifiable',
        detail: 'Principal が "*" で、SourceArn/SourceAccount/PrincipalOrgID で制限されているかをデプロイ前には検証できません',
      });
    });
  });
});
