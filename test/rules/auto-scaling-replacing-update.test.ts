import { App, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ImmutableServerFleet } from '../../lib/constructs/immutable-server-fleet';
import { AutoScalingReplacingUpdate } from '../../packs/rules/autoscaling/AutoScalingReplacingUpdate';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const A = 'AWS::AutoScaling::AutoScalingGroup';

function asg(props: Partial<autoscaling.AutoScalingGroupProps> = {}) {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  const group = new autoscaling.AutoScalingGroup(stack, 'A', {
    vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1' }), ...props,
  });
  return { stack, group };
}
const group = (updatePolicy?: unknown) => cfn({ A: { Type: A, Properties: { MinSize: '1', MaxSize: '2' }, ...(updatePolicy === undefined ? {} : { UpdatePolicy: updatePolicy }) } });

describe('AutoScalingReplacingUpdate (FTG-ASG-1)', () => {
  describe('non-compliance', () => {
    test('L2 group without updatePolicy', () => {
      expect(statusOf(AutoScalingReplacingUpdate, asg().stack, A)).toBe('non-compliant');
    });
    test('L1 group without UpdatePolicy', () => {
      expect(statusOf(AutoScalingReplacingUpdate, group(), A)).toBe('non-compliant');
    });
    test('L1 group with WillReplace false and only a scheduled-action policy', () => {
      expect(statusOf(AutoScalingReplacingUpdate, group({ AutoScalingReplacingUpdate: { WillReplace: false }, AutoScalingScheduledAction: { IgnoreUnmodifiedGroupSizeProperties: true } }), A)).toBe('non-compliant');
    });
    test('escape hatch removing the rolling update of an L2 group', () => {
      const { stack, group: g } = asg({ updatePolicy: autoscaling.UpdatePolicy.rollingUpdate() });
      (g.node.defaultChild as autoscaling.CfnAutoScalingGroup).cfnOptions.updatePolicy = undefined;
      expect(statusOf(AutoScalingReplacingUpdate, stack, A)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 group with a rolling update', () => {
      expect(statusOf(AutoScalingReplacingUpdate, asg({ updatePolicy: autoscaling.UpdatePolicy.rollingUpdate() }).stack, A)).toBe('compliant');
    });
    test('L2 group with a replacing update', () => {
      expect(statusOf(AutoScalingReplacingUpdate, asg({ updatePolicy: autoscaling.UpdatePolicy.replacingUpdate() }).stack, A)).toBe('compliant');
    });
    test('our ImmutableServerFleet construct', () => {
      const stack = new Stack(new App());
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
      new ImmutableServerFleet(stack, 'Fleet', { vpc, machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1' }) });
      expect(statusOf(AutoScalingReplacingUpdate, stack, A)).toBe('compliant');
    });
    test('L1 group with WillReplace "true" as a string', () => {
      expect(statusOf(AutoScalingReplacingUpdate, group({ AutoScalingReplacingUpdate: { WillReplace: 'true' } }), A)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(AutoScalingReplacingUpdate, cfn({ C: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: {} } }), 'AWS::AutoScaling::LaunchConfiguration')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('WillReplace parameter with default true is compliant', () => {
      const t = group({ AutoScalingReplacingUpdate: { WillReplace: { Ref: 'Replace' } } });
      expect(statusOf(AutoScalingReplacingUpdate, { ...t, Parameters: { Replace: { Type: 'String', Default: 'true' } } }, A)).toBe('compliant');
    });
    test('WillReplace parameter with allowed values true and false is non-compliant', () => {
      const t = group({ AutoScalingReplacingUpdate: { WillReplace: { Ref: 'Replace' } } });
      expect(statusOf(AutoScalingReplacingUpdate, { ...t, Parameters: { Replace: { Type: 'String', AllowedValues: ['true', 'false'] } } }, A)).toBe('non-compliant');
    });
    test('WillReplace parameter without default is unverifiable', () => {
      const t = group({ AutoScalingReplacingUpdate: { WillReplace: { Ref: 'Replace' } } });
      expect(statusOf(AutoScalingReplacingUpdate, { ...t, Parameters: { Replace: { Type: 'String' } } }, A)).toBe('unverifiable');
    });
    test('Fn::If with no policy in one branch is non-compliant', () => {
      expect(statusOf(AutoScalingReplacingUpdate, group({ 'Fn::If': ['Prod', { AutoScalingRollingUpdate: {} }, { Ref: 'AWS::NoValue' }] }), A)).toBe('non-compliant');
    });
    test('Fn::If with a rolling update in one branch and a replacing update in the other is compliant', () => {
      expect(statusOf(AutoScalingReplacingUpdate, group({ 'Fn::If': ['Prod', { AutoScalingRollingUpdate: { MaxBatchSize: 1 } }, { AutoScalingReplacingUpdate: { WillReplace: true } }] }), A)).toBe('compliant');
    });
    test('GetAtt for WillReplace is unverifiable', () => {
      const t = group({ AutoScalingReplacingUpdate: { WillReplace: { 'Fn::GetAtt': ['X', 'Replace'] } } });
      expect(statusOf(AutoScalingReplacingUpdate, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, A)).toBe('unverifiable');
    });
  });
});

describe('AutoScalingReplacingUpdate details in Japanese', () => {
  test('no UpdatePolicy, and one without a replacing policy', () => {
    expect(outcomes(AutoScalingReplacingUpdate, group(), { language: 'ja' }).A).toEqual({ status: 'non-compliant', detail: 'UpdatePolicy が未設定です' });
    expect(outcomes(AutoScalingReplacingUpdate, group({ AutoScalingScheduledAction: { IgnoreUnmodifiedGroupSizeProperties: true } }), { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'UpdatePolicy に AutoScalingRollingUpdate も AutoScalingReplacingUpdate.WillReplace: true もありません' });
  });
});
