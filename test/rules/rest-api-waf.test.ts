import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { RestApiWaf } from '../../packs/rules/apigateway/RestApiWaf';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const STAGE = 'AWS::ApiGateway::Stage';
const ACL = 'arn:aws:wafv2:ap-northeast-1:123456789012:regional/webacl/acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const api = (types: unknown = ['REGIONAL']) => ({ Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'a', EndpointConfiguration: { Types: types } } } });
const stage = (id: string, name: unknown) => ({ [id]: { Type: STAGE, Properties: { RestApiId: { Ref: 'Api' }, DeploymentId: 'd', StageName: name } } });
const association = (resourceArn: unknown) => ({ Assoc: { Type: 'AWS::WAFv2::WebACLAssociation', Properties: { ResourceArn: resourceArn, WebACLArn: ACL } } });
const arnOf = (stagePart: unknown) => ({ 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, '::/restapis/', { Ref: 'Api' }, '/stages/', stagePart]] });

function restApi(withWaf: boolean, endpoint = apigateway.EndpointType.REGIONAL): { stack: Stack; api: apigateway.RestApi } {
  const stack = new Stack(new App());
  const a = new apigateway.RestApi(stack, 'Api', { endpointTypes: [endpoint] });
  a.root.addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.IAM });
  if (withWaf) new wafv2.CfnWebACLAssociation(stack, 'Waf', { resourceArn: a.deploymentStage.stageArn, webAclArn: ACL });
  return { stack, api: a };
}

describe('RestApiWaf (FTG-APIGW-5)', () => {
  describe('non-compliance', () => {
    test('L2 RestApi stage without a web ACL association', () => {
      expect(statusOf(RestApiWaf, restApi(false).stack, STAGE)).toBe('non-compliant');
    });
    test('L1 association for another stage of the same RestApi', () => {
      const t = cfn({ ...api(), ...stage('Prod', 'prod'), ...stage('Dev', 'dev'), ...association(arnOf('dev')) });
      expect(statuses(RestApiWaf, t, STAGE)).toEqual({ Prod: 'non-compliant', Dev: 'compliant' });
      expect(statusOf(RestApiWaf, cfn({ ...api(), ...stage('Prod', 'prod'), ...association(arnOf('dev')) }), STAGE)).toBe('non-compliant');
    });
    test('escape hatch points the association at another API', () => {
      const { stack } = restApi(true);
      (stack.node.findChild('Waf') as wafv2.CfnWebACLAssociation).addPropertyOverride('ResourceArn', 'arn:aws:apigateway:ap-northeast-1::/restapis/other/stages/prod');
      expect(statusOf(RestApiWaf, stack, STAGE)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 association with stage.stageArn', () => {
      expect(statusOf(RestApiWaf, restApi(true).stack, STAGE)).toBe('compliant');
    });
    test('L1 association built from the RestApi and the literal stage name', () => {
      expect(statusOf(RestApiWaf, cfn({ ...api(), ...stage('Prod', 'prod'), ...association(arnOf('prod')) }), STAGE)).toBe('compliant');
    });
    test('L1 association with Fn::Sub referring to the stage', () => {
      const arn = { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Prod}' };
      expect(statusOf(RestApiWaf, cfn({ ...api(), ...stage('Prod', 'prod'), ...association(arn) }), STAGE)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L2 private RestApi', () => {
      expect(statusOf(RestApiWaf, restApi(false, apigateway.EndpointType.PRIVATE).stack, STAGE)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(RestApiWaf, cfn({ ...api() }), 'AWS::ApiGateway::RestApi')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('stage name from a parameter in the ARN: the only stage of the RestApi is compliant', () => {
      const t = cfn({ ...api(), ...stage('Prod', { Ref: 'Stage' }), ...association(arnOf({ Ref: 'Stage' })) }, { Parameters: { Stage: { Type: 'String' } } });
      expect(statusOf(RestApiWaf, t, STAGE)).toBe('compliant');
    });
    test('stage name from a parameter in the ARN with two stages is unverifiable', () => {
      const t = cfn({ ...api(), ...stage('Prod', 'prod'), ...stage('Dev', 'dev'), ...association(arnOf({ Ref: 'Stage' })) }, { Parameters: { Stage: { Type: 'String' } } });
      expect(statuses(RestApiWaf, t, STAGE)).toEqual({ Prod: 'unverifiable', Dev: 'unverifiable' });
    });
    test('endpoint type from a parameter: PRIVATE default is not applicable, allowed values including EDGE are judged, no default is unverifiable', () => {
      const base = { ...stage('Prod', 'prod'), ...api([{ Ref: 'E' }]) };
      expect(statusOf(RestApiWaf, cfn(base, { Parameters: { E: { Type: 'String', Default: 'PRIVATE' } } }), STAGE)).toBe('not-applicable');
      expect(statusOf(RestApiWaf, cfn(base, { Parameters: { E: { Type: 'String', AllowedValues: ['PRIVATE', 'EDGE'] } } }), STAGE)).toBe('non-compliant');
      expect(statusOf(RestApiWaf, cfn(base, { Parameters: { E: { Type: 'String' } } }), STAGE)).toBe('unverifiable');
    });
    test('Fn::If with PRIVATE in both branches is not applicable', () => {
      expect(statusOf(RestApiWaf, cfn({ ...stage('Prod', 'prod'), ...api({ 'Fn::If': ['Internal', ['PRIVATE'], ['PRIVATE']] }) }), STAGE)).toBe('not-applicable');
    });
    test('Fn::If between PRIVATE and REGIONAL endpoint types is judged (non-compliant without WAF)', () => {
      expect(statusOf(RestApiWaf, cfn({ ...stage('Prod', 'prod'), ...api({ 'Fn::If': ['Internal', ['PRIVATE'], ['REGIONAL']] }) }), STAGE)).toBe('non-compliant');
    });
    test('a RestApi imported by ID (GetAtt of another resource) is judged on associations to the stage', () => {
      const t = cfn({
        Prod: { Type: STAGE, Properties: { RestApiId: { 'Fn::GetAtt': ['X', 'ApiId'] }, StageName: 'prod' } }, X: { Type: 'Custom::X' },
        ...association({ 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}::/restapis/${X.ApiId}/stages/${Prod}' }),
      });
      expect(statusOf(RestApiWaf, t, STAGE)).toBe('compliant');
    });
  });
});


describe('RestApiWaf details in Japanese', () => {
  test('no association, and an association whose stage cannot be told', () => {
    const none = cfn({ ...api(), ...stage('Prod', 'prod') });
    expect(outcomes(RestApiWaf, none, { language: 'ja' }).Prod).toEqual({
      status: 'non-compliant',
      detail: 'このテンプレートには、このステージ、またはそのステージ名でその RestApi を参照する AWS::WAFv2::WebACLAssociation がありません',
    });
    const two = cfn({ ...api(), ...stage('Prod', 'prod'), ...stage('Dev', 'dev'), ...association(arnOf({ Ref: 'Stage' })) }, { Parameters: { Stage: { Type: 'String' } } });
    const ja = outcomes(RestApiWaf, two, { language: 'ja' }).Prod;
    expect(ja.status === 'unverifiable' && ja.detail).toContain('RestApi Api を参照していますが');
  });
});
