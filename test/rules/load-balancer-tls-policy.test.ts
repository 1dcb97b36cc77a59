import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { LoadBalancerTlsPolicy } from '../../packs/rules/elbv2/LoadBalancerTlsPolicy';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const L = 'AWS::ElasticLoadBalancingV2::Listener';
const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';
const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/abc';

function httpsListener(sslPolicy?: elbv2.SslPolicy) {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], publicSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  const listener = alb.addListener('Https', { port: 443, sslPolicy, certificates: [elbv2.ListenerCertificate.fromArn(CERT)], defaultAction: elbv2.ListenerAction.fixedResponse(200) });
  return { stack, listener };
}
const listener = (props: object) => cfn({ L: { Type: L, Properties: { LoadBalancerArn: 'arn:lb', Port: 443, Protocol: 'HTTPS', DefaultActions: [], ...props } } });
const classic = (policies: object[], listenerProps: object = {}) => cfn({
  C: { Type: CLB, Properties: { Policies: policies, Listeners: [{ Protocol: 'HTTPS', LoadBalancerPort: '443', InstancePort: '80', SSLCertificateId: CERT, ...listenerProps }] } },
});
const negotiation = (name: string, attributes: object[]) => ({ PolicyName: name, PolicyType: 'SSLNegotiationPolicyType', Attributes: attributes });

describe('LoadBalancerTlsPolicy (FTG-ELB-2)', () => {
  describe('non-compliance', () => {
    test('L2 HTTPS listener without sslPolicy (default ELBSecurityPolicy-2016-08)', () => {
      const { stack } = httpsListener();
      expect(statusOf(LoadBalancerTlsPolicy, stack, L)).toBe('non-compliant');
      const o = Object.values(outcomes(LoadBalancerTlsPolicy, stack)).find((x) => x.status !== 'not-applicable');
      expect(o).toEqual({ status: 'non-compliant', detail: expect.stringContaining('ELBSecurityPolicy-2016-08') });
    });
    test('L1 HTTPS and TLS listeners without SslPolicy stay flagged (peers: Checkov CKV_AWS_103, Guard Rules Registry ELB TLS checks)', () => {
      for (const Protocol of ['HTTPS', 'https', 'TLS']) {
        const t = cfn({ L: { Type: L, Properties: { LoadBalancerArn: 'arn:lb', Port: 443, Protocol, Certificates: [{ CertificateArn: CERT }], DefaultActions: [] } } });
        expect(outcomes(LoadBalancerTlsPolicy, t).L).toEqual({ status: 'non-compliant', detail: expect.stringContaining('SslPolicy is not set') });
      }
    });
    test('SslPolicy that is AWS::NoValue in one Fn::If branch, or empty, stays flagged', () => {
      expect(statusOf(LoadBalancerTlsPolicy, listener({ SslPolicy: { 'Fn::If': ['Modern', 'ELBSecurityPolicy-TLS13-1-2-2021-06', { Ref: 'AWS::NoValue' }] } }), L)).toBe('non-compliant');
      expect(statusOf(LoadBalancerTlsPolicy, listener({ SslPolicy: '' }), L)).toBe('non-compliant');
    });
    test('a protocol that is HTTPS in one Fn::If branch needs a policy', () => {
      expect(statusOf(LoadBalancerTlsPolicy, listener({ Protocol: { 'Fn::If': ['Tls', 'HTTPS', 'HTTP'] } }), L)).toBe('non-compliant');
    });
    test('L2 HTTPS listener with the TLS 1.1 policy', () => {
      expect(statusOf(LoadBalancerTlsPolicy, httpsListener(elbv2.SslPolicy.TLS11).stack, L)).toBe('non-compliant');
    });
    test('L1 TLS listener with ELBSecurityPolicy-TLS13-1-0-2021-06', () => {
      expect(statusOf(LoadBalancerTlsPolicy, listener({ Protocol: 'TLS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-0-2021-06' }), L)).toBe('non-compliant');
    });
    test('L1 classic HTTPS listener without a negotiation policy', () => {
      expect(statusOf(LoadBalancerTlsPolicy, classic([]), CLB)).toBe('non-compliant');
    });
    test('L1 classic listener with a custom policy enabling TLS 1.0', () => {
      const t = classic([negotiation('Custom', [{ Name: 'Protocol-TLSv1', Value: 'true' }, { Name: 'Protocol-TLSv1.2', Value: 'true' }])], { PolicyNames: ['Custom'] });
      expect(statusOf(LoadBalancerTlsPolicy, t, CLB)).toBe('non-compliant');
    });
    test('escape hatch setting an old policy', () => {
      const { stack, listener: l } = httpsListener(elbv2.SslPolicy.RECOMMENDED_TLS);
      (l.node.defaultChild as elbv2.CfnListener).addPropertyOverride('SslPolicy', 'ELBSecurityPolicy-2016-08');
      expect(statusOf(LoadBalancerTlsPolicy, stack, L)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 HTTPS listener with RECOMMENDED_TLS, TLS12 and FIPS policies', () => {
      for (const p of [elbv2.SslPolicy.RECOMMENDED_TLS, elbv2.SslPolicy.TLS12, elbv2.SslPolicy.FORWARD_SECRECY_TLS12, elbv2.SslPolicy.FIPS_TLS13_12]) {
        expect(statusOf(LoadBalancerTlsPolicy, listener({ SslPolicy: p }), L)).toBe('compliant');
      }
      expect(statusOf(LoadBalancerTlsPolicy, httpsListener(elbv2.SslPolicy.TLS13_13).stack, L)).toBe('compliant');
    });
    test('L1 classic listener with a TLS 1.2 reference policy (by PolicyNames and by LoadBalancerPorts)', () => {
      const ref = [{ Name: 'Reference-Security-Policy', Value: 'ELBSecurityPolicy-TLS-1-2-2017-01' }];
      expect(statusOf(LoadBalancerTlsPolicy, classic([negotiation('Tls12', ref)], { PolicyNames: ['Tls12'] }), CLB)).toBe('compliant');
      expect(statusOf(LoadBalancerTlsPolicy, classic([{ ...negotiation('Tls12', ref), LoadBalancerPorts: ['443'] }]), CLB)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('HTTP and TCP listeners', () => {
      expect(statusOf(LoadBalancerTlsPolicy, listener({ Protocol: 'HTTP' }), L)).toBe('not-applicable');
      expect(statusOf(LoadBalancerTlsPolicy, listener({ Protocol: 'TCP' }), L)).toBe('not-applicable');
    });
    test('classic load balancer with only HTTP listeners', () => {
      expect(statusOf(LoadBalancerTlsPolicy, cfn({ C: { Type: CLB, Properties: { Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: '80', InstancePort: '80' }] } } }), CLB)).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('policy parameter with a TLS 1.2 default is compliant', () => {
      expect(statusOf(LoadBalancerTlsPolicy, { ...listener({ SslPolicy: { Ref: 'P' } }), Parameters: { P: { Type: 'String', Default: 'ELBSecurityPolicy-TLS13-1-2-2021-06' } } }, L)).toBe('compliant');
    });
    test('policy parameter whose allowed values include the 2016 policy is non-compliant', () => {
      expect(statusOf(LoadBalancerTlsPolicy, { ...listener({ SslPolicy: { Ref: 'P' } }), Parameters: { P: { Type: 'String', AllowedValues: ['ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-2016-08'] } } }, L)).toBe('non-compliant');
    });
    test('policy parameter without default is unverifiable', () => {
      expect(statusOf(LoadBalancerTlsPolicy, { ...listener({ SslPolicy: { Ref: 'P' } }), Parameters: { P: { Type: 'String' } } }, L)).toBe('unverifiable');
    });
    test('protocol parameter without default is unverifiable', () => {
      expect(statusOf(LoadBalancerTlsPolicy, { ...listener({ Protocol: { Ref: 'P' } }), Parameters: { P: { Type: 'String' } } }, L)).toBe('unverifiable');
    });
    test('Fn::If with an old policy in one branch is non-compliant', () => {
      expect(statusOf(LoadBalancerTlsPolicy, listener({ SslPolicy: { 'Fn::If': ['Legacy', 'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-TLS-1-2-2017-01'] } }), L)).toBe('non-compliant');
    });
    test('Fn::If with TLS 1.2 policies in both branches is compliant', () => {
      expect(statusOf(LoadBalancerTlsPolicy, listener({ SslPolicy: { 'Fn::If': ['Fips', 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04', 'ELBSecurityPolicy-TLS13-1-2-2021-06'] } }), L)).toBe('compliant');
    });
    test('GetAtt for the policy is unverifiable', () => {
      const t = listener({ SslPolicy: { 'Fn::GetAtt': ['X', 'Policy'] } });
      expect(statusOf(LoadBalancerTlsPolicy, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, L)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(LoadBalancerTlsPolicy, listener({}), { language: 'ja' }).L)
        .toEqual({ status: 'non-compliant', detail: 'SslPolicy が未設定です。デフォルトの ELBSecurityPolicy-2016-08 は TLS 1.0 と 1.1 を許可します' });
      const old = listener({ SslPolicy: 'ELBSecurityPolicy-2016-08' });
      expect(outcomes(LoadBalancerTlsPolicy, old).L).toEqual({ status: 'non-compliant', detail: 'SslPolicy is ELBSecurityPolicy-2016-08, which allows protocols older than TLS 1.2' });
      expect(outcomes(LoadBalancerTlsPolicy, old, { language: 'ja' }).L)
        .toEqual({ status: 'non-compliant', detail: 'SslPolicy が ELBSecurityPolicy-2016-08 で、TLS 1.2 より古いプロトコルを許可します' });
      expect(outcomes(LoadBalancerTlsPolicy, classic([]), { language: 'ja' }).C).toEqual({
        status: 'non-compliant',
        detail: 'Listeners[0] に SSLNegotiationPolicyType のポリシーがありません。デフォルトの ELBSecurityPolicy-2016-08 は TLS 1.0 と 1.1 を許可します',
      });
      const tls1 = classic([negotiation('p', [{ Name: 'Protocol-TLSv1', Value: 'true' }])], { PolicyNames: ['p'] });
      expect(outcomes(LoadBalancerTlsPolicy, tls1).C).toEqual({ status: 'non-compliant', detail: 'Listeners[0] policy p enables Protocol-TLSv1' });
      expect(outcomes(LoadBalancerTlsPolicy, tls1, { language: 'ja' }).C).toEqual({ status: 'non-compliant', detail: 'Listeners[0] のポリシー p で Protocol-TLSv1 が有効です' });
      const ref = classic([negotiation('p', [{ Name: 'Reference-Security-Policy', Value: 'ELBSecurityPolicy-2016-08' }])], { PolicyNames: ['p'] });
      expect(outcomes(LoadBalancerTlsPolicy, ref).C)
        .toEqual({ status: 'non-compliant', detail: 'Listeners[0] policy p Reference-Security-Policy is ELBSecurityPolicy-2016-08, which allows protocols older than TLS 1.2' });
      expect(outcomes(LoadBalancerTlsPolicy, ref, { language: 'ja' }).C)
        .toEqual({ status: 'non-compliant', detail: 'Listeners[0] のポリシー p の Reference-Security-Policy が ELBSecurityPolicy-2016-08 で、TLS 1.2 より古いプロトコルを許可します' });
      expect(outcomes(LoadBalancerTlsPolicy, classic([negotiation('p', [])], { PolicyNames: ['p'] }), { language: 'ja' }).C).toEqual({
        status: 'unverifiable',
        detail: 'Listeners[0] のポリシー p は Reference-Security-Policy を指定しておらず、Protocol-TLSv1.2 も有効にしていません',
      });
      const unnamed = { ...classic([{ PolicyName: { Ref: 'N' }, PolicyType: 'SSLNegotiationPolicyType' }]), Parameters: { N: { Type: 'String' } } };
      expect(outcomes(LoadBalancerTlsPolicy, unnamed).C).toEqual({ status: 'unverifiable', detail: 'Policies: a policy name or type is only known at deployment' });
      expect(outcomes(LoadBalancerTlsPolicy, unnamed, { language: 'ja' }).C).toEqual({ status: 'unverifiable', detail: 'Policies: ポリシーの名前または種類がデプロイ時にしか決まりません' });
    });
  });
});
