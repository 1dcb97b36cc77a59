import { App, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { LoadBalancedServiceMonitored } from '../../packs/rules/cloudwatch/LoadBalancedServiceMonitored';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const base = {
  LB: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: ['subnet-1', 'subnet-2'] } },
  L: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'LB' }, Port: 443, Protocol: 'HTTPS', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] } },
  TG: { Type: TG, Properties: { Port: 80, Protocol: 'HTTP', VpcId: 'vpc-1' } },
  Rule: { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { Ref: 'L' }, Priority: 1, Conditions: [], Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TG' } }] } },
};
const alarmOn = (dimensions: unknown[]) => ({
  A: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count', Dimensions: dimensions, Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: ['arn:aws:sns:ap-northeast-1:123456789012:t'] } },
});

function l2(alarm?: (tg: elbv2.ApplicationTargetGroup, lb: elbv2.ApplicationLoadBalancer, stack: Stack) => void): Stack {
  const stack = new Stack(new App());
  const vpc = new ec2.Vpc(stack, 'V', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }] });
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'LB', { vpc, internetFacing: true });
  const tg = lb.addListener('L', { port: 80 }).addTargets('T', { port: 80 });
  alarm?.(tg, lb, stack);
  return stack;
}

describe('LoadBalancedServiceMonitored (FTG-CW-2)', () => {
  describe('non-compliance', () => {
    test('L2 load balancer with a target group and no alarm', () => {
      const o = Object.values(outcomes(LoadBalancedServiceMonitored, l2())).find((x) => x.status !== 'not-applicable')!;
      expect(o.status).toBe('non-compliant');
      expect(o.status === 'non-compliant' && o.detail).toContain('load balancer');
    });
    test('L1 target group reached through a listener rule, with an alarm on another load balancer', () => {
      const t = cfn({ ...base, ...alarmOn([{ Name: 'LoadBalancer', Value: { 'Fn::GetAtt': ['Other', 'LoadBalancerFullName'] } }]), Other: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' } });
      expect(statusOf(LoadBalancedServiceMonitored, t, TG)).toBe('non-compliant');
    });
    test('escape hatch moves the only alarm to another load balancer', () => {
      const stack = l2((_tg, lb, s) => {
        const a = lb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT).createAlarm(s, 'A', { threshold: 1, evaluationPeriods: 1 });
        (a.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('Dimensions', [{ Name: 'LoadBalancer', Value: 'app/other/123' }]);
      });
      expect(statusOf(LoadBalancedServiceMonitored, stack, TG)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 alarm on the unhealthy host count of the target group', () => {
      const stack = l2((tg, _lb, s) => { tg.metrics.unhealthyHostCount().createAlarm(s, 'A', { threshold: 1, evaluationPeriods: 2 }); });
      expect(statusOf(LoadBalancedServiceMonitored, stack, TG)).toBe('compliant');
    });
    test('L2 alarm on the load balancer 5xx count', () => {
      const stack = l2((_tg, lb, s) => { lb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT).createAlarm(s, 'A', { threshold: 1, evaluationPeriods: 1 }); });
      expect(statusOf(LoadBalancedServiceMonitored, stack, TG)).toBe('compliant');
    });
    test('L1 alarm on the load balancer of the listener rule that forwards to the target group', () => {
      const t = cfn({ ...base, ...alarmOn([{ Name: 'LoadBalancer', Value: { 'Fn::GetAtt': ['LB', 'LoadBalancerFullName'] } }]) });
      expect(statusOf(LoadBalancedServiceMonitored, t, TG)).toBe('compliant');
    });
    test('L1 alarm with a metric math expression on the target group', () => {
      const t = cfn({
        ...base,
        A: { Type: 'AWS::CloudWatch::Alarm', Properties: { EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', Metrics: [
          { Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'UnHealthyHostCount', Dimensions: [{ Name: 'TargetGroup', Value: { 'Fn::GetAtt': ['TG', 'TargetGroupFullName'] } }] }, Period: 60, Stat: 'Maximum' } },
        ] } },
      });
      expect(statusOf(LoadBalancedServiceMonitored, t, TG)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('the load balancer and listener themselves', () => {
      const t = cfn({ ...base });
      expect(statusOf(LoadBalancedServiceMonitored, t, 'AWS::ElasticLoadBalancingV2::LoadBalancer')).toBe('not-applicable');
      expect(statusOf(LoadBalancedServiceMonitored, t, 'AWS::ElasticLoadBalancingV2::Listener')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('a listener rule whose ListenerArn is Fn::If between two listeners finds alarms on either load balancer', () => {
      const t = cfn({
        ...base,
        L2: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'LB2' }, Port: 443 } },
        LB2: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' },
        Rule: { ...base.Rule, Properties: { ...base.Rule.Properties, ListenerArn: { 'Fn::If': ['C', { Ref: 'L' }, { Ref: 'L2' }] } } },
        ...alarmOn([{ Name: 'LoadBalancer', Value: { 'Fn::GetAtt': ['LB2', 'LoadBalancerFullName'] } }]),
      });
      expect(statusOf(LoadBalancedServiceMonitored, t, TG)).toBe('compliant');
    });
    test('a listener imported by parameter (Ref to a parameter) cannot lead to a load balancer: non-compliant without alarms', () => {
      const t = cfn({ TG: base.TG, Rule: { ...base.Rule, Properties: { ...base.Rule.Properties, ListenerArn: { Ref: 'ListenerArn' } } } }, { Parameters: { ListenerArn: { Type: 'String' } } });
      expect(statusOf(LoadBalancedServiceMonitored, t, TG)).toBe('non-compliant');
    });
    test('a target group with no listener and an alarm on it by Sub is compliant', () => {
      const t = cfn({ TG: base.TG, ...alarmOn([{ Name: 'TargetGroup', Value: { 'Fn::Sub': '${TG.TargetGroupFullName}' } }]) });
      expect(statusOf(LoadBalancedServiceMonitored, t, TG)).toBe('compliant');
    });
  });
});

describe('LoadBalancedServiceMonitored details in Japanese', () => {
  test('a target group with a listener and a load balancer but no alarm', () => {
    expect(outcomes(LoadBalancedServiceMonitored, cfn(base)).TG)
      .toEqual({ status: 'non-compliant', detail: 'no AWS::CloudWatch::Alarm in this template refers to the target group, its listener or its load balancer' });
    expect(outcomes(LoadBalancedServiceMonitored, cfn(base), { language: 'ja' }).TG)
      .toEqual({ status: 'non-compliant', detail: 'このテンプレートには、ターゲットグループ、そのリスナー、そのロードバランサーのいずれかを参照する AWS::CloudWatch::Alarm がありません' });
    expect(outcomes(LoadBalancedServiceMonitored, cfn({ TG: base.TG }), { language: 'ja' }).TG)
      .toEqual({ status: 'non-compliant', detail: 'このテンプレートには、ターゲットグループを参照する AWS::CloudWatch::Alarm がありません' });
  });
});
