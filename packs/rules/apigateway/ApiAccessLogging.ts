import { isOpaque } from '../../engine/values';
import { defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { viaNote } from '../../engine/messages';
import { SAM_EXTRA_STAGE } from '../../engine/sam';

/**
 * An API Gateway stage writes access logs: AWS::ApiGateway::Stage AccessLogSetting, the stage a
 * AWS::ApiGateway::Deployment creates (StageName + StageDescription.AccessLogSetting), and
 * AWS::ApiGatewayV2::Stage AccessLogSettings.
 */
export const ApiAccessLogging = defineRule({
  id: 'FTG-APIGW-3',
  name: 'ApiAccessLogging',
  items: ['LA-2'],
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::ApiGatewayV2::Stage'],
  info: {
    en: 'The API Gateway stage writes no access logs (no access log destination is set).',
    ja: 'API Gateway のステージがアクセスログを出力していません（アクセスログの出力先が未設定）。',
  },
  explanation: {
    en: 'LA-2 asks for enough logs to understand what happened, assuming an incident will happen. Access logs record every call to the API (caller IP, identity, route, status, request ID); without them there is no trace of who called what.',
    ja: 'LA-2 はインシデントが起きる前提で、何が起きたかを把握できるだけのログを求めています。アクセスログは API への呼び出しごとに送信元 IP、認証主体、ルート、ステータス、リクエスト ID を記録します。これがないと誰が何を呼び出したかの痕跡が残りません。',
  },
  fix: {
    en: 'REST API: `deployOptions: { accessLogDestination: new apigateway.LogGroupLogDestination(logGroup), accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields() }` (CloudFormation: AWS::ApiGateway::Stage AccessLogSetting.DestinationArn and Format). HTTP/WebSocket API: `accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(logGroup) }` on the stage (CloudFormation: AWS::ApiGatewayV2::Stage AccessLogSettings.DestinationArn and Format).',
    ja: 'REST API では `deployOptions: { accessLogDestination: new apigateway.LogGroupLogDestination(logGroup), accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields() }` を指定してください（CloudFormation: AWS::ApiGateway::Stage の AccessLogSetting.DestinationArn と Format）。HTTP/WebSocket API ではステージに `accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(logGroup) }` を指定します（CloudFormation: AWS::ApiGatewayV2::Stage の AccessLogSettings.DestinationArn と Format）。',
  },
  details: {
    noDestination: { en: '{path} is not set{via}', ja: '{path} が未設定です{via}' },
    samExtraStage: {
      en: 'the deployment SAM generates for {api} also creates a stage named "Stage" (SAM does so when OpenApiVersion is not set), and that stage has no access logs whatever the Api\'s AccessLogSetting says; set OpenApiVersion (e.g. 3.0.1) on the Api or in Globals.Api to remove it',
      ja: 'SAM が {api} のために生成するデプロイメントは「Stage」という名前のステージも作成します（OpenApiVersion が未設定のとき SAM はそうします）。このステージは Api の AccessLogSetting にかかわらずアクセスログを出力しません。Api または Globals.Api に OpenApiVersion（例: 3.0.1）を指定すると、このステージはなくなります',
    },
  },
  check(resource) {
    switch (resource.type) {
      case 'AWS::ApiGateway::Stage':
        return destination(resource, 'AccessLogSetting.DestinationArn');
      case 'AWS::ApiGatewayV2::Stage':
        return destination(resource, 'AccessLogSettings.DestinationArn');
      case 'AWS::ApiGateway::Deployment': {
        // A deployment creates a stage only when it names one.
        const stageName = resource.prop('StageName');
        if (stageName.every((a) => a.known && (a.value === undefined || a.value === ''))) return NOT_APPLICABLE;
        const outcome = destination(resource, 'StageDescription.AccessLogSetting.DestinationArn');
        const sam = resource.json.Metadata?.[SAM_EXTRA_STAGE] === true;
        return sam && outcome.status === 'non-compliant' ? nonCompliant('samExtraStage', { api: String(resource.json.Metadata?.SamResourceId) }) : outcome;
      }
      default:
        return NOT_APPLICABLE;
    }
  },
});

function destination(resource: Resource, path: string): Outcome {
  return worst(...resource.prop(path).map((alt): Outcome => {
    if (alt.known && (alt.value === undefined || alt.value === '')) return nonCompliant('noDestination', { path, via: viaNote(alt.via) });
    return judge([alt], path, (v) => (typeof v === 'string' || isOpaque(v) ? true : undefined));
  }));
}
