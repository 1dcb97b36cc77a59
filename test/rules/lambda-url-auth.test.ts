import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LambdaUrlAuth } from '../../packs/rules/lambda/LambdaUrlAuth';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::Lambda::Url';
const url = (authType: unknown) => ({ U: { Type: T, Properties: { TargetFunctionArn: 'arn:aws:lambda:ap-northeast-1:123456789012:function:f', ...(authType === undefined ? {} : { AuthType: authType }) } } });

function l2(authType: lambda.FunctionUrlAuthType): { stack: Stack; url: lambda.FunctionUrl } {
  const stack = new Stack(new App());
  const fn = new lambda.Function(stack, 'F', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
  return { stack, url: fn.addFunctionUrl({ authType }) };
}

describe('LambdaUrlAuth (FTG-LAMBDA-1)', () => {
  describe('non-compliance', () => {
    test('L2 function URL with AuthType NONE', () => {
      expect(statusOf(LambdaUrlAuth, l2(lambda.FunctionUrlAuthType.NONE).stack, T)).toBe('non-compliant');
    });
    test('escape hatch opens an IAM function URL', () => {
      const { stack, url: u } = l2(lambda.FunctionUrlAuthType.AWS_IAM);
      (u.node.defaultChild as lambda.CfnUrl).addPropertyOverride('AuthType', 'NONE');
      expect(statusOf(LambdaUrlAuth, stack, T)).toBe('non-compliant');
    });
    test('L1 URL with NONE, and without AuthType', () => {
      expect(statusOf(LambdaUrlAuth, cfn(url('NONE')), T)).toBe('non-compliant');
      expect(statusOf(LambdaUrlAuth, cfn(url(undefined)), T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 function URL with AWS_IAM', () => {
      expect(statusOf(LambdaUrlAuth, l2(lambda.FunctionUrlAuthType.AWS_IAM).stack, T)).toBe('compliant');
    });
    test('L1 URL with AWS_IAM', () => {
      expect(statusOf(LambdaUrlAuth, cfn(url('AWS_IAM')), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('the function itself', () => {
      expect(statusOf(LambdaUrlAuth, l2(lambda.FunctionUrlAuthType.NONE).stack, 'AWS::Lambda::Function')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with an AWS_IAM default is compliant', () => {
      expect(statusOf(LambdaUrlAuth, cfn(url({ Ref: 'P' }), { Parameters: { P: { Type: 'String', Default: 'AWS_IAM' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including NONE is non-compliant', () => {
      expect(statusOf(LambdaUrlAuth, cfn(url({ Ref: 'P' }), { Parameters: { P: { Type: 'String', AllowedValues: ['AWS_IAM', 'NONE'] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(LambdaUrlAuth, cfn(url({ Ref: 'P' }), { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with a NONE branch is non-compliant', () => {
      expect(statusOf(LambdaUrlAuth, cfn(url({ 'Fn::If': ['Public', 'NONE', 'AWS_IAM'] })), T)).toBe('non-compliant');
    });
    test('Fn::If with AWS_IAM in both branches is compliant', () => {
      expect(statusOf(LambdaUrlAuth, cfn(url({ 'Fn::If': ['C', 'AWS_IAM', 'AWS_IAM'] })), T)).toBe('compliant');
    });
    test('GetAtt for the auth type is unverifiable', () => {
      expect(statusOf(LambdaUrlAuth, cfn({ ...url({ 'Fn::GetAtt': ['X', 'Auth'] }), X: { Type: 'Custom::X' } }), T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(LambdaUrlAuth, cfn(url(undefined))).U).toEqual({ status: 'non-compliant', detail: 'AuthType is not set' });
      expect(outcomes(LambdaUrlAuth, cfn(url(undefined)), { language: 'ja' }).U).toEqual({ status: 'non-compliant', detail: 'AuthType が未設定です' });
      expect(outcomes(LambdaUrlAuth, cfn(url('NONE')), { language: 'ja' }).U).toEqual({ status: 'non-compliant', detail: 'AuthType が "NONE" です' });
    });
  });
});
