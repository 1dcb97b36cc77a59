import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { LoadBalancerDropInvalidHeaders } from '../../packs/rules/elbv2/LoadBalancerDropInvalidHeaders';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const KEY = 'routing.http.drop_invalid_header_fields.enabled';

function vpcStack() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], publicSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], privateSubnetIds: ['subnet-2a2b3c4d', 'subnet-3a2b3c4d'] });
  return { stack, vpc };
}
const lb = (value: unknown, props: object = {}) => cfn({ LB: { Type: LB, Properties: { LoadBalancerAttributes: [{ Key: KEY, Value: value }], ...props } } });

describe('LoadBalancerDropInvalidHeaders (FTG-ELB-4)', () => {
  describe('non-compliance', () => {
    test('L2 application load balancer without dropInvalidHeaderFields', () => {
      const { stack, vpc } = vpcStack();
      new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
      expect(statusOf(LoadBalancerDropInvalidHeaders, stack, LB)).toBe('non-compliant');
    });
    test('L1 load balancer without Type (application) and no attributes', () => {
      expect(outcomes(LoadBalancerDropInvalidHeaders, cfn({ LB: { Type: LB, Properties: {} } })).LB).toEqual({ status: 'non-compliant', detail: expect.stringContaining(KEY) });
    });
    test('L1 load balancer with the attribute false', () => {
      expect(statusOf(LoadBalancerDropInvalidHeaders, lb('false'), LB)).toBe('non-compliant');
    });
    test('escape hatch turning the attribute off', () => {
      const { stack, vpc } = vpcStack();
      new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, dropInvalidHeaderFields: true }).setAttribute(KEY, 'false');
      expect(statusOf(LoadBalancerDropInvalidHeaders, stack, LB)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 application load balancer with dropInvalidHeaderFields', () => {
      const { stack, vpc } = vpcStack();
      new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, dropInvalidHeaderFields: true });
      expect(statusOf(LoadBalancerDropInvalidHeaders, stack, LB)).toBe('compliant');
    });
    test('L1 application load balancer with the attribute true', () => {
      expect(statusOf(LoadBalancerDropInvalidHeaders, lb(true, { Type: 'application' }), LB)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L2 network load balancer', () => {
      const { stack, vpc } = vpcStack();
      new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc });
      expect(statusOf(LoadBalancerDropInvalidHeaders, stack, LB)).toBe('not-applicable');
    });
    test('L1 gateway load balancer and other types', () => {
      expect(statusOf(LoadBalancerDropInvalidHeaders, lb('false', { Type: 'gateway' }), LB)).toBe('not-applicable');
      expect(statusOf(LoadBalancerDropInvalidHeaders, cfn({ C: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: {} } }), 'AWS::ElasticLoadBalancing::LoadBalancer')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with default true is compliant', () => {
      expect(statusOf(LoadBalancerDropInvalidHeaders, { ...lb({ Ref: 'P' }), Parameters: { P: { Type: 'String', Default: 'true' } } }, LB)).toBe('compliant');
    });
    test('parameter with allowed values true and false is non-compliant', () => {
      expect(statusOf(LoadBalancerDropInvalidHeaders, { ...lb({ Ref: 'P' }), Parameters: { P: { Type: 'String', AllowedValues: ['true', 'false'] } } }, LB)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(LoadBalancerDropInvalidHeaders, { ...lb({ Ref: 'P' }), Parameters: { P: { Type: 'String' } } }, LB)).toBe('unverifiable');
    });
    test('Fn::If on Type: the application branch without the attribute is non-compliant', () => {
      expect(statusOf(LoadBalancerDropInvalidHeaders, cfn({ LB: { Type: LB, Properties: { Type: { 'Fn::If': ['Alb', 'application', 'network'] } } } }), LB)).toBe('non-compliant');
    });
    test('Fn::If with true in both branches is compliant', () => {
      expect(statusOf(LoadBalancerDropInvalidHeaders, lb({ 'Fn::If': ['A', 'true', true] }), LB)).toBe('compliant');
    });
    test('GetAtt for the value is unverifiable', () => {
      const t = lb({ 'Fn::GetAtt': ['X', 'On'] });
      expect(statusOf(LoadBalancerDropInvalidHeaders, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, LB)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const none = cfn({ LB: { Type: LB, Properties: {} } });
      expect(outcomes(LoadBalancerDropInvalidHeaders, none).LB).toEqual({ status: 'non-compliant', detail: `LoadBalancerAttributes has no ${KEY} = true` });
      expect(outcomes(LoadBalancerDropInvalidHeaders, none, { language: 'ja' }).LB).toEqual({ status: 'non-compliant', detail: `LoadBalancerAttributes に ${KEY} = true がありません` });
    });
  });
});
