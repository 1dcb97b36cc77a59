import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { LoadBalancerWafProtected } from '../../packs/rules/elbv2/LoadBalancerWafProtected';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

function albStack(internetFacing: boolean) {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], publicSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], privateSubnetIds: ['subnet-2a2b3c4d', 'subnet-3a2b3c4d'] });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing });
  return { stack, alb };
}
const webAcl = (stack: Stack) => new wafv2.CfnWebACL(stack, 'Acl', {
  scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
});
const lb = (props: object, associated = false) => cfn({
  LB: { Type: LB, Properties: props },
  ...(associated ? { W: { Type: 'AWS::WAFv2::WebACLAssociation', Properties: { ResourceArn: { Ref: 'LB' }, WebACLArn: 'arn:acl' } } } : {}),
});

describe('LoadBalancerWafProtected (FTG-ELB-5)', () => {
  describe('non-compliance', () => {
    test('L2 internet-facing ALB without a web ACL', () => {
      expect(statusOf(LoadBalancerWafProtected, albStack(true).stack, LB)).toBe('non-compliant');
    });
    test('L1 load balancer without Scheme and Type (internet-facing application)', () => {
      expect(outcomes(LoadBalancerWafProtected, lb({})).LB).toEqual({ status: 'non-compliant', detail: expect.stringContaining('WebACLAssociation') });
    });
    test('a web ACL associated with another load balancer does not count', () => {
      const t = lb({ Scheme: 'internet-facing' });
      (t.Resources as any).Other = { Type: LB, Properties: { Scheme: 'internal' } };
      (t.Resources as any).W = { Type: 'AWS::WAFv2::WebACLAssociation', Properties: { ResourceArn: { Ref: 'Other' }, WebACLArn: 'arn:acl' } };
      expect(outcomes(LoadBalancerWafProtected, t).LB.status).toBe('non-compliant');
    });
    test('escape hatch making an internal ALB internet-facing', () => {
      const { stack, alb } = albStack(false);
      (alb.node.defaultChild as elbv2.CfnLoadBalancer).addPropertyOverride('Scheme', 'internet-facing');
      expect(statusOf(LoadBalancerWafProtected, stack, LB)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 internet-facing ALB with a WAFv2 association', () => {
      const { stack, alb } = albStack(true);
      new wafv2.CfnWebACLAssociation(stack, 'Waf', { resourceArn: alb.loadBalancerArn, webAclArn: webAcl(stack).attrArn });
      expect(statusOf(LoadBalancerWafProtected, stack, LB)).toBe('compliant');
    });
    test('L1 load balancer with an association', () => {
      expect(statusOf(LoadBalancerWafProtected, lb({ Scheme: 'internet-facing', Type: 'application' }, true), LB)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L2 internal ALB', () => {
      expect(statusOf(LoadBalancerWafProtected, albStack(false).stack, LB)).toBe('not-applicable');
    });
    test('L1 network load balancer', () => {
      expect(statusOf(LoadBalancerWafProtected, lb({ Type: 'network', Scheme: 'internet-facing' }), LB)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(LoadBalancerWafProtected, lb({}, true), 'AWS::WAFv2::WebACLAssociation')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('Scheme parameter with default internal is not applicable', () => {
      expect(statusOf(LoadBalancerWafProtected, { ...lb({ Scheme: { Ref: 'S' } }), Parameters: { S: { Type: 'String', Default: 'internal' } } }, LB)).toBe('not-applicable');
    });
    test('Scheme parameter whose allowed values include internet-facing is non-compliant without WAF', () => {
      expect(statusOf(LoadBalancerWafProtected, { ...lb({ Scheme: { Ref: 'S' } }), Parameters: { S: { Type: 'String', AllowedValues: ['internal', 'internet-facing'] } } }, LB)).toBe('non-compliant');
    });
    test('Scheme parameter without default is unverifiable', () => {
      expect(statusOf(LoadBalancerWafProtected, { ...lb({ Scheme: { Ref: 'S' } }), Parameters: { S: { Type: 'String' } } }, LB)).toBe('unverifiable');
    });
    test('Fn::If with internet-facing in one branch is non-compliant without WAF', () => {
      expect(statusOf(LoadBalancerWafProtected, lb({ Scheme: { 'Fn::If': ['Public', 'internet-facing', 'internal'] } }), LB)).toBe('non-compliant');
    });
    test('Fn::If with internet-facing in both branches and an association is compliant', () => {
      expect(statusOf(LoadBalancerWafProtected, lb({ Scheme: { 'Fn::If': ['Public', 'internet-facing', 'internet-facing'] } }, true), LB)).toBe('compliant');
    });
    test('GetAtt for the Scheme is unverifiable', () => {
      const t = lb({ Scheme: { 'Fn::GetAtt': ['X', 'Scheme'] } });
      expect(statusOf(LoadBalancerWafProtected, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, LB)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(LoadBalancerWafProtected, lb({})).LB)
        .toEqual({ status: 'non-compliant', detail: 'no AWS::WAFv2::WebACLAssociation in the template has this load balancer as ResourceArn' });
      expect(outcomes(LoadBalancerWafProtected, lb({}), { language: 'ja' }).LB)
        .toEqual({ status: 'non-compliant', detail: 'このロードバランサーを ResourceArn とする AWS::WAFv2::WebACLAssociation がテンプレートにありません' });
      const scheme = cfn({ ...lb({ Scheme: { 'Fn::GetAtt': ['X', 'Scheme'] } }).Resources, X: { Type: 'Custom::X' } });
      expect(outcomes(LoadBalancerWafProtected, scheme).LB).toEqual({ status: 'unverifiable', detail: 'Scheme is {Fn::GetAtt X}, which cannot be verified before deployment' });
      expect(outcomes(LoadBalancerWafProtected, scheme, { language: 'ja' }).LB).toEqual({ status: 'unverifiable', detail: 'Scheme が {Fn::GetAtt X} で、デプロイ前には検証できません' });
    });
  });
});
