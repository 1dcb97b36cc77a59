import { App, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AutoScalingMultiAz } from '../../packs/rules/autoscaling/AutoScalingMultiAz';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const A = 'AWS::AutoScaling::AutoScalingGroup';

function asg(subnetIds: string[], azs: string[]) {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: azs, privateSubnetIds: subnetIds });
  const group = new autoscaling.AutoScalingGroup(stack, 'A', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1' }) });
  return { stack, group };
}
const group = (props: object) => ({ Type: A, Properties: { MinSize: '2', MaxSize: '4', ...props } });
const subnet = (az: unknown) => ({ Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-0a1b2c3d', CidrBlock: '10.0.0.0/24', AvailabilityZone: az } });
const azOf = (i: number) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] });

describe('AutoScalingMultiAz (FTG-ASG-2)', () => {
  describe('non-compliance', () => {
    test('L2 group in a VPC with a single subnet', () => {
      expect(statusOf(AutoScalingMultiAz, asg(['subnet-0a1b2c3d'], ['us-east-1a']).stack, A)).toBe('non-compliant');
    });
    test('L1 group with one Availability Zone', () => {
      expect(statusOf(AutoScalingMultiAz, cfn({ A: group({ AvailabilityZones: ['ap-northeast-1a'] }) }), A)).toBe('non-compliant');
    });
    test('L1 group with two subnets of the template in the same Availability Zone', () => {
      const t = cfn({ S1: subnet(azOf(0)), S2: subnet(azOf(0)), A: group({ VPCZoneIdentifier: [{ Ref: 'S1' }, { Ref: 'S2' }] }) });
      expect(outcomes(AutoScalingMultiAz, t).A).toEqual({ status: 'non-compliant', detail: expect.stringContaining('2 subnets in only 1 Availability Zone') });
    });
    test('L1 group with the same subnet twice', () => {
      expect(statusOf(AutoScalingMultiAz, cfn({ A: group({ VPCZoneIdentifier: ['subnet-0a1b2c3d', 'subnet-0a1b2c3d'] }) }), A)).toBe('non-compliant');
    });
    test('escape hatch narrowing an L2 group to one subnet', () => {
      const { stack, group: g } = asg(['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], ['us-east-1a', 'us-east-1b']);
      (g.node.defaultChild as autoscaling.CfnAutoScalingGroup).addPropertyOverride('VPCZoneIdentifier', ['subnet-0a1b2c3d']);
      expect(statusOf(AutoScalingMultiAz, stack, A)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 group in a VPC with two subnets', () => {
      expect(statusOf(AutoScalingMultiAz, asg(['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], ['us-east-1a', 'us-east-1b']).stack, A)).toBe('compliant');
    });
    test('L1 group with two subnets of the template in different zones', () => {
      const t = cfn({ S1: subnet(azOf(0)), S2: subnet(azOf(1)), A: group({ VPCZoneIdentifier: [{ Ref: 'S1' }, { Ref: 'S2' }] }) });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('compliant');
    });
    test('L1 group with AvailabilityZones from Fn::GetAZs', () => {
      expect(statusOf(AutoScalingMultiAz, cfn({ A: group({ AvailabilityZones: { 'Fn::GetAZs': '' } }) }), A)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(AutoScalingMultiAz, cfn({ S: subnet('a') }), 'AWS::EC2::Subnet')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('List<Subnet::Id> parameter with a default of two subnets is compliant', () => {
      const t = cfn({ A: group({ VPCZoneIdentifier: { Ref: 'Subnets' } }) }, { Parameters: { Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-0a1b2c3d,subnet-1a2b3c4d' } } });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('compliant');
    });
    test('parameter whose allowed values include a single subnet is non-compliant', () => {
      const t = cfn({ A: group({ VPCZoneIdentifier: { Ref: 'Subnets' } }) }, { Parameters: { Subnets: { Type: 'CommaDelimitedList', AllowedValues: ['subnet-0a1b2c3d,subnet-1a2b3c4d', 'subnet-0a1b2c3d'] } } });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('non-compliant');
    });
    test('List<Subnet::Id> parameter without default is unverifiable', () => {
      const t = cfn({ A: group({ VPCZoneIdentifier: { Ref: 'Subnets' } }) }, { Parameters: { Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } } });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('unverifiable');
    });
    test('two single-subnet parameters without default count as two subnets', () => {
      const t = cfn({ A: group({ VPCZoneIdentifier: [{ Ref: 'A1' }, { Ref: 'B1' }] }) }, { Parameters: { A1: { Type: 'AWS::EC2::Subnet::Id' }, B1: { Type: 'AWS::EC2::Subnet::Id' } } });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('compliant');
    });
    test('Fn::If with a single subnet in one branch is non-compliant', () => {
      const t = cfn({ A: group({ VPCZoneIdentifier: { 'Fn::If': ['Prod', ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], ['subnet-0a1b2c3d']] } }) });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('non-compliant');
    });
    test('Fn::If with two subnets in both branches is compliant', () => {
      const t = cfn({ A: group({ VPCZoneIdentifier: { 'Fn::If': ['Prod', ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], ['subnet-2a2b3c4d', 'subnet-3a2b3c4d']] } }) });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('compliant');
    });
    test('an element that is AWS::NoValue in a branch does not count', () => {
      const t = cfn({ A: group({ VPCZoneIdentifier: ['subnet-0a1b2c3d', { 'Fn::If': ['Prod', 'subnet-1a2b3c4d', { Ref: 'AWS::NoValue' }] }] }) });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('non-compliant');
    });
    test('GetAtt for the whole subnet list is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, A: group({ VPCZoneIdentifier: { 'Fn::GetAtt': ['X', 'Subnets'] } }) });
      expect(statusOf(AutoScalingMultiAz, t, A)).toBe('unverifiable');
    });
  });
});

describe('AutoScalingMultiAz details in Japanese', () => {
  test('two subnets in one zone, one zone, and no placement at all', () => {
    const t = cfn({ S1: subnet(azOf(0)), S2: subnet(azOf(0)), A: group({ VPCZoneIdentifier: [{ Ref: 'S1' }, { Ref: 'S2' }] }) });
    expect(outcomes(AutoScalingMultiAz, t).A).toEqual({ status: 'non-compliant', detail: 'VPCZoneIdentifier lists 2 subnets in only 1 Availability Zone' });
    expect(outcomes(AutoScalingMultiAz, t, { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'VPCZoneIdentifier の 2 個のサブネットが 1 つのアベイラビリティーゾーンにしかありません' });
    expect(outcomes(AutoScalingMultiAz, cfn({ A: group({ AvailabilityZones: ['ap-northeast-1a'] }) }), { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'AvailabilityZones のアベイラビリティーゾーンが 1 個しかありません' });
    expect(outcomes(AutoScalingMultiAz, cfn({ A: group({}) }), { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'VPCZoneIdentifier も AvailabilityZones も未設定です' });
  });
  test('a subnet list from a parameter default names the parameter in Japanese', () => {
    const t = cfn({ A: group({ VPCZoneIdentifier: { Ref: 'P' } }) }, { Parameters: { P: { Type: 'CommaDelimitedList', Default: 'subnet-1' } } });
    expect(outcomes(AutoScalingMultiAz, t, { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'VPCZoneIdentifier のサブネットが 1 個しかありません（パラメータ "P" の既定値 "subnet-1"）' });
  });
});
