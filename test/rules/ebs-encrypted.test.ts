import { App, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { EbsEncrypted } from '../../packs/rules/ebs/EbsEncrypted';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const V = 'AWS::EC2::Volume';
const I = 'AWS::EC2::Instance';
const LT = 'AWS::EC2::LaunchTemplate';
const LC = 'AWS::AutoScaling::LaunchConfiguration';
const enc = (extra: Record<string, unknown> = {}) => ({ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, Encrypted: true, ...extra } });

function l2() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['ap-northeast-1a'], isolatedSubnetIds: ['subnet-0123456789abcdef0'] });
  const base = { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023() };
  return { stack, base };
}

describe('EbsEncrypted (FTG-EBS-1)', () => {
  describe('non-compliance', () => {
    test('L2 instance without blockDevices (root volume from the AMI)', () => {
      const { stack, base } = l2();
      const inst = new ec2.Instance(stack, 'I', base);
      expect(outcomes(EbsEncrypted, stack)[stack.getLogicalId(inst.instance)])
        .toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('depends on the AMI') }));
    });
    test('L2 instance with an unencrypted block device', () => {
      const { stack, base } = l2();
      new ec2.Instance(stack, 'I', { ...base, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8) }] });
      expect(statusOf(EbsEncrypted, stack, I)).toBe('non-compliant');
    });
    test('L2 Volume without encryption', () => {
      const stack = new Stack(new App());
      new ec2.Volume(stack, 'V', { availabilityZone: 'ap-northeast-1a', size: Size.gibibytes(10) });
      expect(statusOf(EbsEncrypted, stack, V)).toBe('non-compliant');
    });
    test('L1 launch template used by an Auto Scaling group with an unencrypted mapping', () => {
      const t = cfn({
        LT: { Type: LT, Properties: { LaunchTemplateData: { BlockDeviceMappings: [enc({ Encrypted: false })] } } },
        ASG: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { LaunchTemplate: { LaunchTemplateId: { Ref: 'LT' }, Version: '1' } } },
      });
      expect(statusOf(EbsEncrypted, t, LT)).toBe('non-compliant');
    });
    test('L1 launch template without mappings and no user in the template', () => {
      expect(statusOf(EbsEncrypted, cfn({ LT: { Type: LT, Properties: { LaunchTemplateData: { InstanceType: 't3.micro' } } } }), LT)).toBe('non-compliant');
    });
    test('L1 launch configuration with an unencrypted mapping', () => {
      expect(statusOf(EbsEncrypted, cfn({ C: { Type: LC, Properties: { BlockDeviceMappings: [enc({ Encrypted: 'false' })] } } }), LC)).toBe('non-compliant');
    });
    test('L1 instance whose launch template adds an unencrypted volume', () => {
      const t = cfn({
        LT: { Type: LT, Properties: { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 100 } }] } } },
        I: { Type: I, Properties: { BlockDeviceMappings: [enc()], LaunchTemplate: { LaunchTemplateId: { Ref: 'LT' }, Version: '1' } } },
      });
      const o = outcomes(EbsEncrypted, t);
      expect(o.I.status).toBe('non-compliant');
      expect(o.LT.status).toBe('not-applicable');
    });
    test('escape hatch turns encryption off on an L2 volume', () => {
      const stack = new Stack(new App());
      const v = new ec2.Volume(stack, 'V', { availabilityZone: 'ap-northeast-1a', size: Size.gibibytes(10), encrypted: true });
      (v.node.defaultChild as ec2.CfnVolume).addPropertyOverride('Encrypted', false);
      expect(statusOf(EbsEncrypted, stack, V)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 instance with requireImdsv2 and an encrypted root device (its launch template is not applicable)', () => {
      const { stack, base } = l2();
      new ec2.Instance(stack, 'I', { ...base, requireImdsv2: true, blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true }) }] });
      expect(statusOf(EbsEncrypted, stack, I)).toBe('compliant');
      expect(statusOf(EbsEncrypted, stack, LT)).toBe('not-applicable');
    });
    test('L2 launch template with encrypted block devices', () => {
      const stack = new Stack(new App());
      new ec2.LaunchTemplate(stack, 'LT', { blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true }) }, { deviceName: '/dev/sdb', volume: ec2.BlockDeviceVolume.ephemeral(0) }] });
      expect(statusOf(EbsEncrypted, stack, LT)).toBe('compliant');
    });
    test('L1 instance without mappings whose launch template (by literal name) has encrypted ones', () => {
      const t = cfn({
        LT: { Type: LT, Properties: { LaunchTemplateName: 'web', LaunchTemplateData: { BlockDeviceMappings: [enc()] } } },
        I: { Type: I, Properties: { LaunchTemplate: { LaunchTemplateName: 'web', Version: '1' } } },
      });
      expect(outcomes(EbsEncrypted, t).I.status).toBe('compliant');
    });
    test('L1 volume and launch configuration with encryption; NoDevice and ephemeral entries ignored', () => {
      expect(statusOf(EbsEncrypted, cfn({ V: { Type: V, Properties: { Encrypted: 'true' } } }), V)).toBe('compliant');
      const lc = cfn({ C: { Type: LC, Properties: { BlockDeviceMappings: [enc(), { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' }, { DeviceName: '/dev/sdc', NoDevice: true }] } } });
      expect(statusOf(EbsEncrypted, lc, LC)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(EbsEncrypted, cfn({ A: { Type: 'AWS::EC2::VolumeAttachment' } }), 'AWS::EC2::VolumeAttachment')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => cfn({ V: { Type: V, Properties: { Encrypted: { Ref: 'Enc' } } } }, { Parameters: { Enc: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(EbsEncrypted, param({ Default: 'true' }), V)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(EbsEncrypted, param({ AllowedValues: ['true', 'false'] }), V)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(EbsEncrypted, param({}), V)).toBe('unverifiable');
    });
    test('Fn::If with an unencrypted branch in a mapping is non-compliant', () => {
      const t = cfn({ I: { Type: I, Properties: { BlockDeviceMappings: [enc({ Encrypted: { 'Fn::If': ['Prod', true, false] } })] } } });
      expect(statusOf(EbsEncrypted, t, I)).toBe('non-compliant');
    });
    test('Fn::If with both branches encrypted is compliant', () => {
      const t = cfn({ I: { Type: I, Properties: { BlockDeviceMappings: { 'Fn::If': ['Prod', [enc()], [enc({ VolumeSize: 20 })]] } } } });
      expect(statusOf(EbsEncrypted, t, I)).toBe('compliant');
    });
    test('GetAtt for the flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, V: { Type: V, Properties: { Encrypted: { 'Fn::GetAtt': ['X', 'Enc'] } } } });
      expect(statusOf(EbsEncrypted, t, V)).toBe('unverifiable');
    });
    test('an instance without mappings using a launch template from outside the template is unverifiable', () => {
      const t = cfn({ I: { Type: I, Properties: { LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', Version: '3' } } } });
      expect(statusOf(EbsEncrypted, t, I)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const vol = cfn({ V: { Type: V, Properties: { AvailabilityZone: 'ap-northeast-1a', Size: 10 } } });
      expect(outcomes(EbsEncrypted, vol).V).toEqual({
        status: 'non-compliant',
        detail: 'Encrypted is not set: the volume is encrypted only if its snapshot or the account default (EBS encryption by default) says so; state it',
      });
      expect(outcomes(EbsEncrypted, vol, { language: 'ja' }).V).toEqual({
        status: 'non-compliant',
        detail: 'Encrypted が未設定です。ボリュームが暗号化されるのは、スナップショットかアカウントの既定（EBS のデフォルト暗号化）がそう定めている場合だけです。明示してください',
      });
      expect(outcomes(EbsEncrypted, cfn({ C: { Type: LC, Properties: { ImageId: 'ami-1' } } }), { language: 'ja' }).C).toEqual({
        status: 'non-compliant',
        detail: 'ブロックデバイスマッピングが指定されていないため、ルートボリュームの暗号化は AMI かアカウントの既定（EBS のデフォルト暗号化）次第です。Ebs.Encrypted が true のマッピングで明示してください',
      });
      const viaLt = cfn({
        LT: { Type: LT, Properties: { LaunchTemplateData: {} } },
        I: { Type: I, Properties: { LaunchTemplate: { LaunchTemplateId: { Ref: 'LT' }, Version: '1' } } },
      });
      expect(outcomes(EbsEncrypted, viaLt).I).toEqual({
        status: 'non-compliant',
        detail: 'neither the instance nor launch template LT states BlockDeviceMappings: no block device mapping is stated, so root volume encryption depends on the AMI or on the account default (EBS encryption by default); state it with a mapping whose Ebs.Encrypted is true',
      });
      expect(outcomes(EbsEncrypted, viaLt, { language: 'ja' }).I).toEqual({
        status: 'non-compliant',
        detail: 'インスタンスにも起動テンプレート LT にも BlockDeviceMappings がありません。ブロックデバイスマッピングが指定されていないため、ルートボリュームの暗号化は AMI かアカウントの既定（EBS のデフォルト暗号化）次第です。Ebs.Encrypted が true のマッピングで明示してください',
      });
      const ltUnencrypted = cfn({
        LT: { Type: LT, Properties: { LaunchTemplateData: { BlockDeviceMappings: [enc({ Encrypted: false })] } } },
        I: { Type: I, Properties: { LaunchTemplate: { LaunchTemplateId: { Ref: 'LT' }, Version: '1' } } },
      });
      expect(outcomes(EbsEncrypted, ltUnencrypted).I)
        .toEqual({ status: 'non-compliant', detail: 'launch template LT BlockDeviceMappings[0].Ebs.Encrypted is false' });
      expect(outcomes(EbsEncrypted, ltUnencrypted, { language: 'ja' }).I)
        .toEqual({ status: 'non-compliant', detail: '起動テンプレート LT の BlockDeviceMappings[0].Ebs.Encrypted が false です' });
      const outside = cfn({ I: { Type: I, Properties: { LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', Version: '3' } } } });
      expect(outcomes(EbsEncrypted, outside, { language: 'ja' }).I).toEqual({
        status: 'unverifiable',
        detail: 'BlockDeviceMappings が未設定で、ブロックデバイスはこのテンプレートにない起動テンプレートから決まります',
      });
    });
  });
});
