import { App, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { HttpApiAuthorization } from '../../packs/rules/apigateway/HttpApiAuthorization';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const T = 'AWS::ApiGatewayV2::Route';
const api = (protocol: string) => ({ Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: protocol } } });
const route = (key: unknown, auth?: unknown, apiId: unknown = { Ref: 'Api' }) => ({
  R: { Type: T, Properties: { ApiId: apiId, RouteKey: key, ...(auth === undefined ? {} : { AuthorizationType: auth }) } },
});
const http = () => new integrations.HttpUrlIntegration('I', 'https://example.com');

describe('HttpApiAuthorization (FTG-APIGW-2)', () => {
  describe('non-compliance', () => {
    test('L2 HTTP API route without an authorizer', () => {
      const stack = new Stack(new App());
      new apigwv2.HttpApi(stack, 'H').addRoutes({ path: '/x', methods: [apigwv2.HttpMethod.GET], integration: http() });
      expect(statusOf(HttpApiAuthorization, stack, T)).toBe('non-compliant');
    });
    test('L1 HTTP API $default route without AuthorizationType', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route('$default') }), T)).toBe('non-compliant');
    });
    test('L1 WebSocket $connect with NONE', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('WEBSOCKET'), ...route('$connect', 'NONE') }), T)).toBe('non-compliant');
    });
    test('escape hatch removes the authorizer of an L2 route', () => {
      const stack = new Stack(new App());
      const routes = new apigwv2.HttpApi(stack, 'H').addRoutes({
        path: '/x', methods: [apigwv2.HttpMethod.GET], integration: http(), authorizer: new authorizers.HttpIamAuthorizer(),
      });
      (routes[0].node.defaultChild as apigwv2.CfnRoute).addPropertyOverride('AuthorizationType', 'NONE');
      expect(statusOf(HttpApiAuthorization, stack, T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 HTTP API with an IAM default authorizer', () => {
      const stack = new Stack(new App());
      new apigwv2.HttpApi(stack, 'H', { defaultAuthorizer: new authorizers.HttpIamAuthorizer() })
        .addRoutes({ path: '/x', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: http() });
      expect(Object.values(statuses(HttpApiAuthorization, stack, T))).toEqual(['compliant', 'compliant']);
    });
    test('L1 routes with JWT and CUSTOM authorizers', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route('GET /x', 'JWT') }), T)).toBe('compliant');
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('WEBSOCKET'), ...route('$connect', 'CUSTOM') }), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L1 OPTIONS route of an HTTP API', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route('OPTIONS /{proxy+}', 'NONE') }), T)).toBe('not-applicable');
    });
    test('WebSocket routes other than $connect ($disconnect, $default, custom)', () => {
      for (const key of ['$disconnect', '$default', 'sendMessage']) {
        expect(statusOf(HttpApiAuthorization, cfn({ ...api('WEBSOCKET'), ...route(key, 'NONE') }), T)).toBe('not-applicable');
      }
    });
    test('WebSocket $disconnect of an API outside the template (recognised by its key)', () => {
      expect(statusOf(HttpApiAuthorization, cfn(route('$disconnect', 'NONE', 'abc123')), T)).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a JWT default is compliant', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route('GET /x', { Ref: 'P' }) }, { Parameters: { P: { Type: 'String', Default: 'JWT' } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including NONE is non-compliant', () => {
      const t = cfn({ ...api('HTTP'), ...route('GET /x', { Ref: 'P' }) }, { Parameters: { P: { Type: 'String', AllowedValues: ['JWT', 'NONE'] } } });
      expect(statusOf(HttpApiAuthorization, t, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route('GET /x', { Ref: 'P' }) }, { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('a route key from a parameter without default, with no authorizer, is unverifiable', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route({ Ref: 'K' }) }, { Parameters: { K: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with a NONE branch is non-compliant', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route('GET /x', { 'Fn::If': ['C', 'AWS_IAM', 'NONE'] }) }), T)).toBe('non-compliant');
    });
    test('Fn::If with two authorizers is compliant', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route('GET /x', { 'Fn::If': ['C', 'AWS_IAM', 'JWT'] }) }), T)).toBe('compliant');
    });
    test('GetAtt for the authorization type is unverifiable', () => {
      expect(statusOf(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route('GET /x', { 'Fn::GetAtt': ['X', 'T'] }), X: { Type: 'Custom::X' } }), T)).toBe('unverifiable');
    });
    test('$default route of an API outside the template without an authorizer is unverifiable', () => {
      expect(statusOf(HttpApiAuthorization, cfn(route('$default', 'NONE', { 'Fn::ImportValue': 'ApiId' })), T)).toBe('unverifiable');
    });
  });
});

describe('HttpApiAuthorization details in Japanese', () => {
  test('a route without AuthorizationType', () => {
    const t = cfn({ ...api('HTTP'), ...route('GET /x') });
    expect(outcomes(HttpApiAuthorization, t).R).toEqual({ status: 'non-compliant', detail: 'AuthorizationType is not set (NONE)' });
    expect(outcomes(HttpApiAuthorization, t, { language: 'ja' }).R).toEqual({ status: 'non-compliant', detail: 'AuthorizationType が未設定（NONE）です' });
  });
  test('a route key that cannot be known names the reason in Japanese', () => {
    const ja = outcomes(HttpApiAuthorization, cfn({ ...api('HTTP'), ...route({ Ref: 'K' }) }, { Parameters: { K: { Type: 'String' } } }), { language: 'ja' }).R;
    expect(ja.status === 'unverifiable' && ja.detail).toContain('RouteKey を確定できない（パラメータ "K" への Ref で、既定値も許可値もありません）ため');
  });
  test('$default of an API outside the template', () => {
    const ja = outcomes(HttpApiAuthorization, cfn(route('$default', 'NONE', { 'Fn::ImportValue': 'ApiId' })), { language: 'ja' }).R;
    expect(ja.status === 'unverifiable' && ja.detail).toContain('HTTP API なら認可が必要です');
  });
});
