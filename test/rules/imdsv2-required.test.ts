import { App, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Imdsv2Required } from '../../packs/rules/ec2/Imdsv2Required';
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
const lt = (tokens: unknown, name = 'web') => ({ Type: LT, Properties: { LaunchTemplateName: name, LaunchTemplateData: { MetadataOptions: { HttpTokens: tokens } } } });
const instance = (props: object = {}) => ({ Type: I, Properties: { ImageId: 'ami-1', ...props } });

describe('Imdsv2Required (FTG-EC2-2)', () => {
  describe('non-compliance', () => {
    test('L2 instance without requireImdsv2', () => {
      const { stack, vpc } = vpcStack();
      new ec2.Instance(stack, 'I', { vpc, ...machine });
      expect(statusOf(Imdsv2Required, stack, I)).toBe('non-compliant');
    });
    test('L2 launch template without requireImdsv2', () => {
      const stack = new Stack(new App());
      new ec2.LaunchTemplate(stack, 'LT', { ...machine });
      expect(statusOf(Imdsv2Required, stack, LT)).toBe('non-compliant');
    });
    test('L1 launch template with HttpTokens optional', () => {
      expect(statusOf(Imdsv2Required, cfn({ T: lt('optional') }), LT)).toBe('non-compliant');
    });
    test('L1 instance whose launch template (by Ref) has HttpTokens optional', () => {
      const t = cfn({ T: lt('optional'), I: instance({ LaunchTemplate: { LaunchTemplateId: { Ref: 'T' }, Version: '1' } }) });
      expect(statusOf(Imdsv2Required, t, I)).toBe('non-compliant');
    });
    test('instance HttpTokens optional overrides a launch template that requires tokens', () => {
      const t = cfn({ T: lt('required'), I: instance({ MetadataOptions: { HttpTokens: 'optional' }, LaunchTemplate: { LaunchTemplateName: 'web', Version: '1' } }) });
      expect(statusOf(Imdsv2Required, t, I)).toBe('non-compliant');
    });
    test('L1 launch configuration without MetadataOptions', () => {
      expect(statusOf(Imdsv2Required, cfn({ C: { Type: LC, Properties: { ImageId: 'ami-1', InstanceType: 't3.micro' } } }), LC)).toBe('non-compliant');
    });
    test('escape hatch that turns tokens back to optional on an L2 launch template', () => {
      const stack = new Stack(new App());
      const t = new ec2.LaunchTemplate(stack, 'LT', { ...machine, requireImdsv2: true });
      (t.node.defaultChild as ec2.CfnLaunchTemplate).addPropertyOverride('LaunchTemplateData.MetadataOptions.HttpTokens', 'optional');
      expect(statusOf(Imdsv2Required, stack, LT)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 instance with requireImdsv2 (through the launch template CDK creates, found by name)', () => {
      const { stack, vpc } = vpcStack();
      new ec2.Instance(stack, 'I', { vpc, ...machine, requireImdsv2: true });
      expect(statusOf(Imdsv2Required, stack, I)).toBe('compliant');
      expect(statusOf(Imdsv2Required, stack, LT)).toBe('compliant');
    });
    test('L2 Auto Scaling group with requireImdsv2 (launch configuration or template)', () => {
      const { stack, vpc } = vpcStack();
      new autoscaling.AutoScalingGroup(stack, 'A', { vpc, ...machine, requireImdsv2: true });
      const all = Object.values(outcomes(Imdsv2Required, stack)).map((o) => o.status);
      expect(all).toContain('compliant');
      expect(all).not.toContain('non-compliant');
    });
    test('L1 instance with its own MetadataOptions.HttpTokens required', () => {
      expect(statusOf(Imdsv2Required, cfn({ I: instance({ MetadataOptions: { HttpTokens: 'required' } }) }), I)).toBe('compliant');
    });
    test('L1 launch configuration with HttpTokens required', () => {
      expect(statusOf(Imdsv2Required, cfn({ C: { Type: LC, Properties: { MetadataOptions: { HttpTokens: 'required' } } } }), LC)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(Imdsv2Required, cfn({ A: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: {} } }), 'AWS::AutoScaling::AutoScalingGroup')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('instance with a launch template outside the template is unverifiable', () => {
      const t = cfn({ I: instance({ LaunchTemplate: { LaunchTemplateId: 'lt-0123', Version: '1' } }) });
      expect(outcomes(Imdsv2Required, t).I).toEqual({ status: 'unverifiable', detail: expect.stringContaining('lt-0123') });
    });
    test('instance with a launch template name not in the template is unverifiable', () => {
      expect(statusOf(Imdsv2Required, cfn({ I: instance({ LaunchTemplate: { LaunchTemplateName: 'elsewhere', Version: '1' } }) }), I)).toBe('unverifiable');
    });
    test('instance with a launch template from an import is unverifiable', () => {
      expect(statusOf(Imdsv2Required, cfn({ I: instance({ LaunchTemplate: { LaunchTemplateId: { 'Fn::ImportValue': 'Lt' }, Version: '1' } }) }), I)).toBe('unverifiable');
    });
    test('parameter with a default of required is compliant', () => {
      const t = cfn({ T: lt({ Ref: 'Tokens' }) }, { Parameters: { Tokens: { Type: 'String', Default: 'required' } } });
      expect(statusOf(Imdsv2Required, t, LT)).toBe('compliant');
    });
    test('parameter with allowed values including optional is non-compliant', () => {
      const t = cfn({ T: lt({ Ref: 'Tokens' }) }, { Parameters: { Tokens: { Type: 'String', AllowedValues: ['required', 'optional'] } } });
      expect(statusOf(Imdsv2Required, t, LT)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      const t = cfn({ T: lt({ Ref: 'Tokens' }) }, { Parameters: { Tokens: { Type: 'String' } } });
      expect(statusOf(Imdsv2Required, t, LT)).toBe('unverifiable');
    });
    test('Fn::If with optional in one branch is non-compliant', () => {
      expect(statusOf(Imdsv2Required, cfn({ T: lt({ 'Fn::If': ['Prod', 'required', 'optional'] }) }), LT)).toBe('non-compliant');
    });
    test('Fn::If with required in both branches is compliant, also through the instance', () => {
      const t = cfn({ T: lt({ 'Fn::If': ['Prod', 'required', 'required'] }), I: instance({ LaunchTemplate: { LaunchTemplateId: { Ref: 'T' }, Version: { 'Fn::GetAtt': ['T', 'LatestVersionNumber'] } } }) });
      expect(statusOf(Imdsv2Required, t, LT)).toBe('compliant');
      expect(statusOf(Imdsv2Required, t, I)).toBe('compliant');
    });
    test('Fn::If on the instance launch template with AWS::NoValue in one branch is non-compliant', () => {
      const t = cfn({ T: lt('required'), I: instance({ LaunchTemplate: { 'Fn::If': ['Prod', { LaunchTemplateId: { Ref: 'T' }, Version: '1' }, { Ref: 'AWS::NoValue' }] } }) });
      expect(statusOf(Imdsv2Required, t, I)).toBe('non-compliant');
    });
    test('GetAtt for HttpTokens is unverifiable', () => {
      expect(statusOf(Imdsv2Required, cfn({ X: { Type: 'Custom::X' }, T: lt({ 'Fn::GetAtt': ['X', 'Tokens'] }) }), LT)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('an instance without MetadataOptions or LaunchTemplate: the rule\'s key, not the key as text, in English and Japanese', () => {
      const t = cfn({ I: instance() });
      expect(outcomes(Imdsv2Required, t).I).toEqual({
        status: 'non-compliant',
        detail: 'the instance sets no MetadataOptions.HttpTokens and has no LaunchTemplate that requires tokens, so IMDSv1 stays enabled',
      });
      expect(outcomes(Imdsv2Required, t, { language: 'ja' }).I).toEqual({
        status: 'non-compliant',
        detail: 'インスタンスに MetadataOptions.HttpTokens がなく、トークンを必須にする LaunchTemplate もないため、IMDSv1 が有効なままです',
      });
    });
  });
});
