import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { referencedResource } from '../../engine/lookup';

const ALARM = 'AWS::CloudWatch::Alarm';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

/**
 * A web service behind a load balancer is watched: at least one CloudWatch alarm of the template
 * refers to the target group (e.g. UnHealthyHostCount, TargetResponseTime), to a listener that
 * forwards to it (CDK's `targetGroup.metrics.*` dimensions refer to the listener), or to its load
 * balancer (HTTPCode_ELB_5XX_Count...). Whether the alarm notifies someone is FTG-CW-1.
 */
export const LoadBalancedServiceMonitored = defineRule({
  id: 'FTG-CW-2',
  name: 'LoadBalancedServiceMonitored',
  items: ['OP-1'],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
  info: {
    en: 'No CloudWatch alarm watches the load-balanced service: no alarm refers to the target group, its listener or its load balancer.',
    ja: 'ロードバランサー配下のサービスを監視する CloudWatch アラームがありません。ターゲットグループ、リスナー、ロードバランサーのいずれを参照するアラームもありません。',
  },
  explanation: {
    en: 'OP-1 asks for uptime monitoring. A target group is the service users reach: without an alarm on unhealthy hosts, 5xx errors or latency, an outage is found by customers instead of the team.',
    ja: 'OP-1 は稼働監視を求めています。ターゲットグループは利用者が実際にアクセスするサービスです。異常なホスト数、5xx エラー、レイテンシーのアラームがなければ、障害に気付くのはチームではなく顧客になります。',
  },
  fix: {
    en: 'Create alarms in the same stack, e.g. `targetGroup.metrics.unhealthyHostCount().createAlarm(this, "Unhealthy", { threshold: 1, evaluationPeriods: 2 })` and `loadBalancer.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT).createAlarm(...)`, with an alarm action (FTG-CW-1); in CloudFormation an AWS::CloudWatch::Alarm with Namespace AWS/ApplicationELB (or AWS/NetworkELB) and Dimensions TargetGroup (GetAtt TargetGroupFullName) and LoadBalancer (GetAtt LoadBalancerFullName).',
    ja: '同じスタックにアラームを作成してください。例: `targetGroup.metrics.unhealthyHostCount().createAlarm(this, "Unhealthy", { threshold: 1, evaluationPeriods: 2 })`、`loadBalancer.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT).createAlarm(...)` に、アラームアクション（FTG-CW-1）を付けます。CloudFormation では Namespace が AWS/ApplicationELB（または AWS/NetworkELB）で、Dimensions に TargetGroup（GetAtt TargetGroupFullName）と LoadBalancer（GetAtt LoadBalancerFullName）を指定した AWS::CloudWatch::Alarm を作成します。',
  },
  details: {
    noAlarm: { en: 'no AWS::CloudWatch::Alarm in this template refers to the target group', ja: 'このテンプレートには、ターゲットグループを参照する AWS::CloudWatch::Alarm がありません' },
    noAlarmListener: {
      en: 'no AWS::CloudWatch::Alarm in this template refers to the target group or its listener',
      ja: 'このテンプレートには、ターゲットグループまたはそのリスナーを参照する AWS::CloudWatch::Alarm がありません',
    },
    noAlarmLoadBalancer: {
      en: 'no AWS::CloudWatch::Alarm in this template refers to the target group, its listener or its load balancer',
      ja: 'このテンプレートには、ターゲットグループ、そのリスナー、そのロードバランサーのいずれかを参照する AWS::CloudWatch::Alarm がありません',
    },
  },
  check(targetGroup) {
    if (targetGroup.type !== 'AWS::ElasticLoadBalancingV2::TargetGroup') return NOT_APPLICABLE;
    const template = targetGroup.template;
    if (template.referrersOf(targetGroup.logicalId, ALARM).length > 0) return COMPLIANT;

    // Listeners that forward to the target group, directly or through a listener rule.
    const listeners = new Set<Resource>(template.referrersOf(targetGroup.logicalId, LISTENER));
    for (const rule of template.referrersOf(targetGroup.logicalId, LISTENER_RULE)) {
      for (const alt of rule.prop('ListenerArn')) {
        const listener = referencedResource(rule, alt, LISTENER);
        if (listener) listeners.add(listener);
      }
    }
    const loadBalancers = new Set<Resource>();
    for (const listener of listeners) {
      if (template.referrersOf(listener.logicalId, ALARM).length > 0) return COMPLIANT;
      for (const alt of listener.prop('LoadBalancerArn')) {
        const lb = referencedResource(listener, alt, LOAD_BALANCER);
        if (lb) loadBalancers.add(lb);
      }
    }
    for (const lb of loadBalancers) {
      if (template.referrersOf(lb.logicalId, ALARM).length > 0) return COMPLIANT;
    }
    return nonCompliant(loadBalancers.size > 0 ? 'noAlarmLoadBalancer' : listeners.size > 0 ? 'noAlarmListener' : 'noAlarm', {});
  },
});
