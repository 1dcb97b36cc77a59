import { isOpaque } from '../../engine/values';
import { describeValue } from '../../engine/messages';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { literalString, refersTo } from '../../engine/lookup';
import { best } from './helpers';

const SOURCE_TYPE = 'AWS::Logs::DeliverySource';
const DELIVERY_TYPE = 'AWS::Logs::Delivery';

/**
 * A CloudFront distribution writes access logs: legacy standard logging (DistributionConfig.Logging
 * to an S3 bucket) or standard logging v2 (an AWS::Logs::DeliverySource for the distribution with
 * LogType ACCESS_LOGS, connected by an AWS::Logs::Delivery to a destination).
 */
export const CloudFrontLogging = defineRule({
  id: 'FTG-CF-5',
  name: 'CloudFrontLogging',
  items: ['LA-2'],
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: {
    en: 'The CloudFront distribution writes no access logs (neither DistributionConfig.Logging nor a CloudWatch Logs delivery source for it).',
    ja: 'CloudFront ディストリビューションがアクセスログを出力していません（DistributionConfig.Logging も、このディストリビューションの CloudWatch Logs 配信ソースもありません）。',
  },
  explanation: {
    en: 'LA-2 asks for enough logs to understand what happened, assuming an incident will happen. The edge is where attacks arrive: without access logs there is no record of who requested what, from where, and what CloudFront answered.',
    ja: 'LA-2 はインシデントが起きる前提で、何が起きたかを把握できるだけのログを求めています。攻撃が最初に届くのはエッジであり、アクセスログがなければ、誰がどこから何を要求し CloudFront が何を返したかの記録が残りません。',
  },
  fix: {
    en: 'Set `enableLogging: true` (with `logBucket`, a bucket with ACLs enabled for the log delivery) on `cloudfront.Distribution`, or in CloudFormation DistributionConfig.Logging.Bucket; or use standard logging v2: an AWS::Logs::DeliverySource (us-east-1) with ResourceArn the distribution ARN and LogType ACCESS_LOGS, an AWS::Logs::DeliveryDestination and an AWS::Logs::Delivery between them.',
    ja: '`cloudfront.Distribution` に `enableLogging: true`（ログ配信用に ACL を有効にした `logBucket` とともに）を指定するか、CloudFormation の DistributionConfig.Logging.Bucket を設定してください。標準ログ v2 を使う場合は、ResourceArn にディストリビューションの ARN、LogType に ACCESS_LOGS を指定した AWS::Logs::DeliverySource（us-east-1）、AWS::Logs::DeliveryDestination、両者をつなぐ AWS::Logs::Delivery を作成します。',
  },
  details: {
    'no-logging': {
      en: 'DistributionConfig.Logging is not set and no AWS::Logs::DeliverySource refers to the distribution',
      ja: 'DistributionConfig.Logging が未設定で、このディストリビューションを参照する AWS::Logs::DeliverySource もありません',
    },
    'log-type-unknown': { en: 'delivery source {source}: LogType cannot be verified before deployment', ja: '配信ソース {source}: LogType をデプロイ前には検証できません' },
    'log-type': { en: 'delivery source {source} has LogType {value}, not ACCESS_LOGS', ja: '配信ソース {source} の LogType が {value} で、ACCESS_LOGS ではありません' },
    'not-delivered': {
      en: 'delivery source {source} is not connected to a destination by any AWS::Logs::Delivery',
      ja: '配信ソース {source} は、どの AWS::Logs::Delivery でも配信先に接続されていません',
    },
  },
  check(dist) {
    if (dist.type !== 'AWS::CloudFront::Distribution') return NOT_APPLICABLE;
    let v2: Outcome | undefined;
    const logsV2 = () => (v2 ??= deliveryV2(dist));
    return worst(...dist.prop('DistributionConfig.Logging').map((alt): Outcome => {
      if (!alt.known) return best(unverifiable('at', { what: 'Logging', why: alt.why }), logsV2());
      if (alt.value === undefined) return logsV2();
      if (isOpaque(alt.value) || typeof alt.value !== 'object') return best(unverifiable('only-at-deployment', { what: 'Logging', value: describeValue(alt.value) }), logsV2());
      return worst(...dist.resolve(alt.value, 'Bucket').map((b): Outcome => {
        if (!b.known) return best(unverifiable('at', { what: 'Logging.Bucket', why: b.why }), logsV2());
        if (b.value === undefined || b.value === '') return logsV2();
        return COMPLIANT;
      }));
    }));
  },
});

/** Standard logging v2: a delivery source for this distribution's access logs that is delivered somewhere. */
function deliveryV2(dist: Resource): Outcome {
  const sources = dist.template.referrersOf(dist.logicalId, SOURCE_TYPE)
    .filter((s) => refersTo(s, s.properties.ResourceArn, dist.logicalId));
  if (sources.length === 0) {
    return nonCompliant('no-logging', {});
  }
  return best(...sources.map((source): Outcome => {
    const logType = source.prop('LogType');
    if (!logType.every((a) => a.known && typeof a.value === 'string' && a.value.toUpperCase() === 'ACCESS_LOGS')) {
      if (logType.some((a) => !a.known || isOpaque(a.value))) return unverifiable('log-type-unknown', { source: source.logicalId });
      return nonCompliant('log-type', { source: source.logicalId, value: describeValue(literalString(logType)) });
    }
    const name = literalString(source.prop('Name'));
    const deliveries = dist.template.pointingAt(source, DELIVERY_TYPE, 'DeliverySourceName', name ? [name] : []);
    return deliveries.length > 0
      ? COMPLIANT
      : nonCompliant('not-delivered', { source: source.logicalId });
  }));
}
