import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elb from 'aws-cdk-lib/aws-elasticloadbalancing';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { LoadBalancerListenerTls } from '../../packs/rules/elbv2/LoadBalancerListenerTls';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const L = 'AWS::ElasticLoadBalancingV2::Listener';
const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';
const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/abc';

function albStack() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], publicSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  return { stack, vpc, alb };
}
const listener = (props: object, lbType?: string) => cfn({
  LB: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: lbType ? { Type: lbType } : {} },
  L: { Type: L, Properties: { LoadBalancerArn: { Ref: 'LB' }, Port: 443, DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }], ...props } },
});
const redirect = { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } };

describe('LoadBalancerListenerTls (FTG-ELB-1)', () => {
  describe('non-compliance', () => {
    test('L2 HTTP listener that forwards', () => {
      const { stack, alb } = albStack();
      alb.addListener('Http', { port: 80, open: false, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
      expect(statusOf(LoadBalancerListenerTls, stack, L)).toBe('non-compliant');
    });
    test('L1 NLB TCP listener', () => {
      expect(outcomes(LoadBalancerListenerTls, listener({ Protocol: 'TCP' }, 'network')).L).toEqual({ status: 'non-compliant', detail: 'Protocol is TCP' });
    });
    test('L1 HTTP listener that redirects by default but has a rule forwarding plain HTTP', () => {
      const t = listener({ Protocol: 'HTTP', Port: 80, DefaultActions: [redirect] });
      (t.Resources as any).R = { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { Ref: 'L' }, Priority: 1, Conditions: [], Actions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }] } };
      expect(outcomes(LoadBalancerListenerTls, t).L).toEqual({ status: 'non-compliant', detail: expect.stringContaining('listener rule R') });
    });
    test('L1 HTTP listener redirecting to HTTP', () => {
      expect(statusOf(LoadBalancerListenerTls, listener({ Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTP', Port: '8080' } }] }), L)).toBe('non-compliant');
    });
    test('L2 classic load balancer with an HTTP listener', () => {
      const stack = new Stack(new App());
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a'], publicSubnetIds: ['subnet-0a1b2c3d'] });
      const lb = new elb.LoadBalancer(stack, 'Clb', { vpc, internetFacing: true });
      lb.addListener({ externalPort: 443, externalProtocol: elb.LoadBalancingProtocol.HTTPS, internalPort: 80, sslCertificateArn: CERT });
      lb.addListener({ externalPort: 80 });
      expect(statusOf(LoadBalancerListenerTls, stack, CLB)).toBe('non-compliant');
    });
    test('escape hatch turning an HTTPS listener into HTTP', () => {
      const { stack, alb } = albStack();
      const l = alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn(CERT)], defaultAction: elbv2.ListenerAction.fixedResponse(200) });
      (l.node.defaultChild as elbv2.CfnListener).addPropertyOverride('Protocol', 'HTTP');
      expect(statusOf(LoadBalancerListenerTls, stack, L)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 HTTPS listener and the HTTP-to-HTTPS redirect', () => {
      const { stack, alb } = albStack();
      alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn(CERT)], defaultAction: elbv2.ListenerAction.fixedResponse(200) });
      alb.addRedirect();
      const s = statuses(LoadBalancerListenerTls, stack, L);
      expect(Object.keys(s)).toHaveLength(2);
      expect(new Set(Object.values(s))).toEqual(new Set(['compliant']));
    });
    test('L1 NLB TLS listener', () => {
      expect(statusOf(LoadBalancerListenerTls, listener({ Protocol: 'TLS', Certificates: [{ CertificateArn: CERT }] }, 'network'), L)).toBe('compliant');
    });
    test('L1 classic load balancer with HTTPS and SSL listeners (lower case)', () => {
      const t = cfn({ C: { Type: CLB, Properties: { Listeners: [{ Protocol: 'https', LoadBalancerPort: '443', InstancePort: '80' }, { Protocol: 'SSL', LoadBalancerPort: '8443', InstancePort: '8080' }] } } });
      expect(statusOf(LoadBalancerListenerTls, t, CLB)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('Gateway Load Balancer listener without protocol', () => {
      expect(statusOf(LoadBalancerListenerTls, listener({}, 'gateway'), L)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(LoadBalancerListenerTls, listener({ Protocol: 'HTTPS' }), 'AWS::ElasticLoadBalancingV2::LoadBalancer')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('protocol parameter with default HTTPS is compliant', () => {
      expect(statusOf(LoadBalancerListenerTls, { ...listener({ Protocol: { Ref: 'P' } }), Parameters: { P: { Type: 'String', Default: 'HTTPS' } } }, L)).toBe('compliant');
    });
    test('protocol parameter whose allowed values include HTTP (forwarding) is non-compliant', () => {
      expect(statusOf(LoadBalancerListenerTls, { ...listener({ Protocol: { Ref: 'P' } }), Parameters: { P: { Type: 'String', AllowedValues: ['HTTPS', 'HTTP'] } } }, L)).toBe('non-compliant');
    });
    test('protocol parameter without default is unverifiable', () => {
      expect(statusOf(LoadBalancerListenerTls, { ...listener({ Protocol: { Ref: 'P' } }), Parameters: { P: { Type: 'String' } } }, L)).toBe('unverifiable');
    });
    test('Fn::If with HTTP in one branch is non-compliant', () => {
      expect(statusOf(LoadBalancerListenerTls, listener({ Protocol: { 'Fn::If': ['Tls', 'HTTPS', 'HTTP'] } }), L)).toBe('non-compliant');
    });
    test('Fn::If with HTTPS and an HTTP redirect in both branches is compliant', () => {
      expect(statusOf(LoadBalancerListenerTls, listener({ Protocol: { 'Fn::If': ['Tls', 'HTTPS', 'HTTPS'] } }), L)).toBe('compliant');
      expect(statusOf(LoadBalancerListenerTls, listener({ Protocol: 'HTTP', DefaultActions: [{ 'Fn::If': ['A', redirect, { ...redirect, RedirectConfig: { ...redirect.RedirectConfig, Port: '8443' } }] }] }), L)).toBe('compliant');
    });
    test('GetAtt for the redirect protocol is unverifiable', () => {
      const t = listener({ Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: { 'Fn::GetAtt': ['X', 'P'] } } }] });
      expect(statusOf(LoadBalancerListenerTls, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, L)).toBe('unverifiable');
    });
    test('listener without protocol on a load balancer outside the template is unverifiable', () => {
      expect(statusOf(LoadBalancerListenerTls, cfn({ L: { Type: L, Properties: { LoadBalancerArn: 'arn:aws:elasticloadbalancing:lb', DefaultActions: [] } } }), L)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const tcp = cfn({ LB: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' } }, L: { Type: L, Properties: { LoadBalancerArn: { Ref: 'LB' }, Protocol: { Ref: 'P' } } } },
        { Parameters: { P: { Type: 'String', Default: 'TCP' } } });
      expect(outcomes(LoadBalancerListenerTls, tcp).L).toEqual({ status: 'non-compliant', detail: 'Protocol is TCP (parameter "P" default "TCP")' });
      expect(outcomes(LoadBalancerListenerTls, tcp, { language: 'ja' }).L).toEqual({ status: 'non-compliant', detail: 'Protocol が TCP（パラメータ "P" の既定値 "TCP"） です' });
      const http = listener({ Protocol: 'HTTP' });
      expect(outcomes(LoadBalancerListenerTls, http).L).toEqual({ status: 'non-compliant', detail: 'DefaultActions[0] is a "forward" action served over plain HTTP' });
      expect(outcomes(LoadBalancerListenerTls, http, { language: 'ja' }).L).toEqual({ status: 'non-compliant', detail: 'DefaultActions[0] は平文の HTTP で提供される "forward" アクションです' });
      const rule = cfn({ ...listener({ Protocol: 'HTTP', DefaultActions: [redirect] }).Resources,
        R: { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { Ref: 'L' }, Priority: 1, Conditions: [], Actions: [redirect, { Type: 'redirect', RedirectConfig: { Protocol: 'HTTP' } }] } } });
      expect(outcomes(LoadBalancerListenerTls, rule).L).toEqual({ status: 'non-compliant', detail: 'listener rule R Actions[1].RedirectConfig.Protocol is "HTTP"' });
      expect(outcomes(LoadBalancerListenerTls, rule, { language: 'ja' }).L).toEqual({ status: 'non-compliant', detail: 'リスナールール R の Actions[1].RedirectConfig.Protocol が "HTTP" です' });
      expect(outcomes(LoadBalancerListenerTls, cfn({ L: { Type: L, Properties: { LoadBalancerArn: 'arn:lb', Protocol: 'HTTP' } } }), { language: 'ja' }).L)
        .toEqual({ status: 'non-compliant', detail: 'DefaultActions のない HTTP リスナーです' });
      expect(outcomes(LoadBalancerListenerTls, cfn({ L: { Type: L, Properties: {} } }), { language: 'ja' }).L).toEqual({ status: 'unverifiable', detail: 'LoadBalancerArn が未設定です' });
      expect(outcomes(LoadBalancerListenerTls, listener({}), { language: 'ja' }).L).toEqual({ status: 'non-compliant', detail: 'Protocol が未設定です' });
      expect(outcomes(LoadBalancerListenerTls, cfn({ C: { Type: CLB, Properties: {} } }), { language: 'ja' }).C).toEqual({ status: 'non-compliant', detail: 'Listeners が未設定です' });
    });
  });
});
