import { App, Duration, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AutoScalingMaxInstanceLifetime } from '../../packs/rules/autoscaling/AutoScalingMaxInstanceLifetime';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const A = 'AWS::AutoScaling::AutoScalingGroup';

function asg(props: Partial<autoscaling.AutoScalingGroupProps> = {}) {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  const group = new autoscaling.AutoScalingGroup(stack, 'A', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1' }), ...props });
  return { stack, group };
}
const group = (lifetime?: unknown) => cfn({ A: { Type: A, Properties: { MinSize: '1', MaxSize: '2', ...(lifetime === undefined ? {} : { MaxInstanceLifetime: lifetime }) } } });

describe('AutoScalingMaxInstanceLifetime (FTG-ASG-3)', () => {
  describe('non-compliance', () => {
    test('L2 group without maxInstanceLifetime', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, asg().stack, A)).toBe('non-compliant');
    });
    test('L2 group with a lifetime of 180 days', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, asg({ maxInstanceLifetime: Duration.days(180) }).stack, A)).toBe('non-compliant');
    });
    test('L1 group with MaxInstanceLifetime 0 (cleared)', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, group(0), A)).toBe('non-compliant');
    });
    test('escape hatch raising the lifetime above 90 days', () => {
      const { stack, group: g } = asg({ maxInstanceLifetime: Duration.days(30) });
      (g.node.defaultChild as autoscaling.CfnAutoScalingGroup).addPropertyOverride('MaxInstanceLifetime', 7776001);
      expect(statusOf(AutoScalingMaxInstanceLifetime, stack, A)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 group with a lifetime of 30 days', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, asg({ maxInstanceLifetime: Duration.days(30) }).stack, A)).toBe('compliant');
    });
    test('L1 group with exactly 90 days, written as a string', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, group('7776000'), A)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, cfn({ I: { Type: 'AWS::EC2::Instance', Properties: {} } }), 'AWS::EC2::Instance')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a default of 7 days is compliant', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, { ...group({ Ref: 'L' }), Parameters: { L: { Type: 'Number', Default: 604800 } } }, A)).toBe('compliant');
    });
    test('parameter whose allowed values include a year is non-compliant', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, { ...group({ Ref: 'L' }), Parameters: { L: { Type: 'Number', AllowedValues: [604800, 31536000] } } }, A)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, { ...group({ Ref: 'L' }), Parameters: { L: { Type: 'Number' } } }, A)).toBe('unverifiable');
    });
    test('Fn::If with no lifetime in one branch is non-compliant', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, group({ 'Fn::If': ['Prod', 604800, { Ref: 'AWS::NoValue' }] }), A)).toBe('non-compliant');
    });
    test('Fn::If with short lifetimes in both branches is compliant', () => {
      expect(statusOf(AutoScalingMaxInstanceLifetime, group({ 'Fn::If': ['Prod', 604800, 2592000] }), A)).toBe('compliant');
    });
    test('GetAtt for the lifetime is unverifiable', () => {
      const t = group({ 'Fn::GetAtt': ['X', 'Seconds'] });
      expect(statusOf(AutoScalingMaxInstanceLifetime, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, A)).toBe('unverifiable');
    });
  });
});

describe('AutoScalingMaxInstanceLifetime details in Japanese', () => {
  test('no lifetime, and a lifetime only known at deployment', () => {
    expect(outcomes(AutoScalingMaxInstanceLifetime, group(), { language: 'ja' }).A).toEqual({ status: 'non-compliant', detail: 'MaxInstanceLifetime が 未設定 です' });
    const ja = outcomes(AutoScalingMaxInstanceLifetime, group({ 'Fn::GetAtt': ['X', 'Y'] }), { language: 'ja' }).A;
    expect(ja.status === 'unverifiable' && ja.detail).toContain('デプロイ前には検証できません');
  });
});
