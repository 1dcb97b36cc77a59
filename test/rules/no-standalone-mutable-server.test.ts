import { App, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ImmutableServerFleet } from '../../lib/constructs/immutable-server-fleet';
import { NoStandaloneMutableServer } from '../../packs/rules/ec2/NoStandaloneMutableServer';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const I = 'AWS::EC2::Instance';

function vpcStack() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  return { stack, vpc };
}
const machine = { instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1' }) };

describe('NoStandaloneMutableServer (FTG-EC2-3)', () => {
  describe('non-compliance', () => {
    test('L2 ec2.Instance, even with IMDSv2 and a role', () => {
      const { stack, vpc } = vpcStack();
      new ec2.Instance(stack, 'I', { vpc, ...machine, requireImdsv2: true, ssmSessionPermissions: true });
      expect(statusOf(NoStandaloneMutableServer, stack, I)).toBe('non-compliant');
    });
    test('L1 instance, with a detail naming it', () => {
      expect(outcomes(NoStandaloneMutableServer, cfn({ Web: { Type: I, Properties: { ImageId: 'ami-1' } } })).Web)
        .toEqual({ status: 'non-compliant', detail: expect.stringContaining('Web is a standalone AWS::EC2::Instance') });
    });
  });

  describe('compliance', () => {
    test('an L2 Auto Scaling group and our ImmutableServerFleet have no standalone instance', () => {
      const { stack, vpc } = vpcStack();
      new autoscaling.AutoScalingGroup(stack, 'A', { vpc, ...machine, updatePolicy: autoscaling.UpdatePolicy.rollingUpdate() });
      new ImmutableServerFleet(stack, 'Fleet', { vpc, machineImage: machine.machineImage });
      expect(statuses(NoStandaloneMutableServer, stack, I)).toEqual({});
      expect(new Set(Object.values(statuses(NoStandaloneMutableServer, stack)))).toEqual(new Set(['not-applicable']));
    });
  });

  describe('not applicable', () => {
    test('launch templates and Auto Scaling groups', () => {
      const t = cfn({ T: { Type: 'AWS::EC2::LaunchTemplate', Properties: {} }, A: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: {} } });
      expect(statuses(NoStandaloneMutableServer, t)).toEqual({ T: 'not-applicable', A: 'not-applicable' });
    });
  });

  describe('values unknown at synth time', () => {
    test('an instance whose properties are parameters, Fn::If and GetAtt is still a standalone server', () => {
      const t = cfn({
        X: { Type: 'Custom::X' },
        I: { Type: I, Properties: { ImageId: { Ref: 'Ami' }, InstanceType: { 'Fn::If': ['Big', 'm5.large', 't3.micro'] }, SubnetId: { 'Fn::GetAtt': ['X', 'Subnet'] } } },
      }, { Parameters: { Ami: { Type: 'AWS::EC2::Image::Id' } } });
      expect(statusOf(NoStandaloneMutableServer, t, I)).toBe('non-compliant');
    });
  });
});
