import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LoadBalancerAccessLogs } from '../../packs/rules/elbv2/LoadBalancerAccessLogs';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';

function albStack() {
  const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'us-east-1' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], publicSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  return { stack, alb };
}
const lb = (attributes: unknown, type?: string) => cfn({ LB: { Type: LB, Properties: { ...(type ? { Type: type } : {}), LoadBalancerAttributes: attributes } } });
const logs = (value: unknown) => [{ Key: 'deletion_protection.enabled', Value: 'true' }, { Key: 'access_logs.s3.enabled', Value: value }, { Key: 'access_logs.s3.bucket', Value: 'logs' }];

describe('LoadBalancerAccessLogs (FTG-ELB-3)', () => {
  describe('non-compliance', () => {
    test('L2 application load balancer without logAccessLogs', () => {
      expect(statusOf(LoadBalancerAccessLogs, albStack().stack, LB)).toBe('non-compliant');
    });
    test('L1 network load balancer with access logs disabled', () => {
      expect(statusOf(LoadBalancerAccessLogs, lb(logs('false'), 'network'), LB)).toBe('non-compliant');
    });
    test('L1 classic load balancer without AccessLoggingPolicy', () => {
      expect(outcomes(LoadBalancerAccessLogs, cfn({ C: { Type: CLB, Properties: { Listeners: [] } } })).C).toEqual({ status: 'non-compliant', detail: 'AccessLoggingPolicy.Enabled is not set' });
    });
    test('escape hatch turning the logs off', () => {
      const { stack, alb } = albStack();
      alb.logAccessLogs(new s3.Bucket(stack, 'Logs'));
      alb.setAttribute('access_logs.s3.enabled', 'false');
      expect(statusOf(LoadBalancerAccessLogs, stack, LB)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 application load balancer with logAccessLogs', () => {
      const { stack, alb } = albStack();
      alb.logAccessLogs(new s3.Bucket(stack, 'Logs'));
      expect(statusOf(LoadBalancerAccessLogs, stack, LB)).toBe('compliant');
    });
    test('L1 classic load balancer with AccessLoggingPolicy enabled', () => {
      expect(statusOf(LoadBalancerAccessLogs, cfn({ C: { Type: CLB, Properties: { AccessLoggingPolicy: { Enabled: true, S3BucketName: 'logs' } } } }), CLB)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('Gateway Load Balancer', () => {
      expect(statusOf(LoadBalancerAccessLogs, lb([], 'gateway'), LB)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(LoadBalancerAccessLogs, cfn({ L: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: {} } }), 'AWS::ElasticLoadBalancingV2::Listener')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with default true is compliant', () => {
      expect(statusOf(LoadBalancerAccessLogs, { ...lb(logs({ Ref: 'P' })), Parameters: { P: { Type: 'String', Default: 'true' } } }, LB)).toBe('compliant');
    });
    test('parameter with allowed values true and false is non-compliant', () => {
      expect(statusOf(LoadBalancerAccessLogs, { ...lb(logs({ Ref: 'P' })), Parameters: { P: { Type: 'String', AllowedValues: ['true', 'false'] } } }, LB)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(LoadBalancerAccessLogs, { ...lb(logs({ Ref: 'P' })), Parameters: { P: { Type: 'String' } } }, LB)).toBe('unverifiable');
    });
    test('Fn::If with logs off in one branch is non-compliant', () => {
      expect(statusOf(LoadBalancerAccessLogs, lb(logs({ 'Fn::If': ['Prod', 'true', 'false'] })), LB)).toBe('non-compliant');
    });
    test('Fn::If around the whole attribute list with logs on in both branches is compliant', () => {
      expect(statusOf(LoadBalancerAccessLogs, lb({ 'Fn::If': ['Prod', logs('true'), logs(true)] }), LB)).toBe('compliant');
    });
    test('GetAtt for the value is unverifiable', () => {
      const t = lb(logs({ 'Fn::GetAtt': ['X', 'On'] }));
      expect(statusOf(LoadBalancerAccessLogs, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, LB)).toBe('unverifiable');
    });
    test('Type parameter without default is unverifiable', () => {
      const t = cfn({ LB: { Type: LB, Properties: { Type: { Ref: 'T' } } } }, { Parameters: { T: { Type: 'String' } } });
      expect(statusOf(LoadBalancerAccessLogs, t, LB)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const none = cfn({ LB: { Type: LB, Properties: {} } });
      expect(outcomes(LoadBalancerAccessLogs, none).LB).toEqual({ status: 'non-compliant', detail: 'LoadBalancerAttributes has no access_logs.s3.enabled = true' });
      expect(outcomes(LoadBalancerAccessLogs, none, { language: 'ja' }).LB).toEqual({ status: 'non-compliant', detail: 'LoadBalancerAttributes に access_logs.s3.enabled = true がありません' });
      expect(outcomes(LoadBalancerAccessLogs, lb([], 3 as unknown as string), { language: 'ja' }).LB).toEqual({ status: 'unverifiable', detail: 'Type が 3 です' });
    });
  });
});
