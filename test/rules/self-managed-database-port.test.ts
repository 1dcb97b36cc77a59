import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { SelfManagedDatabasePort } from '../../packs/rules/ec2/SelfManagedDatabasePort';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const SG = 'AWS::EC2::SecurityGroup';
const ING = 'AWS::EC2::SecurityGroupIngress';

function vpcStack() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  return { stack, vpc };
}
const machine = { instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1' }) };
const tcp = (from: unknown, to: unknown = from) => ({ IpProtocol: 'tcp', FromPort: from, ToPort: to, CidrIp: '10.0.0.0/16' });
/** A group with the given inline rules, attached to an instance. */
const attached = (...ingress: object[]) => ({
  G: { Type: SG, Properties: { GroupDescription: 'g', SecurityGroupIngress: ingress } },
  I: { Type: 'AWS::EC2::Instance', Properties: { SecurityGroupIds: [{ 'Fn::GetAtt': ['G', 'GroupId'] }] } },
});

describe('SelfManagedDatabasePort (FTG-EC2-4)', () => {
  describe('non-compliance', () => {
    test('L2 instance whose group opens PostgreSQL', () => {
      const { stack, vpc } = vpcStack();
      const g = new ec2.SecurityGroup(stack, 'G', { vpc });
      g.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(5432));
      new ec2.Instance(stack, 'I', { vpc, ...machine, securityGroup: g });
      expect(statusOf(SelfManagedDatabasePort, stack, SG)).toBe('non-compliant');
    });
    test('L2 launch template whose group gets MySQL from another group (standalone ingress)', () => {
      const { stack, vpc } = vpcStack();
      const db = new ec2.SecurityGroup(stack, 'Db', { vpc });
      const app = new ec2.SecurityGroup(stack, 'App', { vpc });
      db.connections.allowFrom(app, ec2.Port.tcp(3306));
      new ec2.LaunchTemplate(stack, 'LT', { ...machine, securityGroup: db });
      expect(statusOf(SelfManagedDatabasePort, stack, ING)).toBe('non-compliant');
    });
    test('L1 range 6000-7000 covers Redis, with a detail naming the port and the instance', () => {
      expect(outcomes(SelfManagedDatabasePort, cfn(attached(tcp(6000, 7000)))).G)
        .toEqual({ status: 'non-compliant', detail: expect.stringMatching(/TCP 6379 \(Redis\).*attached to I/) });
    });
    test('L1 launch configuration with MongoDB', () => {
      const t = cfn({ G: { Type: SG, Properties: { SecurityGroupIngress: [tcp(27017)] } }, C: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { SecurityGroups: [{ Ref: 'G' }] } } });
      expect(statusOf(SelfManagedDatabasePort, t, SG)).toBe('non-compliant');
    });
    test('escape hatch that changes an app port to Oracle', () => {
      const { stack, vpc } = vpcStack();
      const g = new ec2.SecurityGroup(stack, 'G', { vpc });
      g.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(8080));
      new ec2.Instance(stack, 'I', { vpc, ...machine, securityGroup: g });
      const c = g.node.defaultChild as ec2.CfnSecurityGroup;
      c.addPropertyOverride('SecurityGroupIngress.0.FromPort', 1521);
      c.addPropertyOverride('SecurityGroupIngress.0.ToPort', 1521);
      expect(statusOf(SelfManagedDatabasePort, stack, SG)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 instance whose group opens only HTTPS', () => {
      const { stack, vpc } = vpcStack();
      const g = new ec2.SecurityGroup(stack, 'G', { vpc });
      g.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(443));
      new ec2.Instance(stack, 'I', { vpc, ...machine, securityGroup: g });
      expect(statusOf(SelfManagedDatabasePort, stack, SG)).toBe('compliant');
    });
    test('all traffic from a peer group is not a database port', () => {
      expect(statusOf(SelfManagedDatabasePort, cfn(attached({ IpProtocol: '-1', SourceSecurityGroupId: 'sg-1' })), SG)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L2 RDS database group opening its port to the app (not attached to an instance)', () => {
      const { stack, vpc } = vpcStack();
      const app = new ec2.SecurityGroup(stack, 'App', { vpc });
      const db = new rds.DatabaseInstance(stack, 'Db', { vpc, engine: rds.DatabaseInstanceEngine.POSTGRES });
      db.connections.allowDefaultPortFrom(app);
      const s = { ...statuses(SelfManagedDatabasePort, stack, SG), ...statuses(SelfManagedDatabasePort, stack, ING) };
      expect(Object.keys(s).length).toBeGreaterThanOrEqual(2);
      expect(new Set(Object.values(s))).toEqual(new Set(['not-applicable']));
    });
    test('other resource types', () => {
      expect(statusOf(SelfManagedDatabasePort, cfn({ I: { Type: 'AWS::EC2::Instance', Properties: {} } }), 'AWS::EC2::Instance')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('port parameter with a database default is non-compliant', () => {
      const t = cfn(attached(tcp({ Ref: 'P' })), { Parameters: { P: { Type: 'Number', Default: 5432 } } });
      expect(statusOf(SelfManagedDatabasePort, t, SG)).toBe('non-compliant');
    });
    test('port parameter with an application default is compliant', () => {
      const t = cfn(attached(tcp({ Ref: 'P' })), { Parameters: { P: { Type: 'Number', Default: 8080 } } });
      expect(statusOf(SelfManagedDatabasePort, t, SG)).toBe('compliant');
    });
    test('port parameter whose allowed values include 3306 is non-compliant', () => {
      const t = cfn(attached(tcp({ Ref: 'P' })), { Parameters: { P: { Type: 'Number', AllowedValues: [8080, 3306] } } });
      expect(statusOf(SelfManagedDatabasePort, t, SG)).toBe('non-compliant');
    });
    test('port parameter without default is unverifiable', () => {
      const t = cfn(attached(tcp({ Ref: 'P' })), { Parameters: { P: { Type: 'Number' } } });
      expect(statusOf(SelfManagedDatabasePort, t, SG)).toBe('unverifiable');
    });
    test('Fn::If with a database port in one branch is non-compliant', () => {
      expect(statusOf(SelfManagedDatabasePort, cfn(attached(tcp({ 'Fn::If': ['Db', 5432, 443] }))), SG)).toBe('non-compliant');
    });
    test('Fn::If with application ports in both branches is compliant', () => {
      expect(statusOf(SelfManagedDatabasePort, cfn(attached(tcp({ 'Fn::If': ['Tls', 8443, 443] }))), SG)).toBe('compliant');
    });
    test('GetAtt for the port is unverifiable', () => {
      const t = cfn({ ...attached(tcp({ 'Fn::GetAtt': ['X', 'Port'] })), X: { Type: 'Custom::X' } });
      expect(statusOf(SelfManagedDatabasePort, t, SG)).toBe('unverifiable');
    });
    test('standalone ingress opening 5432 on a group outside the template is unverifiable', () => {
      const t = cfn({ R: { Type: ING, Properties: { GroupId: 'sg-0123', ...tcp(5432) } } });
      expect(statusOf(SelfManagedDatabasePort, t, ING)).toBe('unverifiable');
    });
    test('standalone ingress opening 443 on a group outside the template is compliant', () => {
      const t = cfn({ R: { Type: ING, Properties: { GroupId: { 'Fn::ImportValue': 'Sg' }, ...tcp(443) } } });
      expect(statusOf(SelfManagedDatabasePort, t, ING)).toBe('compliant');
    });
  });
});
