import { defineRule, NOT_APPLICABLE } from '../../engine/rule';
import { ATTRIBUTE_DETAILS, attributeIsTrue, forTypes } from './common';

const KEY = 'routing.http.drop_invalid_header_fields.enabled';

/** Application load balancers drop HTTP headers that are not valid. */
export const LoadBalancerDropInvalidHeaders = defineRule({
  id: 'FTG-ELB-4',
  name: 'LoadBalancerDropInvalidHeaders',
  items: ['DP-1'],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  info: {
    en: 'The application load balancer forwards HTTP headers with invalid names instead of dropping them (routing.http.drop_invalid_header_fields.enabled is not true).',
    ja: 'Application Load Balancer が不正な名前の HTTP ヘッダーを削除せずに転送しています（routing.http.drop_invalid_header_fields.enabled が true ではありません）。',
  },
  explanation: {
    en: 'DP-1 asks for secure programming with reference to the OWASP Top 10. Header names that do not conform to the HTTP grammar are used for request smuggling and header injection against the application behind the load balancer; dropping them at the edge removes that attack surface for every target.',
    ja: 'DP-1 は OWASP Top 10 などを参照したセキュアプログラミングを求めています。HTTP の文法に合わないヘッダー名は、ロードバランサーの背後のアプリケーションに対するリクエストスマグリングやヘッダーインジェクションに使われます。入口で削除すれば、すべてのターゲットについてこの攻撃面をなくせます。',
  },
  fix: {
    en: 'Set `dropInvalidHeaderFields: true` on `elbv2.ApplicationLoadBalancer`. In CloudFormation, add LoadBalancerAttributes { Key: routing.http.drop_invalid_header_fields.enabled, Value: "true" } to the AWS::ElasticLoadBalancingV2::LoadBalancer.',
    ja: '`elbv2.ApplicationLoadBalancer` に `dropInvalidHeaderFields: true` を指定してください。CloudFormation では AWS::ElasticLoadBalancingV2::LoadBalancer の LoadBalancerAttributes に { Key: routing.http.drop_invalid_header_fields.enabled, Value: "true" } を追加してください。',
  },
  details: ATTRIBUTE_DETAILS,
  check(lb) {
    if (lb.type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return NOT_APPLICABLE;
    return forTypes(lb, ['application'], () => attributeIsTrue(lb, KEY));
  },
});
