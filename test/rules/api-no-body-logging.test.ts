import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { ApiNoBodyLogging } from '../../packs/rules/apigateway/ApiNoBodyLogging';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const STAGE = 'AWS::ApiGateway::Stage';
const STAGE_V2 = 'AWS::ApiGatewayV2::Stage';
const DEPLOYMENT = 'AWS::ApiGateway::Deployment';
const stage = (dataTrace: unknown) => ({
  S: { Type: STAGE, Properties: { RestApiId: 'abc', DeploymentId: 'd', MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'INFO', DataTraceEnabled: dataTrace }] } },
});

function restApi(deployOptions: apigateway.StageOptions): Stack {
  const stack = new Stack(new App());
  new apigateway.RestApi(stack, 'Api', { deployOptions }).root.addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.IAM });
  return stack;
}

describe('ApiNoBodyLogging (FTG-APIGW-4)', () => {
  describe('non-compliance', () => {
    test('L2 RestApi with deployOptions.dataTraceEnabled', () => {
      const o = Object.values(outcomes(ApiNoBodyLogging, restApi({ dataTraceEnabled: true, loggingLevel: apigateway.MethodLoggingLevel.INFO })))
        .find((x) => x.status === 'non-compliant');
      expect(o).toBeDefined();
      expect(o!.status === 'non-compliant' && o!.detail).toContain('MethodSettings[0] (* /*)');
    });
    test('L2 RestApi with data trace on one method only', () => {
      const stack = restApi({ methodOptions: { '/items/GET': { dataTraceEnabled: true } } });
      expect(statusOf(ApiNoBodyLogging, stack, STAGE)).toBe('non-compliant');
    });
    test('L1 deployment with StageDescription.DataTraceEnabled "true"', () => {
      const t = cfn({ D: { Type: DEPLOYMENT, Properties: { RestApiId: 'abc', StageName: 'prod', StageDescription: { DataTraceEnabled: 'true' } } } });
      expect(statusOf(ApiNoBodyLogging, t, DEPLOYMENT)).toBe('non-compliant');
    });
    test('L1 WebSocket stage with data trace in a route setting', () => {
      const t = cfn({ S: { Type: STAGE_V2, Properties: { ApiId: 'abc', StageName: 'prod', RouteSettings: { sendMessage: { DataTraceEnabled: true, LoggingLevel: 'INFO' } } } } });
      expect(statusOf(ApiNoBodyLogging, t, STAGE_V2)).toBe('non-compliant');
    });
    test('escape hatch turns data trace on', () => {
      const stack = restApi({ loggingLevel: apigateway.MethodLoggingLevel.ERROR });
      const api = stack.node.findChild('Api') as apigateway.RestApi;
      (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride('MethodSettings.0.DataTraceEnabled', true);
      expect(statusOf(ApiNoBodyLogging, stack, STAGE)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 RestApi with ERROR logging and no data trace', () => {
      expect(statusOf(ApiNoBodyLogging, restApi({ loggingLevel: apigateway.MethodLoggingLevel.ERROR, dataTraceEnabled: false }), STAGE)).toBe('compliant');
    });
    test('L2 WebSocket stage with default settings', () => {
      const stack = new Stack(new App());
      new apigwv2.WebSocketStage(stack, 'S', { webSocketApi: new apigwv2.WebSocketApi(stack, 'W'), stageName: 'prod' });
      expect(statusOf(ApiNoBodyLogging, stack, STAGE_V2)).toBe('compliant');
    });
    test('L1 stage without MethodSettings, and with DataTraceEnabled false', () => {
      expect(statusOf(ApiNoBodyLogging, cfn({ S: { Type: STAGE, Properties: { RestApiId: 'abc' } } }), STAGE)).toBe('compliant');
      expect(statusOf(ApiNoBodyLogging, cfn(stage(false)), STAGE)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L1 deployment that creates no stage', () => {
      expect(statusOf(ApiNoBodyLogging, cfn({ D: { Type: DEPLOYMENT, Properties: { RestApiId: 'abc' } } }), DEPLOYMENT)).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a false default is compliant', () => {
      expect(statusOf(ApiNoBodyLogging, cfn(stage({ Ref: 'P' }), { Parameters: { P: { Type: 'String', Default: 'false' } } }), STAGE)).toBe('compliant');
    });
    test('parameter with allowed values including true is non-compliant', () => {
      expect(statusOf(ApiNoBodyLogging, cfn(stage({ Ref: 'P' }), { Parameters: { P: { Type: 'String', AllowedValues: ['false', 'true'] } } }), STAGE)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(ApiNoBodyLogging, cfn(stage({ Ref: 'P' }), { Parameters: { P: { Type: 'String' } } }), STAGE)).toBe('unverifiable');
    });
    test('Fn::If with data trace in one branch is non-compliant', () => {
      expect(statusOf(ApiNoBodyLogging, cfn(stage({ 'Fn::If': ['Debug', true, false] })), STAGE)).toBe('non-compliant');
    });
    test('Fn::If with data trace off in both branches is compliant', () => {
      expect(statusOf(ApiNoBodyLogging, cfn(stage({ 'Fn::If': ['Debug', false, { Ref: 'AWS::NoValue' }] })), STAGE)).toBe('compliant');
    });
    test('GetAtt for the flag is unverifiable', () => {
      expect(statusOf(ApiNoBodyLogging, cfn({ ...stage({ 'Fn::GetAtt': ['X', 'Flag'] }), X: { Type: 'Custom::X' } }), STAGE)).toBe('unverifiable');
    });
  });
});

describe('ApiNoBodyLogging details in Japanese', () => {
  test('where the data trace is on, then the value, in Japanese', () => {
    const ja = outcomes(ApiNoBodyLogging, cfn(stage(true)), { language: 'ja' }).S;
    expect(ja.status === 'non-compliant' && ja.detail).toBe('MethodSettings[0] (* /*): DataTraceEnabled が true です');
  });
  test('a route setting only known at deployment', () => {
    const t = cfn({ S: { Type: STAGE_V2, Properties: { ApiId: 'abc', StageName: 'prod', RouteSettings: { 'Fn::GetAtt': ['X', 'Y'] } } }, X: { Type: 'Custom::X' } });
    const ja = outcomes(ApiNoBodyLogging, t, { language: 'ja' }).S;
    expect(ja.status === 'unverifiable' && ja.detail).toContain('デプロイ時にしか決まりません');
    expect(JSON.stringify(ja)).not.toMatch(/object Object|only known/);
  });
});

describe('ApiNoBodyLogging (FTG-APIGW-4) on HTTP APIs and unnamed method settings', () => {
  const v2 = (api: Record<string, unknown>) => cfn({
    A: { Type: 'AWS::ApiGatewayV2::Api', Properties: api },
    S: { Type: STAGE_V2, Properties: { ApiId: { Ref: 'A' }, StageName: 'prod', DefaultRouteSettings: { DataTraceEnabled: true } } },
  });
  test('not applicable: data trace on an HTTP API stage logs nothing (it exists only for WebSocket APIs), ProtocolType HTTP or an imported Body', () => {
    expect(statusOf(ApiNoBodyLogging, v2({ Name: 'h', ProtocolType: 'HTTP' }), STAGE_V2)).toBe('not-applicable');
    expect(statusOf(ApiNoBodyLogging, v2({ Body: { openapi: '3.0.1', paths: {} } }), STAGE_V2)).toBe('not-applicable');
  });
  test('non-compliance stays for a WebSocket API stage, and for a stage whose API is not in the template', () => {
    expect(statusOf(ApiNoBodyLogging, v2({ Name: 'w', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }), STAGE_V2)).toBe('non-compliant');
    const outside = cfn({ S: { Type: STAGE_V2, Properties: { ApiId: 'abc', StageName: 'prod', DefaultRouteSettings: { DataTraceEnabled: true } } } });
    expect(statusOf(ApiNoBodyLogging, outside, STAGE_V2)).toBe('non-compliant');
  });
  test('a method setting without HttpMethod and ResourcePath is named by its index only (no "? ?")', () => {
    const t = cfn({ S: { Type: STAGE, Properties: { RestApiId: 'abc', MethodSettings: [{ DataTraceEnabled: true }] } } });
    expect(outcomes(ApiNoBodyLogging, t).S).toEqual({ status: 'non-compliant', detail: 'MethodSettings[0]: DataTraceEnabled is true' });
  });
});
