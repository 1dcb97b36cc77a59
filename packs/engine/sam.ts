/**
 * The AWS SAM transform (`Transform: AWS::Serverless-2016-10-31`), done the way the SAM translator does
 * it for the resource types the rules care about, so that the rules judge the CloudFormation resources
 * that will really be deployed: a function's environment, its execution role, its URL and permissions,
 * an API's stages and access logs, a table's encryption.
 *
 * Pure: `expandTemplate(template)` returns new resources and never changes its input. Logical IDs follow
 * SAM's conventions (`MyFunctionRole`, `MyFunctionUrl`, `MyApiProdStage`, `ServerlessRestApi`,
 * `ServerlessHttpApiApiGatewayDefaultStage`, `<Function><Event>Permission`...), so findings name the
 * resources that `sam deploy` creates. Where SAM appends a content hash to a logical ID (deployments,
 * layer versions, function versions) the ID is kept without the hash: nothing outside the transform
 * can refer to those IDs, and the finding then names the resource the user wrote.
 *
 * Any other transform (a macro, `AWS::LanguageExtensions`, `AWS::Include` as a resource, an unknown name)
 * changes the template at deployment in a way this code does not reproduce: `expandTemplate` lists it
 * in `unverifiable`, and adds one synthetic resource of type {@link TRANSFORM_RESOURCE_TYPE} per template
 * so that rule FTG-GEN-2 reports it once ("cannot be verified"), never a silent pass.
 */
import { createHash } from 'crypto';
import type { CfnResourceJson, CfnTemplate } from './template';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
/**
 * Transforms that only add resources our rules do not judge and leave the template's own resources
 * as written: Secrets Manager hosted rotation (CDK's `HostedRotation`) adds the rotation function.
 */
const PASS_THROUGH_TRANSFORMS = ['AWS::SecretsManager-2020-07-23', 'AWS::SecretsManager-2024-09-16'];
/** Metadata key on the AWS::ApiGateway::Deployment of a SAM Api that creates SAM's extra stage "Stage" (no OpenApiVersion). */
export const SAM_EXTRA_STAGE = 'fintech-guardrails:sam-extra-stage';
/** The type of the synthetic resource that stands for the transforms of a template that are not expanded. */
export const TRANSFORM_RESOURCE_TYPE = 'FinTechGuardrails::Template::Transform';

export interface Expansion {
  /** The resources as CloudFormation receives them after the SAM transform (the input's own resources when there is nothing to expand). */
  readonly resources: Record<string, CfnResourceJson>;
  /** Transforms that were not expanded, in template order (each named once). */
  readonly unverifiable: readonly string[];
  /** Whether the SAM transform was applied. */
  readonly sam: boolean;
}

/** The transforms a template names: the `Transform` section (string or list) and `Fn::Transform` entries of `Resources`. */
export function transformsOf(template: CfnTemplate): string[] {
  const out: string[] = [];
  const add = (name: unknown) => {
    const n = typeof name === 'string' ? name : describeName(name);
    if (!out.includes(n)) out.push(n);
  };
  const t = template.Transform;
  if (Array.isArray(t)) t.forEach(add);
  else if (t !== undefined && t !== null) add(typeof t === 'object' && 'Name' in (t as object) ? (t as any).Name : t);
  const include = (template.Resources as Record<string, unknown> | undefined)?.['Fn::Transform'];
  if (include !== undefined) for (const e of Array.isArray(include) ? include : [include]) add((e as any)?.Name ?? e);
  return out;
}

function describeName(v: unknown): string {
  if (v && typeof v === 'object' && typeof (v as any).Name === 'string') return (v as any).Name;
  return JSON.stringify(v);
}

/** Expand `template` (see the module comment). Cheap when the template names no transform. */
export function expandTemplate(template: CfnTemplate): Expansion {
  const names = transformsOf(template);
  const own = (template.Resources ?? {}) as Record<string, CfnResourceJson>;
  if (names.length === 0) return { resources: own, unverifiable: [], sam: false };
  const sam = names.includes(SAM_TRANSFORM);
  const unverifiable = names.filter((n) => n !== SAM_TRANSFORM && !PASS_THROUGH_TRANSFORMS.includes(n));
  const resources: Record<string, CfnResourceJson> = {};
  for (const [id, r] of Object.entries(own)) if (id !== 'Fn::Transform') resources[id] = r;
  const expanded = sam ? new SamExpander(template, resources).run() : resources;
  if (unverifiable.length > 0) {
    let id = 'Transform';
    for (let i = 1; id in expanded; i++) id = `Transform${i}`;
    expanded[id] = {
      Type: TRANSFORM_RESOURCE_TYPE,
      Properties: { Transforms: unverifiable },
      // The template's own Metadata, so that acknowledgments written there apply to the transform finding.
      Metadata: (template.Metadata as Record<string, any> | undefined) ?? {},
    };
  }
  return { resources: expanded, unverifiable, sam };
}

// ---------------------------------------------------------------------------------------------------
// SAM

type Json = any;
type Props = Record<string, Json>;

const FUNCTION = 'AWS::Serverless::Function';
const API = 'AWS::Serverless::Api';
const HTTP_API = 'AWS::Serverless::HttpApi';
const SIMPLE_TABLE = 'AWS::Serverless::SimpleTable';
const STATE_MACHINE = 'AWS::Serverless::StateMachine';
const LAYER = 'AWS::Serverless::LayerVersion';
const GLOBAL_SECTIONS: Record<string, string> = {
  Function: FUNCTION, Api: API, HttpApi: HTTP_API, SimpleTable: SIMPLE_TABLE, StateMachine: STATE_MACHINE, LayerVersion: LAYER,
};
const IMPLICIT_REST_API = 'ServerlessRestApi';
const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

/** Properties of AWS::Serverless::Function copied as they are onto AWS::Lambda::Function. */
const FUNCTION_PASSTHROUGH = ['FunctionName', 'Handler', 'Runtime', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Role',
  'Environment', 'KmsKeyArn', 'ReservedConcurrentExecutions', 'Layers', 'FileSystemConfigs', 'ImageConfig', 'PackageType',
  'Architectures', 'SnapStart', 'EphemeralStorage', 'CodeSigningConfigArn', 'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop'];

/** AWS managed policies that live under the `service-role/` path (SAM's bundled managed-policy map). */
const SERVICE_ROLE_POLICIES = new Set(['AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole', 'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaKinesisExecutionRole', 'AWSLambdaDynamoDBExecutionRole', 'AWSLambdaMSKExecutionRole', 'AWSLambdaRole', 'AWSLambdaENIManagementAccess',
  'AmazonEC2RoleforSSM', 'AWSLambdaBasicDurableExecutionRolePolicy']);

const INTRINSIC = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

function isIntrinsic(v: Json): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && INTRINSIC.test(keys[0]);
}
function isPlainObject(v: Json): v is Props {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !isIntrinsic(v);
}

/** SAM's Globals merge: primitives and intrinsics → local wins; lists → global + local; maps → merged key by key. */
export function mergeGlobals(global: Json, local: Json): Json {
  if (local === undefined) return global;
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  if (isPlainObject(global) && isPlainObject(local)) {
    const out: Props = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = k in out ? mergeGlobals(out[k], v) : v;
    return out;
  }
  return local;
}

/** SAM's stable logical-ID suffix: the first 10 hex digits of the SHA-1 of the data (strings as they are, else compact sorted JSON). */
export function samHash(data: Json): string {
  const text = typeof data === 'string' ? data : pythonJson(data);
  return text === '' ? '' : createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 10);
}
function pythonJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(pythonJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${asciiJson(k)}:${pythonJson(v[k])}`).join(',')}}`;
  return typeof v === 'string' ? asciiJson(v) : JSON.stringify(v ?? null);
}
function asciiJson(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A Tags map as a CloudFormation tag list, optionally with SAM's own tag first. */
function tagList(tags: Json, samTag?: [string, string]): Json {
  const out: Json[] = samTag ? [{ Key: samTag[0], Value: samTag[1] }] : [];
  if (isPlainObject(tags)) for (const [Key, Value] of Object.entries(tags)) out.push({ Key, Value });
  else if (tags !== undefined) return tags; // an intrinsic: passed through
  return out.length ? out : undefined;
}

function s3Location(uri: Json, keys: { bucket: string; key: string; version: string }): Json {
  if (typeof uri === 'string') {
    const m = /^s3:\/\/([^/]+)\/([^?]+)(?:\?versionId=(.+))?$/.exec(uri);
    // A local path (before `sam package`/`sam deploy` uploads it): where the code comes from is not a security property.
    if (!m) return { [keys.key]: uri };
    return strip({ [keys.bucket]: m[1], [keys.key]: m[2], [keys.version]: m[3] });
  }
  if (isPlainObject(uri)) return strip({ [keys.bucket]: uri.Bucket, [keys.key]: uri.Key, [keys.version]: uri.Version });
  return uri;
}

function strip<T extends Props>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function managedPolicyArn(name: string): string {
  if (name.startsWith('arn:')) return name;
  return `arn:aws:iam::aws:policy/${SERVICE_ROLE_POLICIES.has(name) ? 'service-role/' : ''}${name}`;
}

const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');

class SamExpander {
  private readonly out: Record<string, CfnResourceJson> = {};
  private readonly globals: Record<string, Props> = {};
  /** Whether events asked for the implicit APIs (ServerlessRestApi, ServerlessHttpApi). */
  private implicitRest = false;
  private implicitHttp = false;
  /** The Api / HttpApi events of the functions, per API logical ID: SAM writes them into the API's OpenAPI body. */
  private readonly routes = new Map<string, ApiRoute[]>();

  constructor(template: CfnTemplate, private readonly input: Record<string, CfnResourceJson>) {
    const g = (template as any).Globals;
    if (isPlainObject(g)) {
      for (const [section, props] of Object.entries(g)) {
        const type = GLOBAL_SECTIONS[section];
        if (type && isPlainObject(props)) this.globals[type] = props;
      }
    }
    for (const [srcId, r] of Object.entries(input)) {
      if (r.Type !== FUNCTION && r.Type !== STATE_MACHINE) continue;
      const p = this.props(r);
      const events = isPlainObject(p.Events) ? p.Events : {};
      const arn = typeof p.AutoPublishAlias === 'string' ? { Ref: `${srcId}Alias${alnum(p.AutoPublishAlias)}` } : { 'Fn::GetAtt': [srcId, 'Arn'] };
      for (const [eventId, e] of Object.entries(events)) {
        if (!isPlainObject(e) || (e.Type !== 'Api' && (e.Type !== 'HttpApi' || r.Type !== FUNCTION))) continue;
        const ep: Props = isPlainObject(e.Properties) ? e.Properties : {};
        const apiRef = e.Type === 'Api' ? ep.RestApiId : ep.ApiId;
        const api = apiRef === undefined ? (e.Type === 'Api' ? IMPLICIT_REST_API : IMPLICIT_HTTP_API) : refTarget(apiRef);
        const list = this.routes.get(api) ?? [];
        // A state machine's Api event starts an execution through an AWS integration with the role SAM creates for the event.
        const integration = r.Type === STATE_MACHINE ? {
          type: 'aws', httpMethod: 'POST', uri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution' },
          credentials: { 'Fn::GetAtt': [`${srcId}${eventId}Role`, 'Arn'] },
        } : undefined;
        list.push({ path: ep.Path, method: ep.Method, auth: isPlainObject(ep.Auth) ? ep.Auth : {}, arn, integration });
        this.routes.set(api, list);
      }
    }
  }

  public run(): Record<string, CfnResourceJson> {
    for (const [id, r] of Object.entries(this.input)) {
      const props = this.props(r);
      switch (r.Type) {
        case FUNCTION: this.fn(id, r, props); break;
        case API: this.api(id, r, props); break;
        case HTTP_API: this.httpApi(id, r, props); break;
        case SIMPLE_TABLE: this.simpleTable(id, r, props); break;
        case STATE_MACHINE: this.stateMachine(id, r, props); break;
        case LAYER: this.layer(id, r, props); break;
        default: this.put(id, r); // CloudFormation resources, and SAM types this expansion leaves as they are (Application, Connector, GraphQLApi)
      }
    }
    if (this.implicitRest && !(IMPLICIT_REST_API in this.out)) {
      this.api(IMPLICIT_REST_API, { Type: API }, this.props({ Type: API, Properties: { StageName: 'Prod' } }));
    }
    if (this.implicitHttp && !(IMPLICIT_HTTP_API in this.out)) {
      this.httpApi(IMPLICIT_HTTP_API, { Type: HTTP_API }, this.props({ Type: HTTP_API }));
    }
    return this.out;
  }

  /** The resource's properties with the Globals of its type merged in. */
  private props(r: CfnResourceJson): Props {
    const local = (isPlainObject(r.Properties) ? r.Properties : {}) as Props;
    const g = this.globals[r.Type];
    return g ? mergeGlobals(g, local) : { ...local };
  }

  private put(id: string, r: CfnResourceJson): void {
    this.out[id] = r;
  }

  /**
   * Add a generated resource. `main` is the resource SAM writes under the user's own logical ID (it keeps
   * Metadata and DependsOn); the others get SAM's pass-through attributes (Condition, DeletionPolicy,
   * UpdateReplacePolicy) and, unlike SAM, the source's Metadata too, so that an acknowledgment or a CDK
   * path on the SAM resource applies to what it generates.
   */
  private gen(id: string, type: string, properties: Props, source: { id: string; r: CfnResourceJson }, main = false): Props {
    const r: Record<string, unknown> = { Type: type, Properties: strip(properties) };
    const src = source.r;
    const metadata = { ...(src.Metadata ?? {}), SamResourceId: source.id };
    r.Metadata = metadata;
    for (const attr of ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy']) if (src[attr] !== undefined) r[attr] = src[attr];
    if (main) for (const attr of ['DependsOn', 'UpdatePolicy']) if (src[attr] !== undefined) r[attr] = src[attr];
    this.out[id] = r as unknown as CfnResourceJson;
    return properties;
  }

  // ----- AWS::Serverless::Function

  private fn(id: string, r: CfnResourceJson, p: Props): void {
    const src = { id, r };
    const fn: Props = {};
    for (const k of FUNCTION_PASSTHROUGH) if (p[k] !== undefined) fn[k] = p[k];
    fn.Code = p.InlineCode !== undefined ? { ZipFile: p.InlineCode }
      : p.ImageUri !== undefined ? { ImageUri: p.ImageUri }
        : p.CodeUri !== undefined ? s3Location(p.CodeUri, { bucket: 'S3Bucket', key: 'S3Key', version: 'S3ObjectVersion' }) : undefined;
    if (p.Tracing !== undefined) fn.TracingConfig = { Mode: p.Tracing };
    if (isPlainObject(p.DeadLetterQueue)) fn.DeadLetterConfig = { TargetArn: p.DeadLetterQueue.TargetArn };
    fn.Tags = tagList(p.Tags, ['lambda:createdBy', 'SAM']);

    const events = isPlainObject(p.Events) ? p.Events : {};
    const eventPolicies: string[] = [];
    if (p.Role === undefined) {
      fn.Role = { 'Fn::GetAtt': [`${id}Role`, 'Arn'] };
      for (const e of Object.values(events)) {
        const policy = { SQS: 'AWSLambdaSQSQueueExecutionRole', Kinesis: 'AWSLambdaKinesisExecutionRole', DynamoDB: 'AWSLambdaDynamoDBExecutionRole', MSK: 'AWSLambdaMSKExecutionRole' }[(e as any)?.Type as string];
        if (policy) eventPolicies.push(policy);
      }
      const managed = ['AWSLambdaBasicExecutionRole'];
      if (p.Tracing !== undefined) managed.push('AWSXRayDaemonWriteAccess');
      if (p.VpcConfig !== undefined) managed.push('AWSLambdaVPCAccessExecutionRole');
      this.role(`${id}Role`, src, p, 'lambda.amazonaws.com', [...managed, ...eventPolicies], ['lambda:createdBy', 'SAM'],
        isPlainObject(p.DeadLetterQueue) ? [deadLetterPolicy(p.DeadLetterQueue)] : []);
    }
    this.gen(id, 'AWS::Lambda::Function', fn, src, true);

    // AutoPublishAlias: events and the URL target the alias.
    let target: Json = { Ref: id };
    if (typeof p.AutoPublishAlias === 'string') {
      const version = `${id}Version`;
      this.gen(version, 'AWS::Lambda::Version', { FunctionName: { Ref: id }, Description: p.VersionDescription }, { id, r: { ...r, DeletionPolicy: r.DeletionPolicy ?? 'Retain' } });
      const alias = `${id}Alias${alnum(p.AutoPublishAlias)}`;
      this.gen(alias, 'AWS::Lambda::Alias', { Name: p.AutoPublishAlias, FunctionName: { Ref: id }, FunctionVersion: { 'Fn::GetAtt': [version, 'Version'] },
        ProvisionedConcurrencyConfig: p.ProvisionedConcurrencyConfig }, src);
      target = { Ref: alias };
    }

    if (isPlainObject(p.FunctionUrlConfig)) {
      const c = p.FunctionUrlConfig;
      this.gen(`${id}Url`, 'AWS::Lambda::Url', {
        AuthType: c.AuthType, TargetFunctionArn: target, Cors: c.Cors, InvokeMode: c.InvokeMode,
      }, src);
      if (c.AuthType === 'NONE') {
        this.gen(`${id}UrlPublicPermissions`, 'AWS::Lambda::Permission', {
          Action: 'lambda:InvokeFunctionUrl', FunctionName: target, Principal: '*', FunctionUrlAuthType: 'NONE',
        }, src);
        this.gen(`${id}URLInvokeAllowPublicAccess`, 'AWS::Lambda::Permission', {
          Action: 'lambda:InvokeFunction', FunctionName: target, Principal: '*', InvokedViaFunctionUrl: true,
        }, src);
      }
    }

    for (const [eventId, e] of Object.entries(events)) this.functionEvent(id, eventId, e, target, src);
  }

  private functionEvent(fnId: string, eventId: string, e: Json, target: Json, src: { id: string; r: CfnResourceJson }): void {
    if (!isPlainObject(e)) return;
    const ep: Props = isPlainObject(e.Properties) ? e.Properties : {};
    const base = `${fnId}${eventId}`;
    const permission = (suffix: string, principal: string, extra: Props) => this.gen(`${base}Permission${suffix}`, 'AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', FunctionName: target, Principal: principal, ...extra,
    }, src);
    switch (e.Type) {
      case 'Api': {
        const api = ep.RestApiId ?? { Ref: IMPLICIT_REST_API };
        if (ep.RestApiId === undefined) this.implicitRest = true;
        const method = typeof ep.Method === 'string' ? (ep.Method.toLowerCase() === 'any' ? '*' : ep.Method.toUpperCase()) : '*';
        const path = typeof ep.Path === 'string' ? ep.Path.replace(/\{[^}]+\}/g, '*') : '*';
        permission('Prod', 'apigateway.amazonaws.com', {
          SourceArn: { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${method}${path}`, { __ApiId__: api, __Stage__: '*' }] },
        });
        break;
      }
      case 'HttpApi': {
        const api = ep.ApiId ?? { Ref: IMPLICIT_HTTP_API };
        if (ep.ApiId === undefined) this.implicitHttp = true;
        const route = typeof ep.Path === 'string' ? `${typeof ep.Method === 'string' && ep.Method.toLowerCase() !== 'any' ? ep.Method.toUpperCase() : '*'}${ep.Path.replace(/\{[^}]+\}/g, '*')}` : '';
        permission('', 'apigateway.amazonaws.com', {
          SourceArn: { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}${route ? `/${route}` : ''}`, { __ApiId__: api, __Stage__: '*' }] },
        });
        break;
      }
      case 'S3':
        permission('', 's3.amazonaws.com', { SourceAccount: { Ref: 'AWS::AccountId' } });
        break;
      case 'SNS':
        this.gen(base, 'AWS::SNS::Subscription', { Endpoint: { 'Fn::GetAtt': [fnId, 'Arn'] }, Protocol: 'lambda', TopicArn: ep.Topic, Region: ep.Region, FilterPolicy: ep.FilterPolicy }, src);
        permission('', 'sns.amazonaws.com', { SourceArn: ep.Topic });
        break;
      case 'SQS': case 'Kinesis': case 'DynamoDB': case 'MSK': case 'MQ': case 'DocumentDB': case 'SelfManagedKafka': {
        const { Queue, Stream, Broker, Cluster, ...rest } = ep;
        this.gen(base, 'AWS::Lambda::EventSourceMapping', { ...rest, EventSourceArn: Queue ?? Stream ?? Broker ?? Cluster ?? ep.EventSourceArn, FunctionName: target }, src);
        break;
      }
      case 'Schedule': case 'CloudWatchEvent': case 'EventBridgeRule': {
        const rule: Props = e.Type === 'Schedule'
          ? { ScheduleExpression: ep.Schedule, State: ep.State ?? (ep.Enabled === false ? 'DISABLED' : undefined), Name: ep.Name, Description: ep.Description }
          : { EventPattern: ep.Pattern, EventBusName: ep.EventBusName, State: ep.State, Name: ep.RuleName };
        rule.Targets = [{ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] }, Id: `${base}LambdaTarget`, Input: ep.Input, InputPath: ep.InputPath }].map(strip);
        this.gen(base, 'AWS::Events::Rule', rule, src);
        permission('', 'events.amazonaws.com', { SourceArn: { 'Fn::GetAtt': [base, 'Arn'] } });
        break;
      }
      case 'CloudWatchLogs':
        this.gen(base, 'AWS::Logs::SubscriptionFilter', { DestinationArn: { 'Fn::GetAtt': [fnId, 'Arn'] }, FilterPattern: ep.FilterPattern, LogGroupName: ep.LogGroupName }, src);
        permission('', 'logs.amazonaws.com', {
          SourceArn: { 'Fn::Sub': ['arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*', { __LogGroupName__: ep.LogGroupName }] },
        });
        break;
      case 'Cognito':
        permission('', 'cognito-idp.amazonaws.com', { SourceArn: { 'Fn::GetAtt': [refTarget(ep.UserPool), 'Arn'] } });
        break;
      case 'IoTRule':
        this.gen(base, 'AWS::IoT::TopicRule', { TopicRulePayload: { Sql: ep.Sql, AwsIotSqlVersion: ep.AwsIotSqlVersion, RuleDisabled: false, Actions: [{ Lambda: { FunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] } } }] } }, src);
        permission('', 'iot.amazonaws.com', {
          SourceAccount: { 'Fn::Sub': '${AWS::AccountId}' },
          SourceArn: { 'Fn::Sub': ['arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}', { RuleName: { Ref: base } }] },
        });
        break;
      case 'AlexaSkill':
        permission('', 'alexa-appkit.amazon.com', { EventSourceToken: ep.SkillId });
        break;
      default:
        break;
    }
  }

  /** An execution role as SAM builds it: managed policies, then the `Policies` property. */
  private role(roleId: string, src: { id: string; r: CfnResourceJson }, p: Props, service: string, managed: string[], samTag: [string, string], documents: Json[] = []): void {
    const arns: Json[] = managed.map(managedPolicyArn);
    const inline: Json[] = [...documents];
    const templates: string[] = [];
    const policies = p.Policies === undefined ? [] : Array.isArray(p.Policies) ? p.Policies : [p.Policies];
    policies.forEach((entry: Json, index: number) => {
      const name = `${roleId}Policy${index}`;
      if (typeof entry === 'string') {
        const arn = managedPolicyArn(entry);
        if (!arns.includes(arn)) arns.push(arn);
      } else if (isPlainObject(entry) && 'Statement' in entry) {
        inline.push({ PolicyName: name, PolicyDocument: entry });
      } else if (isIntrinsic(entry) && 'Fn::If' in entry && Array.isArray(entry['Fn::If'])) {
        const [cond, a, b] = entry['Fn::If'];
        const wrap = (v: Json) => (isPlainObject(v) && 'Statement' in v ? { PolicyName: name, PolicyDocument: v } : v);
        if ([a, b].some((v) => isPlainObject(v) && 'Statement' in v)) inline.push({ 'Fn::If': [cond, wrap(a), wrap(b)] });
        else arns.push(entry);
      } else if (isIntrinsic(entry)) {
        arns.push(entry); // a Ref/Sub/ImportValue to a managed policy ARN
      } else if (isPlainObject(entry)) {
        // A SAM policy template (S3ReadPolicy, DynamoDBCrudPolicy, ...): AWS's own, scoped to the resource named in it.
        templates.push(...Object.keys(entry));
      }
    });
    const role: Props = {
      AssumeRolePolicyDocument: p.AssumeRolePolicyDocument ?? {
        Version: '2012-10-17',
        Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }],
      },
      ManagedPolicyArns: arns,
      Policies: inline.length ? inline : undefined,
      Path: p.RolePath,
      PermissionsBoundary: p.PermissionsBoundary,
      Tags: tagList(p.Tags, samTag),
    };
    this.gen(roleId, 'AWS::IAM::Role', role, src);
    if (templates.length) (this.out[roleId].Metadata as any)['fintech-guardrails:sam-policy-templates'] = templates;
  }

  // ----- AWS::Serverless::Api

  private api(id: string, r: CfnResourceJson, p: Props): void {
    const src = { id, r };
    const endpoint = p.EndpointConfiguration;
    const rest: Props = {
      Name: p.Name,
      Body: p.DefinitionBody,
      BodyS3Location: p.DefinitionUri !== undefined ? s3Location(p.DefinitionUri, { bucket: 'Bucket', key: 'Key', version: 'Version' }) : undefined,
      EndpointConfiguration: typeof endpoint === 'string' ? { Types: [endpoint] } : isPlainObject(endpoint) ? strip({ Types: endpoint.Type !== undefined ? [endpoint.Type] : undefined, VpcEndpointIds: endpoint.VPCEndpointIds }) : endpoint,
      BinaryMediaTypes: p.BinaryMediaTypes,
      MinimumCompressionSize: p.MinimumCompressionSize,
      Mode: p.Mode,
      ApiKeySourceType: p.ApiKeySourceType,
      DisableExecuteApiEndpoint: p.DisableExecuteApiEndpoint,
      Policy: isPlainObject(p.Auth) && p.Auth.ResourcePolicy !== undefined ? undefined : p.Policy,
      Tags: tagList(p.Tags),
    };
    // Without DefinitionBody or DefinitionUri SAM writes the OpenAPI body itself, from the function events.
    if (rest.Body === undefined && rest.BodyS3Location === undefined) {
      const version = p.OpenApiVersion !== undefined && /^3/.test(String(p.OpenApiVersion)) ? { openapi: String(p.OpenApiVersion) } : { swagger: '2.0' };
      rest.Body = { ...version, info: { version: '1.0', title: p.Name ?? { Ref: 'AWS::StackName' } }, paths: {} };
    }
    if (isPlainObject(rest.Body)) rest.Body = withRoutes(rest.Body, this.routes.get(id) ?? [], isPlainObject(p.Auth) ? p.Auth : {}, 'rest');
    this.gen(id, 'AWS::ApiGateway::RestApi', rest, src, true);

    // SAM's Deployment creates an extra stage named "Stage" unless OpenApiVersion is set.
    const deployment = `${id}Deployment`;
    this.gen(deployment, 'AWS::ApiGateway::Deployment', {
      RestApiId: { Ref: id }, Description: `RestApi deployment id: generated by SAM for ${id}`,
      StageName: p.OpenApiVersion === undefined ? 'Stage' : undefined,
    }, src);
    // Said in findings: the user did not write this stage, and OpenApiVersion is what removes it.
    if (p.OpenApiVersion === undefined) (this.out[deployment].Metadata as Props)[SAM_EXTRA_STAGE] = true;
    const stageName = p.StageName;
    const stageId = typeof stageName === 'string'
      ? (/^[A-Za-z0-9]+$/.test(stageName) ? `${id}${stageName}Stage` : `${id}Stage${samHash(stageName)}`)
      : `${id}Stage`;
    this.gen(stageId, 'AWS::ApiGateway::Stage', {
      RestApiId: { Ref: id },
      DeploymentId: { Ref: deployment },
      StageName: stageName,
      CacheClusterEnabled: p.CacheClusterEnabled,
      CacheClusterSize: p.CacheClusterSize,
      Variables: p.Variables,
      MethodSettings: p.MethodSettings,
      AccessLogSetting: p.AccessLogSetting,
      CanarySetting: p.CanarySetting,
      TracingEnabled: p.TracingEnabled,
      Tags: tagList(p.Tags),
    }, src);
  }

  // ----- AWS::Serverless::HttpApi

  private httpApi(id: string, r: CfnResourceJson, p: Props): void {
    const src = { id, r };
    let body = p.DefinitionBody ?? (p.DefinitionUri === undefined ? {
      openapi: '3.0.1', info: { version: '1.0', title: p.Name ?? { Ref: 'AWS::StackName' } }, paths: {},
      tags: [{ name: 'httpapi:createdBy', 'x-amazon-apigateway-tag-value': 'SAM' }],
    } : undefined);
    if (isPlainObject(body)) body = withRoutes(body, this.routes.get(id) ?? [], isPlainObject(p.Auth) ? p.Auth : {}, 'http');
    this.gen(id, 'AWS::ApiGatewayV2::Api', {
      Name: p.Name,
      Body: body,
      BodyS3Location: p.DefinitionUri !== undefined ? s3Location(p.DefinitionUri, { bucket: 'Bucket', key: 'Key', version: 'Version' }) : undefined,
      CorsConfiguration: isPlainObject(p.CorsConfiguration) ? p.CorsConfiguration : undefined,
      DisableExecuteApiEndpoint: p.DisableExecuteApiEndpoint,
      FailOnWarnings: p.FailOnWarnings,
    }, src, true);
    const stageName = p.StageName ?? '$default';
    const stageId = typeof stageName !== 'string' ? `${id}Stage`
      : /^[A-Za-z0-9]+$/.test(stageName) ? `${id}${stageName}Stage`
        : stageName === '$default' ? `${id}ApiGatewayDefaultStage` : `${id}Stage${samHash(stageName)}`;
    this.gen(stageId, 'AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: id },
      StageName: stageName,
      AutoDeploy: true,
      AccessLogSettings: p.AccessLogSettings,
      DefaultRouteSettings: p.DefaultRouteSettings,
      RouteSettings: p.RouteSettings,
      StageVariables: p.StageVariables,
      Tags: { 'httpapi:createdBy': 'SAM', ...(isPlainObject(p.Tags) ? p.Tags : {}) },
    }, src);
  }

  // ----- AWS::Serverless::SimpleTable

  private simpleTable(id: string, r: CfnResourceJson, p: Props): void {
    const key = isPlainObject(p.PrimaryKey) ? p.PrimaryKey : { Name: 'id', Type: 'String' };
    const type = typeof key.Type === 'string' ? ({ String: 'S', Number: 'N', Binary: 'B' } as Record<string, string>)[key.Type] ?? key.Type : key.Type;
    this.gen(id, 'AWS::DynamoDB::Table', {
      TableName: p.TableName,
      AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: type }],
      KeySchema: [{ AttributeName: key.Name, KeyType: 'HASH' }],
      ProvisionedThroughput: p.ProvisionedThroughput,
      BillingMode: p.ProvisionedThroughput === undefined ? 'PAY_PER_REQUEST' : undefined,
      SSESpecification: p.SSESpecification,
      PointInTimeRecoverySpecification: p.PointInTimeRecoverySpecification,
      Tags: tagList(p.Tags),
    }, { id, r }, true);
  }

  // ----- AWS::Serverless::StateMachine

  private stateMachine(id: string, r: CfnResourceJson, p: Props): void {
    const src = { id, r };
    const sm: Props = {
      StateMachineName: p.Name,
      StateMachineType: p.Type,
      Definition: p.Definition,
      DefinitionS3Location: p.DefinitionUri !== undefined ? s3Location(p.DefinitionUri, { bucket: 'Bucket', key: 'Key', version: 'Version' }) : undefined,
      DefinitionSubstitutions: p.DefinitionSubstitutions,
      LoggingConfiguration: p.Logging,
      TracingConfiguration: p.Tracing,
      RoleArn: p.Role ?? { 'Fn::GetAtt': [`${id}Role`, 'Arn'] },
      Tags: tagList(p.Tags, ['stateMachine:createdBy', 'SAM']),
    };
    if (p.Role === undefined) this.role(`${id}Role`, src, p, 'states.amazonaws.com', [], ['stateMachine:createdBy', 'SAM']);
    this.gen(id, 'AWS::StepFunctions::StateMachine', sm, src, true);
    const events = isPlainObject(p.Events) ? p.Events : {};
    for (const [eventId, e] of Object.entries(events)) {
      if (!isPlainObject(e)) continue;
      const ep: Props = isPlainObject(e.Properties) ? e.Properties : {};
      const base = `${id}${eventId}`;
      if (e.Type === 'Schedule' || e.Type === 'CloudWatchEvent' || e.Type === 'EventBridgeRule') {
        const role = `${base}Role`;
        this.gen(base, 'AWS::Events::Rule', strip({
          ScheduleExpression: e.Type === 'Schedule' ? ep.Schedule : undefined,
          EventPattern: e.Type === 'Schedule' ? undefined : ep.Pattern,
          EventBusName: ep.EventBusName,
          State: ep.State,
          Targets: [{ Arn: { Ref: id }, Id: `${base}StepFunctionsTarget`, RoleArn: { 'Fn::GetAtt': [role, 'Arn'] } }],
        }), src);
        this.startExecutionRole(base, id, 'events.amazonaws.com', src);
      } else if (e.Type === 'Api') {
        if (ep.RestApiId === undefined) this.implicitRest = true;
        // The role API Gateway assumes to start executions (the route itself goes into the API's body).
        this.startExecutionRole(base, id, 'apigateway.amazonaws.com', src);
      }
    }
  }

  /** The role `<base>Role` that `service` assumes to start executions of the state machine `id`. */
  private startExecutionRole(base: string, id: string, service: string, src: { id: string; r: CfnResourceJson }): void {
    this.gen(`${base}Role`, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }] },
      Policies: [{ PolicyName: `${base}RoleStartExecutionPolicy`, PolicyDocument: { Statement: [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: id } }] } }],
    }, src);
  }

  // ----- AWS::Serverless::LayerVersion

  private layer(id: string, r: CfnResourceJson, p: Props): void {
    const retention = typeof p.RetentionPolicy === 'string' ? (p.RetentionPolicy.toLowerCase() === 'delete' ? 'Delete' : 'Retain') : undefined;
    const source = { id, r: { ...r, DeletionPolicy: retention ?? r.DeletionPolicy ?? 'Retain' } };
    this.gen(id, 'AWS::Lambda::LayerVersion', {
      LayerName: p.LayerName ?? id,
      Description: p.Description,
      Content: p.ContentUri !== undefined ? s3Location(p.ContentUri, { bucket: 'S3Bucket', key: 'S3Key', version: 'S3ObjectVersion' }) : undefined,
      CompatibleRuntimes: p.CompatibleRuntimes,
      CompatibleArchitectures: p.CompatibleArchitectures,
      LicenseInfo: p.LicenseInfo,
    }, source, true);
  }
}

/** An Api / HttpApi event of a function: the route SAM adds to the API's OpenAPI body. */
interface ApiRoute {
  readonly path: Json;
  readonly method: Json;
  /** The event's `Auth` (Authorizer, ApiKeyRequired, AuthorizationScopes). */
  readonly auth: Props;
  /** The ARN the integration invokes: the function's, or its alias's (AutoPublishAlias). */
  readonly arn: Json;
  /** The integration, when it is not a Lambda proxy one (a state machine's Api event). */
  readonly integration?: Json;
}

/** The operations of an OpenAPI path item that API Gateway serves. */
export const OPENAPI_OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method'] as const;

/**
 * A copy of an OpenAPI body with what SAM adds to it: the function events' routes, each with the
 * authorizer it names or the API's `Auth.DefaultAuthorizer` (also put on the body's own operations
 * that name none), the API key requirement, and the security schemes of `Auth.Authorizers`.
 * `Authorizer: NONE` leaves a route without authorization (`security: []`).
 */
function withRoutes(input: Props, routes: readonly ApiRoute[], auth: Props, kind: 'rest' | 'http'): Props {
  const defaultAuth = auth.DefaultAuthorizer;
  const apiKeyDefault = auth.ApiKeyRequired === true;
  if (routes.length === 0 && defaultAuth === undefined && !apiKeyDefault) return input;
  const body: Props = JSON.parse(JSON.stringify(input));
  const paths: Props = isPlainObject(body.paths) ? body.paths : (body.paths = {});
  const schemes: Props = {};
  const authorizers: Props = isPlainObject(auth.Authorizers) ? auth.Authorizers : {};
  const header = (extra: Props) => ({ type: 'apiKey', name: 'Authorization', in: 'header', ...extra });
  const scheme = (name: string): void => {
    if (name in schemes) return;
    const a = authorizers[name];
    if (name === 'AWS_IAM') schemes[name] = header({ 'x-amazon-apigateway-authtype': 'awsSigv4' });
    else if (name === 'api_key') schemes[name] = { type: 'apiKey', name: 'x-api-key', in: 'header' };
    else if (!isPlainObject(a)) return; // not defined: SAM fails the deployment
    else if (a.JwtConfiguration !== undefined) schemes[name] = { type: 'oauth2', 'x-amazon-apigateway-authorizer': { type: 'jwt', jwtConfiguration: a.JwtConfiguration, identitySource: a.IdentitySource } };
    else if (a.UserPoolArn !== undefined) {
      schemes[name] = header({ 'x-amazon-apigateway-authtype': 'cognito_user_pools', 'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: Array.isArray(a.UserPoolArn) ? a.UserPoolArn : [a.UserPoolArn] } });
    } else if (a.FunctionArn !== undefined) {
      const type = kind === 'http' || a.FunctionPayloadType === 'REQUEST' ? 'request' : 'token';
      schemes[name] = header({ 'x-amazon-apigateway-authtype': 'custom', 'x-amazon-apigateway-authorizer': { type, authorizerUri: a.FunctionArn } });
    }
  };
  const security = (authorizer: Json, apiKey: boolean, scopes: Json): Json[] | undefined => {
    const out: Json[] = [];
    if (typeof authorizer === 'string' && authorizer !== 'NONE') {
      scheme(authorizer);
      out.push({ [authorizer]: Array.isArray(scopes) ? scopes : [] });
    }
    if (apiKey) { scheme('api_key'); out.push({ api_key: [] }); }
    return out;
  };
  for (const route of routes) {
    const path = typeof route.path === 'string' ? route.path : kind === 'http' ? '$default' : undefined;
    if (path === undefined) continue;
    const m = typeof route.method === 'string' && route.method.toLowerCase() !== 'any' ? route.method.toLowerCase() : 'x-amazon-apigateway-any-method';
    const item: Props = isPlainObject(paths[path]) ? paths[path] : (paths[path] = {});
    if (item[m] !== undefined) continue; // SAM refuses a route defined twice
    const integration = route.integration ?? (kind === 'rest'
      ? { type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::Sub': ['arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations', { __FunctionArn__: route.arn }] } }
      : { type: 'aws_proxy', httpMethod: 'POST', payloadFormatVersion: '2.0', uri: route.arn });
    const op: Props = { 'x-amazon-apigateway-integration': integration, responses: {} };
    const authorizer = route.auth.Authorizer ?? defaultAuth;
    op.security = security(authorizer, route.auth.ApiKeyRequired ?? apiKeyDefault, route.auth.AuthorizationScopes);
    item[m] = op;
  }
  // The default authorizer and API key go on every other operation of the body that names no security.
  if (defaultAuth !== undefined || apiKeyDefault) {
    for (const item of Object.values(paths)) {
      if (!isPlainObject(item)) continue;
      for (const m of OPENAPI_OPERATIONS) {
        const op = item[m];
        if (m === 'options' || !isPlainObject(op) || op.security !== undefined) continue;
        op.security = security(defaultAuth, apiKeyDefault, undefined);
      }
    }
  }
  if (Object.keys(schemes).length) {
    if (kind === 'rest' && typeof body.swagger === 'string') body.securityDefinitions = { ...(isPlainObject(body.securityDefinitions) ? body.securityDefinitions : {}), ...schemes };
    else {
      const components: Props = isPlainObject(body.components) ? body.components : (body.components = {});
      components.securitySchemes = { ...(isPlainObject(components.securitySchemes) ? components.securitySchemes : {}), ...schemes };
    }
  }
  return body;
}

function deadLetterPolicy(dlq: Props): Json {
  const action = dlq.Type === 'SNS' ? 'sns:Publish' : 'sqs:SendMessage';
  return { PolicyName: 'DeadLetterQueuePolicy', PolicyDocument: { Version: '2012-10-17', Statement: [{ Action: action, Effect: 'Allow', Resource: dlq.TargetArn }] } };
}

/** The logical ID a `Ref` points at, else the value itself (for GetAtt targets). */
function refTarget(v: Json): string {
  return isIntrinsic(v) && typeof v.Ref === 'string' ? v.Ref : String(v);
}
