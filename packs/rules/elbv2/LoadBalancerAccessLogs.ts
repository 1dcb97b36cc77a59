import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { asBoolean } from '../../engine/values';
import { ATTRIBUTE_DETAILS, attributeIsTrue, forTypes } from './common';

/** Load balancers write access logs. */
export const LoadBalancerAccessLogs = defineRule({
  id: 'FTG-ELB-3',
  name: 'LoadBalancerAccessLogs',
  items: ['LA-2'],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  info: {
    en: 'The load balancer does not write access logs.',
    ja: 'ロードバランサーのアクセスログが記録されていません。',
  },
  explanation: {
    en: 'LA-2 asks to log enough to understand what happened, assuming an incident will happen. The load balancer is where every request from the internet enters: its access log (client IP, time, request, status, TLS protocol and cipher) is often the only record of an attack or of who accessed what.',
    ja: 'LA-2 は、事件が発生する前提で状況が把握できる程度のログを記録することを求めています。ロードバランサーはインターネットからのすべてのリクエストの入口であり、そのアクセスログ（クライアント IP、時刻、リクエスト、ステータス、TLS プロトコルと暗号スイート）は、攻撃や誰が何にアクセスしたかを示す唯一の記録であることが少なくありません。',
  },
  fix: {
    en: 'Call `loadBalancer.logAccessLogs(bucket, prefix)` on `elbv2.ApplicationLoadBalancer`/`NetworkLoadBalancer` (classic `elb.LoadBalancer`: `accessLoggingPolicy: { enabled: true, s3BucketName }`). In CloudFormation, add LoadBalancerAttributes { Key: access_logs.s3.enabled, Value: "true" } with access_logs.s3.bucket to AWS::ElasticLoadBalancingV2::LoadBalancer, or AccessLoggingPolicy.Enabled: true on AWS::ElasticLoadBalancing::LoadBalancer.',
    ja: '`elbv2.ApplicationLoadBalancer`/`NetworkLoadBalancer` で `loadBalancer.logAccessLogs(bucket, prefix)` を呼んでください（Classic の `elb.LoadBalancer` では `accessLoggingPolicy: { enabled: true, s3BucketName }`）。CloudFormation では AWS::ElasticLoadBalancingV2::LoadBalancer の LoadBalancerAttributes に { Key: access_logs.s3.enabled, Value: "true" } と access_logs.s3.bucket を追加するか、AWS::ElasticLoadBalancing::LoadBalancer の AccessLoggingPolicy.Enabled を true にしてください。',
  },
  details: ATTRIBUTE_DETAILS,
  check(lb) {
    if (lb.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
      return judge(lb.prop('AccessLoggingPolicy.Enabled'), 'AccessLoggingPolicy.Enabled', (v) => (v === undefined ? false : asBoolean(v)));
    }
    if (lb.type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return NOT_APPLICABLE;
    // Gateway Load Balancers have no access logs.
    return forTypes(lb, ['application', 'network'], () => attributeIsTrue(lb, 'access_logs.s3.enabled'));
  },
});
