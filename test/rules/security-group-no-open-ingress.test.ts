import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SecurityGroupNoOpenIngress } from '../../packs/rules/ec2/SecurityGroupNoOpenIngress';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const SG = 'AWS::EC2::SecurityGroup';
const ING = 'AWS::EC2::SecurityGroupIngress';

function vpcStack() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  return { stack, vpc };
}
const sg = (...ingress: object[]) => cfn({ G: { Type: SG, Properties: { GroupDescription: 'g', SecurityGroupIngress: ingress } } });
const rule = (props: object) => ({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0', ...props });

describe('SecurityGroupNoOpenIngress (FTG-EC2-1)', () => {
  describe('non-compliance', () => {
    test('L2 group with SSH open to the IPv4 internet', () => {
      const { stack, vpc } = vpcStack();
      new ec2.SecurityGroup(stack, 'G', { vpc }).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
      expect(statusOf(SecurityGroupNoOpenIngress, stack, SG)).toBe('non-compliant');
    });
    test('L2 group with all traffic open to ::/0', () => {
      const { stack, vpc } = vpcStack();
      new ec2.SecurityGroup(stack, 'G', { vpc }).addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.allTraffic());
      expect(statusOf(SecurityGroupNoOpenIngress, stack, SG)).toBe('non-compliant');
    });
    test('L1 rule with a port range 80-443 is wider than the allowed ports', () => {
      expect(statusOf(SecurityGroupNoOpenIngress, sg(rule({ FromPort: 80, ToPort: 443 })), SG)).toBe('non-compliant');
    });
    test('TCP without ports from anywhere is read as every port', () => {
      expect(statusOf(SecurityGroupNoOpenIngress, sg({ IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' }), SG)).toBe('non-compliant');
    });
    test('UDP 443 from anywhere is non-compliant', () => {
      expect(statusOf(SecurityGroupNoOpenIngress, sg(rule({ IpProtocol: 'udp', FromPort: 443, ToPort: 443 })), SG)).toBe('non-compliant');
    });
    test('IpProtocol -1 from 0.0.0.0/0, with a detail naming the rule', () => {
      const o = outcomes(SecurityGroupNoOpenIngress, sg(rule({ FromPort: 443, ToPort: 443 }), { IpProtocol: '-1', CidrIp: '0.0.0.0/0' }));
      expect(o.G).toEqual({ status: 'non-compliant', detail: expect.stringContaining('SecurityGroupIngress[1] allows all protocols') });
    });
    test('standalone AWS::EC2::SecurityGroupIngress with RDP from anywhere', () => {
      const t = cfn({ I: { Type: ING, Properties: { GroupId: 'sg-1', IpProtocol: '6', FromPort: 3389, ToPort: 3389, CidrIp: '0.0.0.0/0' } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, ING)).toBe('non-compliant');
    });
    test('escape hatch that opens an allowed rule to SSH', () => {
      const { stack, vpc } = vpcStack();
      const g = new ec2.SecurityGroup(stack, 'G', { vpc });
      g.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
      (g.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress.0.FromPort', 22);
      expect(statusOf(SecurityGroupNoOpenIngress, stack, SG)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 group with HTTPS and HTTP from anywhere', () => {
      const { stack, vpc } = vpcStack();
      const g = new ec2.SecurityGroup(stack, 'G', { vpc });
      g.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
      g.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(80));
      expect(statusOf(SecurityGroupNoOpenIngress, stack, SG)).toBe('compliant');
    });
    test('L2 group with SSH from a restricted range, a prefix list and another group', () => {
      const { stack, vpc } = vpcStack();
      const g = new ec2.SecurityGroup(stack, 'G', { vpc });
      const other = new ec2.SecurityGroup(stack, 'O', { vpc });
      g.addIngressRule(ec2.Peer.ipv4('203.0.113.0/24'), ec2.Port.tcp(22));
      g.addIngressRule(ec2.Peer.prefixList('pl-123'), ec2.Port.tcp(5432));
      g.connections.allowFrom(other, ec2.Port.tcp(8080));
      const all = { ...statuses(SecurityGroupNoOpenIngress, stack, SG), ...statuses(SecurityGroupNoOpenIngress, stack, ING) };
      expect(Object.keys(all).length).toBeGreaterThanOrEqual(3);
      expect(new Set(Object.values(all))).toEqual(new Set(['compliant']));
    });
    test('L1 group without ingress rules', () => {
      expect(statusOf(SecurityGroupNoOpenIngress, cfn({ G: { Type: SG, Properties: { GroupDescription: 'g' } } }), SG)).toBe('compliant');
    });
    test('IpProtocol 6 (TCP) on 443 from ::/0', () => {
      expect(statusOf(SecurityGroupNoOpenIngress, sg({ IpProtocol: '6', FromPort: '443', ToPort: '443', CidrIpv6: '::/0' }), SG)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(SecurityGroupNoOpenIngress, cfn({ E: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { CidrIp: '0.0.0.0/0', IpProtocol: '-1' } } }), 'AWS::EC2::SecurityGroupEgress')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('CidrIp parameter with a default of 0.0.0.0/0 is non-compliant', () => {
      const t = cfn({ G: { Type: SG, Properties: { SecurityGroupIngress: [rule({ CidrIp: { Ref: 'Cidr' } })] } } }, { Parameters: { Cidr: { Type: 'String', Default: '0.0.0.0/0' } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('non-compliant');
    });
    test('CidrIp parameter with a restricted default is compliant', () => {
      const t = cfn({ G: { Type: SG, Properties: { SecurityGroupIngress: [rule({ CidrIp: { Ref: 'Cidr' } })] } } }, { Parameters: { Cidr: { Type: 'String', Default: '10.0.0.0/8' } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('compliant');
    });
    test('CidrIp parameter whose allowed values include 0.0.0.0/0 is non-compliant', () => {
      const t = cfn({ G: { Type: SG, Properties: { SecurityGroupIngress: [rule({ CidrIp: { Ref: 'Cidr' } })] } } }, { Parameters: { Cidr: { Type: 'String', AllowedValues: ['10.0.0.0/8', '0.0.0.0/0'] } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('non-compliant');
    });
    test('CidrIp parameter without default is unverifiable for SSH', () => {
      const t = cfn({ G: { Type: SG, Properties: { SecurityGroupIngress: [rule({ CidrIp: { Ref: 'Cidr' } })] } } }, { Parameters: { Cidr: { Type: 'String' } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('unverifiable');
    });
    test('CidrIp parameter without default is compliant for HTTPS', () => {
      const t = cfn({ G: { Type: SG, Properties: { SecurityGroupIngress: [rule({ CidrIp: { Ref: 'Cidr' }, FromPort: 443, ToPort: 443 })] } } }, { Parameters: { Cidr: { Type: 'String' } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('compliant');
    });
    test('port parameter without default on an open rule is unverifiable', () => {
      const t = cfn({ G: { Type: SG, Properties: { SecurityGroupIngress: [rule({ FromPort: { Ref: 'P' }, ToPort: { Ref: 'P' } })] } } }, { Parameters: { P: { Type: 'Number' } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('unverifiable');
    });
    test('Fn::If with an open SSH rule in one branch is non-compliant', () => {
      const t = sg({ 'Fn::If': ['Dev', rule({}), { Ref: 'AWS::NoValue' }] });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('non-compliant');
    });
    test('Fn::If with HTTPS in both branches is compliant', () => {
      const t = sg(rule({ FromPort: 443, ToPort: 443, CidrIp: { 'Fn::If': ['Dev', '0.0.0.0/0', '10.0.0.0/8'] } }));
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('compliant');
    });
    test('Fn::If on the same condition for source and port: internet on 443, VPN range on 22, is compliant', () => {
      const t = sg(rule({ CidrIp: { 'Fn::If': ['Public', '0.0.0.0/0', '10.8.0.0/16'] }, FromPort: { 'Fn::If': ['Public', 443, 22] }, ToPort: { 'Fn::If': ['Public', 443, 22] } }));
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('compliant');
    });
    test('GetAtt of a VPC CIDR block is compliant (never the whole internet)', () => {
      const t = cfn({ V: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } }, G: { Type: SG, Properties: { SecurityGroupIngress: [rule({ CidrIp: { 'Fn::GetAtt': ['V', 'CidrBlock'] } })] } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('compliant');
    });
    test('GetAtt of a custom resource is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::Cidr' }, G: { Type: SG, Properties: { SecurityGroupIngress: [rule({ CidrIp: { 'Fn::GetAtt': ['X', 'Cidr'] } })] } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('unverifiable');
    });
    test('the whole ingress list from an import is unverifiable', () => {
      const t = cfn({ G: { Type: SG, Properties: { SecurityGroupIngress: { 'Fn::ImportValue': 'Rules' } } } });
      expect(statusOf(SecurityGroupNoOpenIngress, t, SG)).toBe('unverifiable');
    });
  });
});
