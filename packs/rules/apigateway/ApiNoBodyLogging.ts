import { referencedResource } from '../../engine/lookup';
import { asBoolean, isOpaque } from '../../engine/values';
import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { describeValue } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { eachElement } from '../cloudfront/helpers';
import { within } from '../../engine/lists';

/**
 * API Gateway does not write full request and response bodies to CloudWatch Logs (data trace,
 * "Log full requests/responses data"): REST API stages (MethodSettings[].DataTraceEnabled), the stage
 * of a deployment (StageDescription.DataTraceEnabled / MethodSettings), and WebSocket API stages
 * (DefaultRouteSettings / RouteSettings DataTraceEnabled).
 */
export const ApiNoBodyLogging = defineRule({
  id: 'FTG-APIGW-4',
  name: 'ApiNoBodyLogging',
  items: ['LA-5'],
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::ApiGatewayV2::Stage'],
  info: {
    en: 'The API Gateway stage logs full request and response bodies to CloudWatch Logs (DataTraceEnabled is true).',
    ja: 'API Gateway のステージがリクエストとレスポンスの本文全体を CloudWatch Logs に記録しています（DataTraceEnabled が true）。',
  },
  explanation: {
    en: 'LA-5 says not to log sensitive data. Data trace writes whole request and response bodies and headers (passwords, tokens, personal data, card numbers) to CloudWatch Logs, where they are kept for the retention period and readable by everyone with log access. AWS itself advises against it in production.',
    ja: 'LA-5 は機微なデータをログに記録しないことを求めています。データトレースはリクエストとレスポンスの本文とヘッダー全体（パスワード、トークン、個人情報、カード番号）を CloudWatch Logs に書き込み、保持期間中はログの閲覧権限を持つ全員が読めてしまいます。AWS も本番環境では有効にしないよう推奨しています。',
  },
  fix: {
    en: 'Set `deployOptions.dataTraceEnabled: false` (keep `loggingLevel: apigateway.MethodLoggingLevel.ERROR` or INFO, and use access logs) and no `methodOptions` with `dataTraceEnabled: true`; in CloudFormation set AWS::ApiGateway::Stage MethodSettings[].DataTraceEnabled (or AWS::ApiGateway::Deployment StageDescription.DataTraceEnabled) to false; for WebSocket APIs AWS::ApiGatewayV2::Stage DefaultRouteSettings.DataTraceEnabled and RouteSettings.*.DataTraceEnabled to false.',
    ja: '`deployOptions.dataTraceEnabled: false` とし（`loggingLevel: apigateway.MethodLoggingLevel.ERROR` または INFO とアクセスログを使う）、`methodOptions` で `dataTraceEnabled: true` を指定しないでください。CloudFormation では AWS::ApiGateway::Stage の MethodSettings[].DataTraceEnabled（または AWS::ApiGateway::Deployment の StageDescription.DataTraceEnabled）を false に、WebSocket API では AWS::ApiGatewayV2::Stage の DefaultRouteSettings.DataTraceEnabled と RouteSettings.*.DataTraceEnabled を false にします。',
  },
  check(resource) {
    switch (resource.type) {
      case 'AWS::ApiGateway::Stage':
        return methodSettings(resource, resource.prop('MethodSettings'), 'MethodSettings');
      case 'AWS::ApiGateway::Deployment': {
        const names = resource.prop('StageName');
        const descriptions = resource.prop('StageDescription');
        const noStage = names.every((a) => a.known && (a.value === undefined || a.value === ''));
        if (noStage && descriptions.every((a) => a.known && a.value === undefined)) return NOT_APPLICABLE;
        return worst(
          dataTrace(resource.prop('StageDescription.DataTraceEnabled'), 'StageDescription.DataTraceEnabled'),
          methodSettings(resource, resource.prop('StageDescription.MethodSettings'), 'StageDescription.MethodSettings'),
        );
      }
      case 'AWS::ApiGatewayV2::Stage':
        // Data trace exists only for WebSocket APIs: on an HTTP API stage the setting logs nothing.
        if (isHttpApiStage(resource)) return NOT_APPLICABLE;
        return worst(
          dataTrace(resource.prop('DefaultRouteSettings.DataTraceEnabled'), 'DefaultRouteSettings.DataTraceEnabled'),
          routeSettings(resource),
        );
      default:
        return NOT_APPLICABLE;
    }
  },
});

function dataTrace(alts: ReturnType<Resource['prop']>, what: string): Outcome {
  return judge(alts, what, (v) => {
    if (v === undefined) return true;
    const b = asBoolean(v);
    return b === undefined ? undefined : !b;
  });
}

function methodSettings(resource: Resource, alts: ReturnType<Resource['prop']>, what: string): Outcome {
  return eachElement(resource, alts, what, { absent: COMPLIANT }, (setting, i) => {
    if (typeof setting !== 'object') return unverifiable('value-is', { what: `${what}[${i}]`, value: describeValue(setting) });
    // The method and path the setting applies to, as far as they are written (no "?" placeholders).
    const path = [resource.resolve(setting, 'HttpMethod'), resource.resolve(setting, 'ResourcePath')]
      .map((a) => (a.length === 1 && a[0].known && typeof a[0].value === 'string' ? a[0].value : undefined))
      .filter((v): v is string => v !== undefined);
    return within(`${what}[${i}]${path.length ? ` (${path.join(' ')})` : ''}`, dataTrace(resource.resolve(setting, 'DataTraceEnabled'), 'DataTraceEnabled'));
  });
}

/** RouteSettings of a v2 stage: a map from route key to settings. */
function routeSettings(stage: Resource): Outcome {
  return worst(...stage.prop('RouteSettings').map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: 'RouteSettings', why: alt.why });
    if (alt.value === undefined || alt.value === null) return COMPLIANT;
    if (isOpaque(alt.value) || typeof alt.value !== 'object' || Array.isArray(alt.value)) {
      return unverifiable('only-at-deployment', { what: 'RouteSettings', value: describeValue(alt.value) });
    }
    const entries = Object.entries(alt.value as Record<string, unknown>);
    return worst(COMPLIANT, ...entries.map(([routeKey, settings]) =>
      within(`RouteSettings["${routeKey}"]`, dataTrace(stage.resolve(settings, 'DataTraceEnabled'), 'DataTraceEnabled'))));
  }));
}

/**
 * Whether the stage belongs to an HTTP API of this template: ProtocolType HTTP, or an API imported from
 * an OpenAPI Body / BodyS3Location (which only HTTP APIs can be; the SAM HttpApi expansion writes one).
 */
function isHttpApiStage(stage: Resource): boolean {
  const ids = stage.prop('ApiId');
  if (ids.length === 0) return false;
  return ids.every((alt) => {
    const api = referencedResource(stage, alt, 'AWS::ApiGatewayV2::Api');
    if (!api) return false;
    const protocol = api.prop('ProtocolType');
    if (protocol.every((p) => p.known && typeof p.value === 'string' && p.value.toUpperCase() === 'HTTP')) return true;
    const imported = [...api.prop('Body'), ...api.prop('BodyS3Location')].some((b) => b.known && b.value !== undefined);
    return imported && protocol.every((p) => p.known && p.value === undefined);
  });
}
