import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ApiAccessLogging } from '../../packs/rules/apigateway/ApiAccessLogging';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const STAGE = 'AWS::ApiGateway::Stage';
const STAGE_V2 = 'AWS::ApiGatewayV2::Stage';
const DEPLOYMENT = 'AWS::ApiGateway::Deployment';
const LOG_ARN = 'arn:aws:logs:ap-northeast-1:123456789012:log-group:api';
const stage = (destination: unknown) => ({
  S: { Type: STAGE, Properties: { RestApiId: 'abc', DeploymentId: 'd', StageName: 'prod', ...(destination === undefined ? {} : { AccessLogSetting: { DestinationArn: destination, Format: '$context.requestId' } }) } },
});
const stageV2 = (destination: unknown) => ({
  S: { Type: STAGE_V2, Properties: { ApiId: 'abc', StageName: '$default', ...(destination === undefined ? {} : { AccessLogSettings: { DestinationArn: destination, Format: '$context.requestId' } }) } },
});

function restApi(withLogs: boolean): Stack {
  const stack = new Stack(new App());
  const deployOptions = withLogs ? { accessLogDestination: new apigateway.LogGroupLogDestination(new logs.LogGroup(stack, 'LG')) } : {};
  new apigateway.RestApi(stack, 'Api', { deployOptions }).root.addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.IAM });
  return stack;
}

describe('ApiAccessLogging (FTG-APIGW-3)', () => {
  describe('non-compliance', () => {
    test('L2 RestApi stage without access logs', () => {
      expect(statusOf(ApiAccessLogging, restApi(false), STAGE)).toBe('non-compliant');
    });
    test('L2 HttpApi default stage without access logs', () => {
      const stack = new Stack(new App());
      new apigwv2.HttpApi(stack, 'H');
      expect(statusOf(ApiAccessLogging, stack, STAGE_V2)).toBe('non-compliant');
    });
    test('L1 stages without access log settings', () => {
      expect(statusOf(ApiAccessLogging, cfn(stage(undefined)), STAGE)).toBe('non-compliant');
      expect(statusOf(ApiAccessLogging, cfn(stageV2(undefined)), STAGE_V2)).toBe('non-compliant');
    });
    test('L1 deployment that creates a stage without access logs', () => {
      const t = cfn({ D: { Type: DEPLOYMENT, Properties: { RestApiId: 'abc', StageName: 'prod', StageDescription: { LoggingLevel: 'ERROR' } } } });
      expect(statusOf(ApiAccessLogging, t, DEPLOYMENT)).toBe('non-compliant');
    });
    test('escape hatch removes the access log setting', () => {
      const stack = restApi(true);
      const api = stack.node.findChild('Api') as apigateway.RestApi;
      (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyDeletionOverride('AccessLogSetting');
      expect(statusOf(ApiAccessLogging, stack, STAGE)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 RestApi with accessLogDestination', () => {
      expect(statusOf(ApiAccessLogging, restApi(true), STAGE)).toBe('compliant');
    });
    test('L2 HttpStage with accessLogSettings', () => {
      const stack = new Stack(new App());
      const api = new apigwv2.HttpApi(stack, 'H', { createDefaultStage: false });
      new apigwv2.HttpStage(stack, 'S', { httpApi: api, stageName: 'prod', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'LG')) } });
      expect(statusOf(ApiAccessLogging, stack, STAGE_V2)).toBe('compliant');
    });
    test('L1 literal destinations and a deployment stage with logs', () => {
      expect(statusOf(ApiAccessLogging, cfn(stage(LOG_ARN)), STAGE)).toBe('compliant');
      expect(statusOf(ApiAccessLogging, cfn(stageV2(LOG_ARN)), STAGE_V2)).toBe('compliant');
      const t = cfn({ D: { Type: DEPLOYMENT, Properties: { RestApiId: 'abc', StageName: 'prod', StageDescription: { AccessLogSetting: { DestinationArn: LOG_ARN } } } } });
      expect(statusOf(ApiAccessLogging, t, DEPLOYMENT)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L2 deployment without a stage name (the stage is a separate resource)', () => {
      const o = outcomes(ApiAccessLogging, restApi(true));
      const deployment = Object.entries(o).find(([id]) => id.startsWith('ApiDeployment') && !id.includes('Stage'))!;
      expect(deployment[1].status).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a default ARN is compliant', () => {
      expect(statusOf(ApiAccessLogging, cfn(stage({ Ref: 'P' }), { Parameters: { P: { Type: 'String', Default: LOG_ARN } } }), STAGE)).toBe('compliant');
    });
    test('parameter with allowed values including an empty ARN is non-compliant', () => {
      expect(statusOf(ApiAccessLogging, cfn(stage({ Ref: 'P' }), { Parameters: { P: { Type: 'String', AllowedValues: [LOG_ARN, ''] } } }), STAGE)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(ApiAccessLogging, cfn(stageV2({ Ref: 'P' }), { Parameters: { P: { Type: 'String' } } }), STAGE_V2)).toBe('unverifiable');
    });
    test('Fn::If with no access logs in one branch is non-compliant', () => {
      const t = cfn({ S: { Type: STAGE, Properties: { RestApiId: 'abc', AccessLogSetting: { 'Fn::If': ['Prod', { DestinationArn: LOG_ARN }, { Ref: 'AWS::NoValue' }] } } } });
      expect(statusOf(ApiAccessLogging, t, STAGE)).toBe('non-compliant');
    });
    test('Fn::If with a destination in both branches is compliant', () => {
      expect(statusOf(ApiAccessLogging, cfn(stage({ 'Fn::If': ['Prod', LOG_ARN, 'arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/amazon-apigateway-x'] })), STAGE)).toBe('compliant');
    });
    test('GetAtt of a log group is compliant', () => {
      expect(statusOf(ApiAccessLogging, cfn({ ...stage({ 'Fn::GetAtt': ['LG', 'Arn'] }), LG: { Type: 'AWS::Logs::LogGroup' } }), STAGE)).toBe('compliant');
    });
  });
});

describe('ApiAccessLogging details in Japanese', () => {
  test('a missing destination, with the parameter value it comes from', () => {
    const t = cfn(stage({ Ref: 'P' }), { Parameters: { P: { Type: 'String', AllowedValues: [LOG_ARN, ''] } } });
    const en = outcomes(ApiAccessLogging, t).S;
    const ja = outcomes(ApiAccessLogging, t, { language: 'ja' }).S;
    expect(en.status === 'non-compliant' && en.detail).toBe('AccessLogSetting.DestinationArn is not set (parameter "P" allowed value "")');
    expect(ja.status === 'non-compliant' && ja.detail).toBe('AccessLogSetting.DestinationArn が未設定です（パラメータ "P" の許可値 ""）');
  });
  test('an unknown destination says why in Japanese', () => {
    const ja = outcomes(ApiAccessLogging, cfn(stageV2({ Ref: 'P' }), { Parameters: { P: { Type: 'String' } } }), { language: 'ja' }).S;
    expect(ja.status === 'unverifiable' && ja.detail).toContain('既定値も許可値もありません');
    expect(JSON.stringify(ja)).not.toMatch(/object Object|default or allowed/);
  });
});
