import { App, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DEPRECATED_RUNTIMES, LambdaSupportedRuntime } from '../../packs/rules/lambda/LambdaSupportedRuntime';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::Lambda::Function';
const fn = (runtime: unknown, extra: Record<string, unknown> = {}) => ({
  F: { Type: T, Properties: { Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { S3Bucket: 'b', S3Key: 'k' }, ...(runtime === undefined ? {} : { Runtime: runtime }), ...extra } },
});

function l2(runtime: lambda.Runtime): { stack: Stack; fn: lambda.Function } {
  const stack = new Stack(new App());
  const f = new lambda.Function(stack, 'F', { runtime, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  return { stack, fn: f };
}

describe('LambdaSupportedRuntime (FTG-LAMBDA-3)', () => {
  describe('non-compliance', () => {
    test('L2 function on Node.js 16', () => {
      const o = Object.values(outcomes(LambdaSupportedRuntime, l2(lambda.Runtime.NODEJS_16_X).stack)).find((x) => x.status !== 'not-applicable')!;
      expect(o.status).toBe('non-compliant');
      expect(o.status === 'non-compliant' && o.detail).toContain('2024-06-12');
    });
    test('escape hatch sets the runtime to python3.8', () => {
      const { stack, fn: f } = l2(lambda.Runtime.PYTHON_3_13);
      (f.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Runtime', 'python3.8');
      expect(statusOf(LambdaSupportedRuntime, stack, T)).toBe('non-compliant');
    });
    test('L1 deprecated runtimes of every family', () => {
      for (const r of ['nodejs18.x', 'nodejs20.x', 'python3.9', 'java8', 'dotnet6', 'dotnetcore3.1', 'ruby3.2', 'go1.x', 'provided', 'provided.al2']) {
        expect(statusOf(LambdaSupportedRuntime, cfn(fn(r)), T)).toBe('non-compliant');
      }
    });
  });

  describe('compliance', () => {
    test('L2 function on Node.js 22', () => {
      expect(statusOf(LambdaSupportedRuntime, l2(lambda.Runtime.NODEJS_22_X).stack, T)).toBe('compliant');
    });
    test('L1 supported runtimes (java8.al2 is not java8, provided.al2023 is not provided)', () => {
      for (const r of ['nodejs24.x', 'python3.14', 'java8.al2', 'java21', 'dotnet10', 'ruby3.4', 'provided.al2023']) {
        expect(statusOf(LambdaSupportedRuntime, cfn(fn(r)), T)).toBe('compliant');
      }
    });
    test('the dated list names a successor that is not itself deprecated', () => {
      for (const entry of Object.values(DEPRECATED_RUNTIMES)) {
        expect(DEPRECATED_RUNTIMES[entry.successor]).toBeUndefined();
        expect(entry.deprecated <= '2026-11-26').toBe(true);
      }
    });
  });

  describe('not applicable', () => {
    test('L2 container image function', () => {
      const stack = new Stack(new App());
      new lambda.DockerImageFunction(stack, 'F', { code: lambda.DockerImageCode.fromEcr(ecr.Repository.fromRepositoryName(stack, 'R', 'app'), { tagOrDigest: 'v1' }) });
      expect(statusOf(LambdaSupportedRuntime, stack, T)).toBe('not-applicable');
    });
    test('L1 PackageType Image without Runtime', () => {
      expect(statusOf(LambdaSupportedRuntime, cfn(fn(undefined, { PackageType: 'Image', Code: { ImageUri: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/x:1' } })), T)).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a supported default is compliant', () => {
      expect(statusOf(LambdaSupportedRuntime, cfn(fn({ Ref: 'P' }), { Parameters: { P: { Type: 'String', Default: 'nodejs22.x' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including nodejs16.x is non-compliant', () => {
      expect(statusOf(LambdaSupportedRuntime, cfn(fn({ Ref: 'P' }), { Parameters: { P: { Type: 'String', AllowedValues: ['nodejs22.x', 'nodejs16.x'] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(LambdaSupportedRuntime, cfn(fn({ Ref: 'P' }), { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with a deprecated branch is non-compliant', () => {
      expect(statusOf(LambdaSupportedRuntime, cfn(fn({ 'Fn::If': ['Legacy', 'python3.7', 'python3.13'] })), T)).toBe('non-compliant');
    });
    test('Fn::If with two supported runtimes is compliant', () => {
      expect(statusOf(LambdaSupportedRuntime, cfn(fn({ 'Fn::If': ['C', 'python3.12', 'python3.13'] })), T)).toBe('compliant');
    });
    test('GetAtt for the runtime is unverifiable; a missing runtime on a zip function too', () => {
      expect(statusOf(LambdaSupportedRuntime, cfn({ ...fn({ 'Fn::GetAtt': ['X', 'Runtime'] }), X: { Type: 'Custom::X' } }), T)).toBe('unverifiable');
      expect(statusOf(LambdaSupportedRuntime, cfn(fn(undefined)), T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const param = cfn(fn({ Ref: 'R' }), { Parameters: { R: { Type: 'String', Default: 'nodejs16.x' } } });
      expect(outcomes(LambdaSupportedRuntime, param).F).toEqual({
        status: 'non-compliant',
        detail: 'Runtime nodejs16.x (parameter "R" default "nodejs16.x") was deprecated on 2024-06-12; move to nodejs24.x',
      });
      expect(outcomes(LambdaSupportedRuntime, param, { language: 'ja' }).F).toEqual({
        status: 'non-compliant',
        detail: 'Runtime nodejs16.x（パラメータ "R" の既定値 "nodejs16.x"） は 2024-06-12 に非推奨になりました。nodejs24.x に移行してください',
      });
      const noValue = cfn(fn({ 'Fn::If': ['C', 'nodejs22.x', { Ref: 'AWS::NoValue' }] }), { Parameters: { S: { Type: 'String' } }, Conditions: { C: { 'Fn::Equals': [{ Ref: 'S' }, 'a'] } } });
      expect(outcomes(LambdaSupportedRuntime, noValue).F)
        .toEqual({ status: 'unverifiable', detail: 'Runtime is not set (Ref AWS::NoValue)', scenario: 'when C = false' });
      expect(outcomes(LambdaSupportedRuntime, noValue, { language: 'ja' }).F)
        .toEqual({ status: 'unverifiable', detail: 'Runtime が未設定です（Ref AWS::NoValue）', scenario: 'C = false の場合' });
      const getAtt = cfn({ ...fn({ 'Fn::GetAtt': ['X', 'Runtime'] }), X: { Type: 'Custom::X' } });
      expect(outcomes(LambdaSupportedRuntime, getAtt, { language: 'ja' }).F).toEqual({ status: 'unverifiable', detail: 'Runtime が {Fn::GetAtt X} で、デプロイ前には検証できません' });
    });
  });
});
