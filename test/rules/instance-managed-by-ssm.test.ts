import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { InstanceManagedBySsm } from '../../packs/rules/ec2/InstanceManagedBySsm';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const I = 'AWS::EC2::Instance';
const LT = 'AWS::EC2::LaunchTemplate';
const LC = 'AWS::AutoScaling::LaunchConfiguration';

function vpcStack() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] });
  return { stack, vpc };
}
const machine = { instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1' }) };
const ssmRole = (stack: Stack) => new iam.Role(stack, 'R', {
  assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
});
const SSM_ARN = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';
/** An instance with a profile whose role has the given managed policies. */
const withRole = (arns: unknown, extra: Record<string, any> = {}) => cfn({
  R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: arns } },
  P: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'R' }] } },
  I: { Type: I, Properties: { IamInstanceProfile: { Ref: 'P' } } },
}, extra);

describe('InstanceManagedBySsm (FTG-EC2-5)', () => {
  describe('non-compliance', () => {
    test('L2 instance with the default role (no SSM policy)', () => {
      const { stack, vpc } = vpcStack();
      new ec2.Instance(stack, 'I', { vpc, ...machine });
      expect(statusOf(InstanceManagedBySsm, stack, I)).toBe('non-compliant');
    });
    test('L2 launch template without a role', () => {
      const stack = new Stack(new App());
      new ec2.LaunchTemplate(stack, 'LT', { ...machine });
      expect(statusOf(InstanceManagedBySsm, stack, LT)).toBe('non-compliant');
    });
    test('L1 instance without a profile and without a launch template', () => {
      expect(outcomes(InstanceManagedBySsm, cfn({ I: { Type: I, Properties: { ImageId: 'ami-1' } } })).I)
        .toEqual({ status: 'non-compliant', detail: expect.stringContaining('IamInstanceProfile is not set') });
    });
    test('L1 role with other policies only (including a customer managed policy of the template)', () => {
      const t = withRole(['arn:aws:iam::aws:policy/ReadOnlyAccess', { Ref: 'M' }]);
      (t.Resources as any).M = { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: {} } };
      expect(statusOf(InstanceManagedBySsm, t, I)).toBe('non-compliant');
    });
    test('L1 launch configuration whose profile (by ARN) has a role without the policy', () => {
      const t = cfn({
        R: { Type: 'AWS::IAM::Role', Properties: {} },
        P: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'R' }] } },
        C: { Type: LC, Properties: { IamInstanceProfile: { 'Fn::GetAtt': ['P', 'Arn'] } } },
      });
      expect(statusOf(InstanceManagedBySsm, t, LC)).toBe('non-compliant');
    });
    test('escape hatch removing the profile of an L2 instance', () => {
      const { stack, vpc } = vpcStack();
      const i = new ec2.Instance(stack, 'I', { vpc, ...machine, role: ssmRole(stack) });
      (i.node.defaultChild as ec2.CfnInstance).addPropertyDeletionOverride('IamInstanceProfile');
      expect(statusOf(InstanceManagedBySsm, stack, I)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 instance with a role that has AmazonSSMManagedInstanceCore (Fn::Join ARN)', () => {
      const { stack, vpc } = vpcStack();
      new ec2.Instance(stack, 'I', { vpc, ...machine, role: ssmRole(stack) });
      expect(statusOf(InstanceManagedBySsm, stack, I)).toBe('compliant');
    });
    test('L2 instance with ssmSessionPermissions', () => {
      const { stack, vpc } = vpcStack();
      new ec2.Instance(stack, 'I', { vpc, ...machine, ssmSessionPermissions: true });
      expect(statusOf(InstanceManagedBySsm, stack, I)).toBe('compliant');
    });
    test('L2 launch template with the role (profile by GetAtt Arn)', () => {
      const stack = new Stack(new App());
      new ec2.LaunchTemplate(stack, 'LT', { ...machine, role: ssmRole(stack) });
      expect(statusOf(InstanceManagedBySsm, stack, LT)).toBe('compliant');
    });
    test('L1 literal ARN, and an Fn::Sub ARN', () => {
      expect(statusOf(InstanceManagedBySsm, withRole([SSM_ARN]), I)).toBe('compliant');
      expect(statusOf(InstanceManagedBySsm, withRole([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore' }]), I)).toBe('compliant');
    });
    test('L1 role with the deprecated AmazonEC2RoleforSSM (service-role path) counts as SSM-managed', () => {
      expect(statusOf(InstanceManagedBySsm, withRole(['arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM']), I)).toBe('compliant');
      expect(statusOf(InstanceManagedBySsm, withRole([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2RoleforSSM' }]), I)).toBe('compliant');
      // A customer policy that only borrows the name is not the AWS managed one.
      expect(statusOf(InstanceManagedBySsm, withRole(['arn:aws:iam::111122223333:policy/AmazonEC2RoleforSSM']), I)).toBe('non-compliant');
    });
    test('L1 instance without its own profile uses the launch template\'s, found by literal names', () => {
      const t = cfn({
        R: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'web', ManagedPolicyArns: [SSM_ARN] } },
        P: { Type: 'AWS::IAM::InstanceProfile', Properties: { InstanceProfileName: 'web-profile', Roles: ['web'] } },
        T: { Type: LT, Properties: { LaunchTemplateName: 'web', LaunchTemplateData: { IamInstanceProfile: { Name: 'web-profile' } } } },
        I: { Type: I, Properties: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '1' } } },
      });
      expect(statusOf(InstanceManagedBySsm, t, I)).toBe('compliant');
      expect(statusOf(InstanceManagedBySsm, t, LT)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(InstanceManagedBySsm, withRole([SSM_ARN]), 'AWS::IAM::Role')).toBe('not-applicable');
    });
    test('launch template of an EKS managed node group (the node group gives the role)', () => {
      const t = cfn({
        T: { Type: LT, Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } } } },
        N: { Type: 'AWS::EKS::Nodegroup', Properties: { ClusterName: 'c', NodeRole: 'arn:aws:iam::111111111111:role/node', Subnets: ['subnet-0a1b2c3d'], LaunchTemplate: { Id: { Ref: 'T' } } } },
      });
      expect(statusOf(InstanceManagedBySsm, t, LT)).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('profile outside the template is unverifiable', () => {
      expect(statusOf(InstanceManagedBySsm, cfn({ I: { Type: I, Properties: { IamInstanceProfile: 'shared-profile' } } }), I)).toBe('unverifiable');
    });
    test('role outside the template is unverifiable', () => {
      const t = cfn({ P: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: ['shared-role'] } }, I: { Type: I, Properties: { IamInstanceProfile: { Ref: 'P' } } } });
      expect(statusOf(InstanceManagedBySsm, t, I)).toBe('unverifiable');
    });
    test('policy parameter with the SSM policy as default is compliant', () => {
      expect(statusOf(InstanceManagedBySsm, withRole([{ Ref: 'Pol' }], { Parameters: { Pol: { Type: 'String', Default: SSM_ARN } } }), I)).toBe('compliant');
    });
    test('policy parameter whose allowed values include another policy is non-compliant', () => {
      const t = withRole([{ Ref: 'Pol' }], { Parameters: { Pol: { Type: 'String', AllowedValues: [SSM_ARN, 'arn:aws:iam::aws:policy/ReadOnlyAccess'] } } });
      expect(statusOf(InstanceManagedBySsm, t, I)).toBe('non-compliant');
    });
    test('policy parameter without default is unverifiable', () => {
      expect(statusOf(InstanceManagedBySsm, withRole([{ Ref: 'Pol' }], { Parameters: { Pol: { Type: 'String' } } }), I)).toBe('unverifiable');
    });
    test('Fn::If with the policy in one branch only is non-compliant', () => {
      expect(statusOf(InstanceManagedBySsm, withRole({ 'Fn::If': ['Prod', [SSM_ARN], { Ref: 'AWS::NoValue' }] }), I)).toBe('non-compliant');
    });
    test('Fn::If with the policy in both branches is compliant', () => {
      expect(statusOf(InstanceManagedBySsm, withRole({ 'Fn::If': ['Prod', [SSM_ARN], [SSM_ARN, 'arn:aws:iam::aws:policy/ReadOnlyAccess']] }), I)).toBe('compliant');
    });
    test('GetAtt for a policy ARN is unverifiable', () => {
      const t = withRole([{ 'Fn::GetAtt': ['X', 'Arn'] }]);
      (t.Resources as any).X = { Type: 'Custom::X' };
      expect(statusOf(InstanceManagedBySsm, t, I)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('a managed policy ARN only known at deployment, in English and Japanese', () => {
      const t = withRole([{ 'Fn::ImportValue': 'PolicyArn' }]);
      expect(outcomes(InstanceManagedBySsm, t).I)
        .toEqual({ status: 'unverifiable', detail: 'a managed policy ARN is {Fn::ImportValue}, which is only known at deployment' });
      expect(outcomes(InstanceManagedBySsm, t, { language: 'ja' }).I)
        .toEqual({ status: 'unverifiable', detail: 'マネージドポリシーの ARN は {Fn::ImportValue} で、デプロイ時にしか決まりません' });
    });
  });
});
