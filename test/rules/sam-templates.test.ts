/**
 * The rules on SAM templates: they judge the CloudFormation resources the SAM transform generates
 * (packs/engine/sam.ts), under SAM's logical IDs; any other transform gets FTG-GEN-2.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { resolveItemLevels } from '../../packs/engine/levels';
import { findingMessage, runRules } from '../../packs/engine/runner';
import { SAM_TRANSFORM } from '../../packs/engine/sam';
import { CfnTemplate, TemplateModel } from '../../packs/engine/template';
import { ALL_RULES } from '../../packs/rules';
import { ApiAccessLogging } from '../../packs/rules/apigateway/ApiAccessLogging';
import { HttpApiAuthorization } from '../../packs/rules/apigateway/HttpApiAuthorization';
import { RestApiAuthorization } from '../../packs/rules/apigateway/RestApiAuthorization';
import { DynamoDbCustomerManagedKey } from '../../packs/rules/dynamodb/DynamoDbCustomerManagedKey';
import { TemplateTransform } from '../../packs/rules/general/TemplateTransform';
import { IamNoAdminWildcard } from '../../packs/rules/iam/IamNoAdminWildcard';
import { LambdaNoPlaintextSecrets } from '../../packs/rules/lambda/LambdaNoPlaintextSecrets';
import { LambdaUrlAuth } from '../../packs/rules/lambda/LambdaUrlAuth';
import { outcomes, Status } from '../helpers/rules';
import { RuleDefinition } from '../../packs/engine/rule';

/** Status per logical ID of the deployed (expanded) resources, optionally of one CloudFormation type. */
function statuses(rule: RuleDefinition, t: CfnTemplate, type?: string): Record<string, Status> {
  const model = new TemplateModel(t);
  const out: Record<string, Status> = {};
  for (const [id, o] of Object.entries(outcomes(rule, t))) if (!type || model.resource(id)?.type === type) out[id] = o.status;
  return out;
}

const sam = (resources: Record<string, any>, extra: Record<string, any> = {}): CfnTemplate => ({ Transform: SAM_TRANSFORM, ...extra, Resources: resources });
const fn = (props: Record<string, any> = {}) => ({ Type: 'AWS::Serverless::Function', Properties: { Handler: 'a.h', Runtime: 'python3.13', CodeUri: 's3://b/k.zip', ...props } });

describe('SAM Function → FTG-LAMBDA-2 (plaintext secret in the environment)', () => {
  test('non-compliance: a literal password in Environment.Variables, on the generated AWS::Lambda::Function', () => {
    expect(statuses(LambdaNoPlaintextSecrets, sam({ Fn: fn({ Environment: { Variables: { DB_PASSWORD: 'hunter2' } } }) }))).toMatchObject({ Fn: 'non-compliant' });
  });
  test('non-compliance: the password comes from Globals', () => {
    const t = sam({ Fn: fn() }, { Globals: { Function: { Environment: { Variables: { API_TOKEN: 'abc123' } } } } });
    expect(statuses(LambdaNoPlaintextSecrets, t)).toMatchObject({ Fn: 'non-compliant' });
  });
  test('compliance: only the secret ARN is passed', () => {
    expect(statuses(LambdaNoPlaintextSecrets, sam({ Fn: fn({ Environment: { Variables: { DB_SECRET_ARN: { Ref: 'Secret' } } } }) }))).toMatchObject({ Fn: 'compliant' });
  });
  test('without the transform the same resource is not a Lambda function (not applicable): the transform is what makes it one', () => {
    expect(statuses(LambdaNoPlaintextSecrets, { Resources: { Fn: fn({ Environment: { Variables: { DB_PASSWORD: 'x' } } }) } })).toEqual({ Fn: 'not-applicable' });
  });
});

describe('SAM Function → FTG-LAMBDA-1 and FTG-IAM-1 on generated resources', () => {
  test('FunctionUrlConfig AuthType NONE: <Id>Url is public', () => {
    expect(statuses(LambdaUrlAuth, sam({ Fn: fn({ FunctionUrlConfig: { AuthType: 'NONE' } }) }), 'AWS::Lambda::Url')).toEqual({ FnUrl: 'non-compliant' });
    expect(statuses(LambdaUrlAuth, sam({ Fn: fn({ FunctionUrlConfig: { AuthType: 'AWS_IAM' } }) }), 'AWS::Lambda::Url')).toEqual({ FnUrl: 'compliant' });
  });
  test('Policies with Action "*" on Resource "*": the execution role <Id>Role', () => {
    const t = sam({ Fn: fn({ Policies: [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }] }) });
    expect(statuses(IamNoAdminWildcard, t, 'AWS::IAM::Role')).toEqual({ FnRole: 'non-compliant' });
    expect(statuses(IamNoAdminWildcard, sam({ Fn: fn({ Policies: ['AWSLambdaExecute'] }) }), 'AWS::IAM::Role')).toEqual({ FnRole: 'compliant' });
  });
});

describe('SAM SimpleTable → FTG-DDB-2 (KMS key)', () => {
  test('non-compliance: no SSESpecification', () => {
    expect(statuses(DynamoDbCustomerManagedKey, sam({ T: { Type: 'AWS::Serverless::SimpleTable' } }))).toEqual({ T: 'non-compliant' });
  });
  test('compliance: SSESpecification with a KMS key, from Globals too', () => {
    const sse = { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { Ref: 'Key' } };
    expect(statuses(DynamoDbCustomerManagedKey, sam({ T: { Type: 'AWS::Serverless::SimpleTable', Properties: { SSESpecification: sse } } }), 'AWS::DynamoDB::Table')).toEqual({ T: 'compliant' });
    expect(statuses(DynamoDbCustomerManagedKey, sam({ T: { Type: 'AWS::Serverless::SimpleTable' } }, { Globals: { SimpleTable: { SSESpecification: sse } } }), 'AWS::DynamoDB::Table')).toEqual({ T: 'compliant' });
  });
});

describe('SAM Api → FTG-APIGW-3 (access logs)', () => {
  const logs = { DestinationArn: 'arn:aws:logs:ap-northeast-1:111122223333:log-group:access', Format: '$context.requestId' };
  test('non-compliance: no AccessLogSetting: the stage <Id><StageName>Stage and the extra "Stage" stage of the deployment', () => {
    expect(statuses(ApiAccessLogging, sam({ Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod' } } }))).toMatchObject({ ApiProdStage: 'non-compliant', ApiDeployment: 'non-compliant' });
  });
  test('compliance: AccessLogSetting and OpenApiVersion (which removes SAM\'s extra "Stage" stage)', () => {
    const t = sam({ Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod', AccessLogSetting: logs, OpenApiVersion: '3.0' } } });
    expect(statuses(ApiAccessLogging, t)).toMatchObject({ ApiProdStage: 'compliant', ApiDeployment: 'not-applicable' });
  });
  test('the extra "Stage" stage is named as SAM\'s, with the fix (OpenApiVersion), even when the Api sets AccessLogSetting', () => {
    const t = sam({ Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod', AccessLogSetting: logs } } });
    expect(outcomes(ApiAccessLogging, t)).toMatchObject({
      ApiProdStage: { status: 'compliant' },
      ApiDeployment: { status: 'non-compliant', detail: expect.stringMatching(/^the deployment SAM generates for Api also creates a stage named "Stage".*set OpenApiVersion/) },
    });
  });
  test('the implicit API of an Api event: ServerlessRestApiProdStage, with Globals.Api', () => {
    const t = sam({ Fn: fn({ Events: { Get: { Type: 'Api', Properties: { Path: '/', Method: 'get' } } } }) }, { Globals: { Api: { AccessLogSetting: logs, OpenApiVersion: '3.0' } } });
    expect(statuses(ApiAccessLogging, t)).toMatchObject({ ServerlessRestApiProdStage: 'compliant' });
    const bare = sam({ Fn: fn({ Events: { Get: { Type: 'Api', Properties: { Path: '/', Method: 'get' } } } }) });
    expect(statuses(ApiAccessLogging, bare)).toMatchObject({ ServerlessRestApiProdStage: 'non-compliant' });
  });
  test('HttpApi: the $default stage', () => {
    expect(statuses(ApiAccessLogging, sam({ H: { Type: 'AWS::Serverless::HttpApi' } }))).toMatchObject({ HApiGatewayDefaultStage: 'non-compliant' });
    expect(statuses(ApiAccessLogging, sam({ H: { Type: 'AWS::Serverless::HttpApi', Properties: { AccessLogSettings: logs } } }))).toMatchObject({ HApiGatewayDefaultStage: 'compliant' });
  });
});

describe('SAM Api events → FTG-APIGW-1 (REST API authorization, judged on the OpenAPI body SAM writes)', () => {
  const get = (auth?: Record<string, any>, api: Record<string, any> = { RestApiId: { Ref: 'Api' } }) =>
    fn({ Events: { Get: { Type: 'Api', Properties: { ...api, Path: '/items/{id}', Method: 'get', ...(auth ? { Auth: auth } : {}) } } } });
  const api = (props: Record<string, any> = {}) => ({ Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod', ...props } });
  const cognito = { DefaultAuthorizer: 'Users', Authorizers: { Users: { UserPoolArn: { 'Fn::GetAtt': ['Pool', 'Arn'] } } } };
  const seen = (t: CfnTemplate) => outcomes(RestApiAuthorization, t);

  test('non-compliance: an Api event on the implicit API, no Auth: ServerlessRestApi, naming the route', () => {
    expect(seen(sam({ Fn: get(undefined, {}) })).ServerlessRestApi).toEqual({ status: 'non-compliant', detail: 'the OpenAPI body defines operations without authorization: GET /items/{id}' });
  });
  test('non-compliance: Authorizer NONE on the event overrides the API\'s DefaultAuthorizer; ApiKeyRequired alone is not authorization', () => {
    expect(seen(sam({ Api: api({ Auth: cognito }), Fn: get({ Authorizer: 'NONE' }) })).Api.status).toBe('non-compliant');
    expect(seen(sam({ Api: api(), Fn: get({ ApiKeyRequired: true }) })).Api).toEqual({ status: 'non-compliant', detail: 'the OpenAPI body defines operations without authorization: GET /items/{id}; an API key alone is not authorization' });
  });
  test('compliance: DefaultAuthorizer AWS_IAM or a Cognito authorizer, on the Api or from Globals.Api (the implicit API too), or named on the event', () => {
    expect(statuses(RestApiAuthorization, sam({ Api: api({ Auth: { DefaultAuthorizer: 'AWS_IAM' } }), Fn: get() }))).toMatchObject({ Api: 'compliant' });
    expect(statuses(RestApiAuthorization, sam({ Api: api({ Auth: cognito }), Fn: get() }))).toMatchObject({ Api: 'compliant' });
    expect(statuses(RestApiAuthorization, sam({ Fn: get(undefined, {}) }, { Globals: { Api: { Auth: cognito } } }))).toMatchObject({ ServerlessRestApi: 'compliant' });
    const lambdaAuth = { Authorizers: { Token: { FunctionArn: { 'Fn::GetAtt': ['AuthFn', 'Arn'] } } } };
    expect(statuses(RestApiAuthorization, sam({ Api: api({ Auth: lambdaAuth }), Fn: get({ Authorizer: 'Token' }) }))).toMatchObject({ Api: 'compliant' });
  });
  test('the DefaultAuthorizer also covers the operations written in DefinitionBody', () => {
    const body = { swagger: '2.0', info: { title: 'x', version: '1' }, paths: { '/own': { post: { responses: {} } } } };
    expect(statuses(RestApiAuthorization, sam({ Api: api({ DefinitionBody: body }) }))).toMatchObject({ Api: 'non-compliant' });
    expect(statuses(RestApiAuthorization, sam({ Api: api({ DefinitionBody: body, Auth: { DefaultAuthorizer: 'AWS_IAM' } }) }))).toMatchObject({ Api: 'compliant' });
  });
  test('unverifiable: the definition is in a file (DefinitionUri, or DefinitionBody with AWS::Include)', () => {
    expect(seen(sam({ Api: api({ DefinitionUri: './openapi.yaml' }) })).Api).toEqual({ status: 'unverifiable', detail: 'the OpenAPI definition is in a file outside the template (BodyS3Location), so whether its operations are authorized cannot be verified' });
    const include = { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: './api.yaml' } } };
    expect(seen(sam({ Api: api({ DefinitionBody: include }) })).Api).toMatchObject({ status: 'unverifiable', detail: expect.stringContaining('(AWS::Include of ./api.yaml)') });
  });
  test('non-compliance: a StateMachine Api event with no Auth (anyone can start executions)', () => {
    const sm = { Type: 'AWS::Serverless::StateMachine', Properties: { Definition: {}, Events: { Start: { Type: 'Api', Properties: { Path: '/start', Method: 'post' } } } } };
    expect(seen(sam({ SM: sm })).ServerlessRestApi).toEqual({ status: 'non-compliant', detail: 'the OpenAPI body defines operations without authorization: POST /start' });
  });
  test('not applicable: a RestApi without a body (its methods are AWS::ApiGateway::Method resources)', () => {
    expect(statuses(RestApiAuthorization, { Resources: { R: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'r' } } } })).toEqual({ R: 'not-applicable' });
  });
});

describe('SAM HttpApi events → FTG-APIGW-2 (HTTP API authorization, judged on the OpenAPI body SAM writes)', () => {
  const ev = (props: Record<string, any> = {}) => fn({ Events: { Any: { Type: 'HttpApi', Properties: props } } });
  const jwt = { DefaultAuthorizer: 'Jwt', Authorizers: { Jwt: { JwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['app'] }, IdentitySource: '$request.header.Authorization' } } };
  test('non-compliance: an HttpApi event with no Path on the implicit API is the $default route, open', () => {
    expect(outcomes(HttpApiAuthorization, sam({ Fn: ev() })).ServerlessHttpApi).toEqual({ status: 'non-compliant', detail: 'the OpenAPI body defines operations without authorization: ANY $default' });
  });
  test('compliance: a JWT DefaultAuthorizer; non-compliance: an event that opts out with Authorizer NONE', () => {
    const h = { Type: 'AWS::Serverless::HttpApi', Properties: { Auth: jwt } };
    expect(statuses(HttpApiAuthorization, sam({ H: h, Fn: ev({ ApiId: { Ref: 'H' }, Path: '/a', Method: 'get' }) }))).toMatchObject({ H: 'compliant' });
    expect(outcomes(HttpApiAuthorization, sam({ H: h, Fn: ev({ ApiId: { Ref: 'H' }, Path: '/a', Method: 'get', Auth: { Authorizer: 'NONE' } }) })).H)
      .toMatchObject({ status: 'non-compliant', detail: expect.stringContaining('GET /a') });
  });
  test('compliance: AWS_IAM named on the event (EnableIamAuthorizer)', () => {
    const h = { Type: 'AWS::Serverless::HttpApi', Properties: { Auth: { EnableIamAuthorizer: true } } };
    expect(statuses(HttpApiAuthorization, sam({ H: h, Fn: ev({ ApiId: { Ref: 'H' }, Auth: { Authorizer: 'AWS_IAM' } }) }))).toMatchObject({ H: 'compliant' });
  });
});

describe('TemplateTransform (FTG-GEN-2)', () => {
  const run = (t: CfnTemplate) => runRules([{ model: new TemplateModel(t, 't.json') }], { rules: ALL_RULES, levels: resolveItemLevels() }).findings.filter((f) => f.ruleId === 'FTG-GEN-2');

  test('non-compliance: a macro gives exactly one "cannot be verified" finding per template, naming it', () => {
    const f = run({ Transform: ['MacroA', SAM_TRANSFORM, 'MacroB'], Resources: { A: { Type: 'AWS::SNS::Topic' }, B: { Type: 'AWS::SNS::Topic' } } });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ status: 'unverifiable', level: 'error', resource: 'Transform' });
    expect(findingMessage(f[0], 'en')).toMatch(/Cannot be verified.*transform MacroA, MacroB/);
    expect(findingMessage(f[0], 'ja')).toContain('テンプレートはトランスフォーム MacroA, MacroB を使っており、CloudFormation がデプロイ時に適用するため、それが生成するリソースはテンプレートにありません');
  });
  test('non-compliance: AWS::LanguageExtensions and AWS::Include are not expanded either', () => {
    expect(run({ Transform: 'AWS::LanguageExtensions', Resources: {} })).toHaveLength(1);
    expect(findingMessage(run({ Resources: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } } as any })[0], 'en')).toMatch(/AWS::Include/);
  });
  test('acknowledged in the template Metadata', () => {
    const f = run({ Transform: 'MacroA', Metadata: { 'fintech-guardrails': { acknowledged: [{ id: 'FTG-GEN-2', reason: 'macro reviewed: it only adds tags' }] } }, Resources: {} });
    expect(f[0].acknowledged?.reason).toBe('macro reviewed: it only adds tags');
  });
  test.each(['AWS::SecretsManager-2020-07-23', 'AWS::SecretsManager-2024-09-16'])('not applicable: Secrets Manager hosted rotation (%s, what CDK\'s HostedRotation adds)', (transform) => {
    expect(run({ Transform: transform, Resources: { A: { Type: 'AWS::SNS::Topic' } } })).toEqual([]);
  });
  test('CDK HostedRotation of this aws-cdk-lib version: its transform passes through', () => {
    const stack = new Stack(new App());
    new secretsmanager.Secret(stack, 'S').addRotationSchedule('R', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });
    const json = Template.fromStack(stack).toJSON() as CfnTemplate;
    expect(json.Transform).toMatch(/^AWS::SecretsManager-/);
    expect(run(json)).toEqual([]);
  });
  test('not applicable: SAM only, or no transform', () => {
    expect(run(sam({ Fn: fn() }))).toEqual([]);
    expect(run({ Resources: { A: { Type: 'AWS::SNS::Topic' } } })).toEqual([]);
    expect(statuses(TemplateTransform, { Resources: { A: { Type: 'AWS::SNS::Topic' } } })).toEqual({ A: 'not-applicable' });
  });
});
