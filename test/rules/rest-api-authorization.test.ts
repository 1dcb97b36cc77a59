import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { RestApiAuthorization } from '../../packs/rules/apigateway/RestApiAuthorization';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const T = 'AWS::ApiGateway::Method';
const method = (props: Record<string, unknown>) => ({
  M: { Type: T, Properties: { RestApiId: 'abc', ResourceId: 'def', HttpMethod: 'GET', Integration: { Type: 'MOCK' }, ...props } },
});

function restApi(options: apigateway.MethodOptions, cors = false): { stack: Stack; method: apigateway.Method } {
  const stack = new Stack(new App());
  const api = new apigateway.RestApi(stack, 'Api', cors ? { defaultCorsPreflightOptions: { allowOrigins: ['https://example.com'] } } : {});
  const m = api.root.addMethod('GET', new apigateway.MockIntegration(), options);
  return { stack, method: m };
}

describe('RestApiAuthorization (FTG-APIGW-1)', () => {
  describe('non-compliance', () => {
    test('L2 method with an API key only', () => {
      const o = Object.values(outcomes(RestApiAuthorization, restApi({ apiKeyRequired: true }).stack)).filter((x) => x.status !== 'not-applicable');
      expect(o).toHaveLength(1);
      expect(o[0].status).toBe('non-compliant');
      expect(o[0].status === 'non-compliant' && o[0].detail).toContain('ApiKeyRequired alone is not authorization');
    });
    test('escape hatch sets an IAM method back to NONE', () => {
      const { stack, method: m } = restApi({ authorizationType: apigateway.AuthorizationType.IAM });
      (m.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('AuthorizationType', 'NONE');
      expect(statusOf(RestApiAuthorization, stack, T)).toBe('non-compliant');
    });
    test('L1 method without AuthorizationType (NONE)', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({})), T)).toBe('non-compliant');
    });
    test('L1 ANY method with NONE', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({ HttpMethod: 'ANY', AuthorizationType: 'NONE' })), T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 method with IAM authorization; its CORS preflight method is not applicable', () => {
      const { stack } = restApi({ authorizationType: apigateway.AuthorizationType.IAM }, true);
      const s = Object.values(statuses(RestApiAuthorization, stack, T)).sort();
      expect(s).toEqual(['compliant', 'not-applicable']);
    });
    test('L1 methods with COGNITO_USER_POOLS and CUSTOM', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: 'a' })), T)).toBe('compliant');
      expect(statusOf(RestApiAuthorization, cfn(method({ AuthorizationType: 'CUSTOM', AuthorizerId: 'a' })), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L1 OPTIONS method (CORS preflight)', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({ HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' })), T)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(RestApiAuthorization, cfn({ A: { Type: 'AWS::ApiGateway::RestApi' } }), 'AWS::ApiGateway::RestApi')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with an IAM default is compliant', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({ AuthorizationType: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', Default: 'AWS_IAM' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including NONE is non-compliant', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({ AuthorizationType: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', AllowedValues: ['AWS_IAM', 'NONE'] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({ AuthorizationType: { Ref: 'P' } }), { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with a NONE branch is non-compliant', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({ AuthorizationType: { 'Fn::If': ['C', 'AWS_IAM', 'NONE'] } })), T)).toBe('non-compliant');
    });
    test('Fn::If with two authorizers is compliant', () => {
      expect(statusOf(RestApiAuthorization, cfn(method({ AuthorizationType: { 'Fn::If': ['C', 'AWS_IAM', 'COGNITO_USER_POOLS'] } })), T)).toBe('compliant');
    });
    test('GetAtt for the authorization type is unverifiable', () => {
      expect(statusOf(RestApiAuthorization, cfn({ ...method({ AuthorizationType: { 'Fn::GetAtt': ['X', 'Type'] } }), X: { Type: 'Custom::X' } }), T)).toBe('unverifiable');
    });
    test('HttpMethod from a parameter that may be OPTIONS or GET is still judged', () => {
      const t = cfn(method({ HttpMethod: { Ref: 'H' }, AuthorizationType: 'NONE' }), { Parameters: { H: { Type: 'String', AllowedValues: ['OPTIONS', 'GET'] } } });
      expect(statusOf(RestApiAuthorization, t, T)).toBe('non-compliant');
    });
  });
});

describe('RestApiAuthorization details in Japanese', () => {
  test('NONE with an API key only', () => {
    const t = cfn(method({ AuthorizationType: 'NONE', ApiKeyRequired: true }));
    expect(outcomes(RestApiAuthorization, t).M).toEqual({ status: 'non-compliant', detail: 'AuthorizationType is NONE; ApiKeyRequired alone is not authorization' });
    expect(outcomes(RestApiAuthorization, t, { language: 'ja' }).M).toEqual({ status: 'non-compliant', detail: 'AuthorizationType が NONE です。ApiKeyRequired だけでは認可になりません' });
  });
  test('NONE from a parameter default names the parameter in Japanese', () => {
    const ja = outcomes(RestApiAuthorization, cfn(method({ AuthorizationType: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', Default: 'NONE' } } }), { language: 'ja' }).M;
    expect(ja).toEqual({ status: 'non-compliant', detail: 'AuthorizationType が NONE です（パラメータ "P" の既定値 "NONE"）' });
  });
});
