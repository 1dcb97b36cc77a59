/**
 * The SAM expansion (packs/engine/sam.ts): the CloudFormation resources, logical IDs and properties the
 * SAM translator generates for the common resource types, Globals, implicit APIs, and the synthetic
 * resource that stands for any transform that is not expanded.
 */
import { expandTemplate, mergeGlobals, samHash, SAM_TRANSFORM, TRANSFORM_RESOURCE_TYPE, transformsOf } from '../../packs/engine/sam';
import { CfnTemplate, TemplateModel } from '../../packs/engine/template';

const sam = (resources: Record<string, any>, extra: Record<string, any> = {}): CfnTemplate => ({ Transform: SAM_TRANSFORM, ...extra, Resources: resources });
const types = (t: CfnTemplate) => Object.fromEntries(Object.entries(expandTemplate(t).resources).map(([id, r]) => [id, r.Type]));

const FUNCTION = { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler', Runtime: 'python3.13', CodeUri: 's3://bucket/key.zip' } };

describe('transformsOf', () => {
  test('string, list, and AWS::Include under Resources', () => {
    expect(transformsOf({ Transform: SAM_TRANSFORM, Resources: {} })).toEqual([SAM_TRANSFORM]);
    expect(transformsOf({ Transform: [SAM_TRANSFORM, 'Macro', 'Macro'], Resources: {} })).toEqual([SAM_TRANSFORM, 'Macro']);
    expect(transformsOf({ Resources: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } } as any })).toEqual(['AWS::Include']);
    expect(transformsOf({ Resources: {} })).toEqual([]);
  });
});

describe('AWS::Serverless::Function', () => {
  test('a function becomes AWS::Lambda::Function plus its execution role <Id>Role', () => {
    const out = expandTemplate(sam({ Fn: FUNCTION })).resources;
    expect(types(sam({ Fn: FUNCTION }))).toEqual({ Fn: 'AWS::Lambda::Function', FnRole: 'AWS::IAM::Role' });
    expect(out.Fn.Properties).toMatchObject({
      Handler: 'app.handler', Runtime: 'python3.13',
      Code: { S3Bucket: 'bucket', S3Key: 'key.zip' },
      Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
      Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }],
    });
    expect(out.FnRole.Properties).toMatchObject({
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: ['lambda.amazonaws.com'] } }] },
    });
    expect(out.Fn.Metadata).toMatchObject({ SamResourceId: 'Fn' });
  });

  test('a given Role: no role is generated', () => {
    const t = sam({ Fn: { ...FUNCTION, Properties: { ...FUNCTION.Properties, Role: 'arn:aws:iam::111122223333:role/r' } } });
    expect(types(t)).toEqual({ Fn: 'AWS::Lambda::Function' });
    expect(expandTemplate(t).resources.Fn.Properties!.Role).toBe('arn:aws:iam::111122223333:role/r');
  });

  test('Environment, KmsKeyArn, Tracing, VpcConfig, DeadLetterQueue, InlineCode map as SAM maps them', () => {
    const out = expandTemplate(sam({
      Fn: { Type: 'AWS::Serverless::Function', Properties: {
        Handler: 'i.h', Runtime: 'nodejs24.x', InlineCode: 'exports.h=1', KmsKeyArn: 'arn:aws:kms:ap-northeast-1:111122223333:key/k',
        Environment: { Variables: { A: '1' } }, Tracing: 'Active', VpcConfig: { SubnetIds: ['s'], SecurityGroupIds: ['g'] },
        DeadLetterQueue: { Type: 'SQS', TargetArn: 'arn:aws:sqs:ap-northeast-1:111122223333:dlq' },
        Policies: ['AmazonS3ReadOnlyAccess', { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }, { S3ReadPolicy: { BucketName: 'b' } }],
      } },
    })).resources;
    expect(out.Fn.Properties).toMatchObject({
      Code: { ZipFile: 'exports.h=1' }, KmsKeyArn: 'arn:aws:kms:ap-northeast-1:111122223333:key/k', Environment: { Variables: { A: '1' } },
      TracingConfig: { Mode: 'Active' }, DeadLetterConfig: { TargetArn: 'arn:aws:sqs:ap-northeast-1:111122223333:dlq' },
    });
    expect(out.FnRole.Properties!.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ]);
    const inline = out.FnRole.Properties!.Policies as any[];
    expect(inline.map((p) => p.PolicyName)).toEqual(['DeadLetterQueuePolicy', 'FnRolePolicy1']);
    expect(out.FnRole.Metadata!['fintech-guardrails:sam-policy-templates']).toEqual(['S3ReadPolicy']);
  });

  test('FunctionUrlConfig: <Id>Url, and for AuthType NONE the two public permissions SAM adds', () => {
    const none = expandTemplate(sam({ Fn: { ...FUNCTION, Properties: { ...FUNCTION.Properties, FunctionUrlConfig: { AuthType: 'NONE' } } } })).resources;
    expect(none.FnUrl).toMatchObject({ Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { Ref: 'Fn' } } });
    expect(none.FnUrlPublicPermissions.Properties).toEqual({ Action: 'lambda:InvokeFunctionUrl', FunctionName: { Ref: 'Fn' }, Principal: '*', FunctionUrlAuthType: 'NONE' });
    expect(none.FnURLInvokeAllowPublicAccess.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true });
    const iam = types(sam({ Fn: { ...FUNCTION, Properties: { ...FUNCTION.Properties, FunctionUrlConfig: { AuthType: 'AWS_IAM' } } } }));
    expect(Object.keys(iam).sort()).toEqual(['Fn', 'FnRole', 'FnUrl']);
  });

  test('events: permissions with the source scoped, event source mappings, rules, implicit APIs', () => {
    const out = expandTemplate(sam({
      Fn: { ...FUNCTION, Properties: { ...FUNCTION.Properties, Events: {
        Get: { Type: 'Api', Properties: { Path: '/items/{id}', Method: 'get' } },
        Http: { Type: 'HttpApi', Properties: { Path: '/h', Method: 'post' } },
        Upload: { Type: 'S3', Properties: { Bucket: { Ref: 'Bucket' }, Events: 's3:ObjectCreated:*' } },
        Jobs: { Type: 'SQS', Properties: { Queue: { 'Fn::GetAtt': ['Q', 'Arn'] }, BatchSize: 5 } },
        Nightly: { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)' } },
      } } },
    })).resources;
    expect(out.FnGetPermissionProd.Properties).toMatchObject({ Principal: 'apigateway.amazonaws.com', SourceArn: { 'Fn::Sub': [expect.stringContaining('/GET/items/*'), { __ApiId__: { Ref: 'ServerlessRestApi' } }] } });
    expect(out.FnHttpPermission.Properties).toMatchObject({ Principal: 'apigateway.amazonaws.com' });
    expect(out.FnUploadPermission.Properties).toMatchObject({ Principal: 's3.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' } });
    expect(out.FnJobs).toMatchObject({ Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] }, BatchSize: 5, FunctionName: { Ref: 'Fn' } } });
    expect(out.FnRole.Properties!.ManagedPolicyArns).toContain('arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole');
    expect(out.FnNightly).toMatchObject({ Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 day)' } });
    expect(out.FnNightlyPermission.Properties).toMatchObject({ Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['FnNightly', 'Arn'] } });
    expect(out.ServerlessRestApi.Type).toBe('AWS::ApiGateway::RestApi');
    expect(out.ServerlessRestApiProdStage).toMatchObject({ Type: 'AWS::ApiGateway::Stage', Properties: { StageName: 'Prod', RestApiId: { Ref: 'ServerlessRestApi' } } });
    expect(out.ServerlessHttpApi.Type).toBe('AWS::ApiGatewayV2::Api');
    expect(out.ServerlessHttpApiApiGatewayDefaultStage).toMatchObject({ Type: 'AWS::ApiGatewayV2::Stage', Properties: { StageName: '$default', AutoDeploy: true } });
  });

  test('AutoPublishAlias: version and alias; URL and events target the alias', () => {
    const out = expandTemplate(sam({ Fn: { ...FUNCTION, Properties: { ...FUNCTION.Properties, AutoPublishAlias: 'live', FunctionUrlConfig: { AuthType: 'AWS_IAM' } } } })).resources;
    expect(out.FnAliaslive.Type).toBe('AWS::Lambda::Alias');
    expect(out.FnVersion).toMatchObject({ Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain' });
    expect(out.FnUrl.Properties!.TargetFunctionArn).toEqual({ Ref: 'FnAliaslive' });
  });

  test('Condition goes to every generated resource; Metadata (acknowledgments, CDK path) too; DependsOn stays on the function', () => {
    const out = expandTemplate(sam({ Fn: { ...FUNCTION, Condition: 'IsProd', DependsOn: 'Other', Metadata: { 'aws:cdk:path': 'App/Fn' } } })).resources;
    expect(out.Fn).toMatchObject({ Condition: 'IsProd', DependsOn: 'Other', Metadata: { 'aws:cdk:path': 'App/Fn', SamResourceId: 'Fn' } });
    expect(out.FnRole).toMatchObject({ Condition: 'IsProd', Metadata: { 'aws:cdk:path': 'App/Fn' } });
    expect(out.FnRole.DependsOn).toBeUndefined();
  });
});

describe('Globals', () => {
  test('SAM merge rules: primitives replaced, maps merged, lists appended, intrinsics are primitives', () => {
    expect(mergeGlobals({ a: 1, m: { x: 1, y: 1 }, l: [1] }, { a: 2, m: { y: 2 }, l: [2] })).toEqual({ a: 2, m: { x: 1, y: 2 }, l: [1, 2] });
    expect(mergeGlobals({ m: { x: 1 } }, { m: { Ref: 'P' } })).toEqual({ m: { Ref: 'P' } });
  });

  test('Globals.Function reaches every function; Globals.Api reaches the implicit API', () => {
    const out = expandTemplate(sam({
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'h', CodeUri: 's3://b/k', Environment: { Variables: { B: '2' } }, Events: { E: { Type: 'Api', Properties: { Path: '/', Method: 'get' } } } } },
    }, { Globals: { Function: { Runtime: 'python3.13', Environment: { Variables: { A: '1' } } }, Api: { AccessLogSetting: { DestinationArn: 'arn:aws:logs:x', Format: '$context.requestId' } } } })).resources;
    expect(out.Fn.Properties).toMatchObject({ Runtime: 'python3.13', Environment: { Variables: { A: '1', B: '2' } } });
    expect(out.ServerlessRestApiProdStage.Properties!.AccessLogSetting).toEqual({ DestinationArn: 'arn:aws:logs:x', Format: '$context.requestId' });
  });
});

describe('Api, HttpApi, SimpleTable, StateMachine, LayerVersion', () => {
  test('Api: RestApi, Deployment with the extra "Stage" stage unless OpenApiVersion, and the stage with SAM logical IDs', () => {
    const out = expandTemplate(sam({
      MyApi: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod', AccessLogSetting: { DestinationArn: 'arn' }, MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: false }], TracingEnabled: true } },
      V3: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'v1-beta', OpenApiVersion: '3.0' } },
      Dyn: { Type: 'AWS::Serverless::Api', Properties: { StageName: { Ref: 'Stage' } } },
    })).resources;
    expect(out.MyApi.Type).toBe('AWS::ApiGateway::RestApi');
    expect(out.MyApiDeployment.Properties).toMatchObject({ RestApiId: { Ref: 'MyApi' }, StageName: 'Stage' });
    expect(out.MyApiProdStage.Properties).toMatchObject({ StageName: 'Prod', AccessLogSetting: { DestinationArn: 'arn' }, TracingEnabled: true, DeploymentId: { Ref: 'MyApiDeployment' } });
    expect(out.V3Deployment.Properties!.StageName).toBeUndefined();
    expect(out[`V3Stage${samHash('v1-beta')}`].Properties!.StageName).toBe('v1-beta');
    expect(out.DynStage.Properties!.StageName).toEqual({ Ref: 'Stage' });
  });

  test('SAM logical-ID hash: SHA-1 of the data, 10 hex digits', () => {
    expect(samHash('v1-beta')).toMatch(/^[0-9a-f]{10}$/);
    expect(samHash({ b: 1, a: 'é' })).toBe(require('crypto').createHash('sha1').update('{"a":"\\u00e9","b":1}').digest('hex').slice(0, 10));
  });

  test('HttpApi: Api plus $default stage (<Id>ApiGatewayDefaultStage) or a named stage', () => {
    const out = expandTemplate(sam({
      H: { Type: 'AWS::Serverless::HttpApi', Properties: { AccessLogSettings: { DestinationArn: 'arn', Format: 'f' } } },
      N: { Type: 'AWS::Serverless::HttpApi', Properties: { StageName: 'prod' } },
    })).resources;
    expect(out.H.Type).toBe('AWS::ApiGatewayV2::Api');
    expect(out.HApiGatewayDefaultStage.Properties).toMatchObject({ ApiId: { Ref: 'H' }, StageName: '$default', AccessLogSettings: { DestinationArn: 'arn', Format: 'f' } });
    expect(out.NprodStage.Type).toBe('AWS::ApiGatewayV2::Stage');
  });

  test('SimpleTable: key, billing, SSESpecification passed through', () => {
    const out = expandTemplate(sam({
      T: { Type: 'AWS::Serverless::SimpleTable', Properties: { PrimaryKey: { Name: 'pk', Type: 'Number' }, SSESpecification: { SSEEnabled: true }, Tags: { team: 'pay' } } },
      D: { Type: 'AWS::Serverless::SimpleTable' },
    })).resources;
    expect(out.T).toEqual({
      Type: 'AWS::DynamoDB::Table', Metadata: { SamResourceId: 'T' },
      Properties: { AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST', SSESpecification: { SSEEnabled: true }, Tags: [{ Key: 'team', Value: 'pay' }] },
    });
    expect(out.D.Properties).toMatchObject({ KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] });
    expect(out.D.Properties!.SSESpecification).toBeUndefined();
  });

  test('StateMachine: state machine, role with states.amazonaws.com, logging, schedule event', () => {
    const out = expandTemplate(sam({
      SM: { Type: 'AWS::Serverless::StateMachine', Properties: { Definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, Type: 'EXPRESS', Logging: { Level: 'ALL' }, Policies: [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }], Events: { Tick: { Type: 'Schedule', Properties: { Schedule: 'rate(1 hour)' } } } } },
    })).resources;
    expect(out.SM).toMatchObject({ Type: 'AWS::StepFunctions::StateMachine', Properties: { StateMachineType: 'EXPRESS', LoggingConfiguration: { Level: 'ALL' }, RoleArn: { 'Fn::GetAtt': ['SMRole', 'Arn'] } } });
    expect(out.SMRole.Properties).toMatchObject({ AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: ['states.amazonaws.com'] } }] }, Policies: [{ PolicyName: 'SMRolePolicy0' }] });
    expect(out.SMTick.Type).toBe('AWS::Events::Rule');
    expect(out.SMTickRole.Type).toBe('AWS::IAM::Role');
  });

  test('LayerVersion: AWS::Lambda::LayerVersion kept under its own ID, retained by default', () => {
    const out = expandTemplate(sam({ L: { Type: 'AWS::Serverless::LayerVersion', Properties: { ContentUri: { Bucket: 'b', Key: 'k' }, CompatibleRuntimes: ['python3.13'] } } })).resources;
    expect(out.L).toMatchObject({ Type: 'AWS::Lambda::LayerVersion', DeletionPolicy: 'Retain', Properties: { LayerName: 'L', Content: { S3Bucket: 'b', S3Key: 'k' } } });
  });

  test('plain CloudFormation resources of a SAM template stay as they are', () => {
    const bucket = { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'x' } };
    expect(expandTemplate(sam({ B: bucket })).resources.B).toBe(bucket);
  });
});

describe('other transforms', () => {
  test('a macro: one synthetic resource listing it, carrying the template Metadata', () => {
    const t: CfnTemplate = { Transform: [SAM_TRANSFORM, 'MyMacro', 'AWS::LanguageExtensions'], Metadata: { 'fintech-guardrails': { acknowledged: ['FTG-GEN-2'] } }, Resources: { Transform: { Type: 'AWS::SNS::Topic' } } };
    const e = expandTemplate(t);
    expect(e.unverifiable).toEqual(['MyMacro', 'AWS::LanguageExtensions']);
    const synthetic = Object.entries(e.resources).filter(([, r]) => r.Type === TRANSFORM_RESOURCE_TYPE);
    expect(synthetic).toHaveLength(1);
    expect(synthetic[0][0]).toBe('Transform1'); // "Transform" is taken by the user's topic
    expect(synthetic[0][1]).toMatchObject({ Properties: { Transforms: ['MyMacro', 'AWS::LanguageExtensions'] }, Metadata: { 'fintech-guardrails': { acknowledged: ['FTG-GEN-2'] } } });
  });

  test('no transform: the resources are the template\'s own object (no copy)', () => {
    const t: CfnTemplate = { Resources: { A: { Type: 'AWS::SNS::Topic' } } };
    expect(expandTemplate(t).resources).toBe(t.Resources);
  });

  test('TemplateModel sees the expanded resources and keeps the original json', () => {
    const t = sam({ Fn: FUNCTION });
    const m = new TemplateModel(t);
    expect(m.resources.map((r) => `${r.logicalId}:${r.type}`).sort()).toEqual(['Fn:AWS::Lambda::Function', 'FnRole:AWS::IAM::Role']);
    expect(m.json).toBe(t);
    expect(m.json.Resources.Fn.Type).toBe('AWS::Serverless::Function');
    expect(m.resource('FnRole')?.template).toBe(m);
    expect(m.referrersOf('FnRole').map((r) => r.logicalId)).toEqual(['Fn']);
  });
});

describe('the OpenAPI body SAM writes from Api / HttpApi events', () => {
  const body = (t: CfnTemplate, id: string) => expandTemplate(t).resources[id].Properties!.Body as any;

  test('an Api event: the route with a Lambda proxy integration; the Api\'s DefaultAuthorizer, with its security scheme', () => {
    const t = sam({
      Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod', Auth: { DefaultAuthorizer: 'Pool', Authorizers: { Pool: { UserPoolArn: 'arn:aws:cognito-idp:ap-northeast-1:111122223333:userpool/p' } } } } },
      Fn: { ...FUNCTION, Properties: { ...FUNCTION.Properties, Events: { Get: { Type: 'Api', Properties: { RestApiId: { Ref: 'Api' }, Path: '/items/{id}', Method: 'GET' } } } } },
    });
    const b = body(t, 'Api');
    expect(b.swagger).toBe('2.0');
    expect(b.paths['/items/{id}'].get).toMatchObject({
      'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::Sub': [expect.stringContaining('${__FunctionArn__}/invocations'), { __FunctionArn__: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] } },
      security: [{ Pool: [] }],
    });
    expect(b.securityDefinitions.Pool).toMatchObject({ 'x-amazon-apigateway-authtype': 'cognito_user_pools', 'x-amazon-apigateway-authorizer': { providerARNs: ['arn:aws:cognito-idp:ap-northeast-1:111122223333:userpool/p'] } });
  });

  test('the input DefinitionBody is not changed; events are added to a copy, and Method ANY is x-amazon-apigateway-any-method', () => {
    const own = { swagger: '2.0', info: { title: 'x', version: '1' }, paths: { '/own': { get: { responses: {} } } } };
    const t = sam({
      Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'Prod', DefinitionBody: own } },
      Fn: { ...FUNCTION, Properties: { ...FUNCTION.Properties, AutoPublishAlias: 'live', Events: { Any: { Type: 'Api', Properties: { RestApiId: { Ref: 'Api' }, Path: '/', Method: 'ANY' } } } } },
    });
    const b = body(t, 'Api');
    expect(Object.keys(b.paths)).toEqual(['/own', '/']);
    expect(b.paths['/']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'].uri['Fn::Sub'][1]).toEqual({ __FunctionArn__: { Ref: 'FnAliaslive' } });
    expect(Object.keys(own.paths)).toEqual(['/own']);
  });

  test('an HttpApi event without Path is the $default route; a JWT authorizer is an oauth2 scheme with the API Gateway authorizer', () => {
    const t = sam({
      H: { Type: 'AWS::Serverless::HttpApi', Properties: { Auth: { DefaultAuthorizer: 'J', Authorizers: { J: { JwtConfiguration: { issuer: 'https://i', audience: ['a'] }, IdentitySource: '$request.header.Authorization' } } } } },
      Fn: { ...FUNCTION, Properties: { ...FUNCTION.Properties, Events: { All: { Type: 'HttpApi', Properties: { ApiId: { Ref: 'H' } } } } } },
    });
    const b = body(t, 'H');
    expect(b.paths.$default['x-amazon-apigateway-any-method']).toMatchObject({ security: [{ J: [] }], 'x-amazon-apigateway-integration': { payloadFormatVersion: '2.0', uri: { 'Fn::GetAtt': ['Fn', 'Arn'] } } });
    expect(b.components.securitySchemes.J).toMatchObject({ type: 'oauth2', 'x-amazon-apigateway-authorizer': { type: 'jwt' } });
  });

  test('a StateMachine Api event: a route with the StartExecution integration on the implicit API, and the role <Id><Event>Role', () => {
    const t = sam({ SM: { Type: 'AWS::Serverless::StateMachine', Properties: { Definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, Events: { Start: { Type: 'Api', Properties: { Path: '/start', Method: 'post' } } } } } });
    const out = expandTemplate(t).resources;
    expect(out.SMStartRole.Properties!.AssumeRolePolicyDocument).toMatchObject({ Statement: [{ Principal: { Service: ['apigateway.amazonaws.com'] } }] });
    expect(body(t, 'ServerlessRestApi').paths['/start'].post).toMatchObject({
      'x-amazon-apigateway-integration': { type: 'aws', credentials: { 'Fn::GetAtt': ['SMStartRole', 'Arn'] } },
      security: [],
    });
  });
});
