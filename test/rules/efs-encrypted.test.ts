import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import { EfsEncrypted } from '../../packs/rules/efs/EfsEncrypted';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::EFS::FileSystem';
const fs = (props: Record<string, unknown>, extra = {}) => cfn({ F: { Type: T, Properties: props } }, extra);
function l2() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['ap-northeast-1a'], isolatedSubnetIds: ['subnet-0123456789abcdef0'] });
  return { stack, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } };
}

describe('EfsEncrypted (FTG-EFS-1)', () => {
  describe('non-compliance', () => {
    test('L2 file system with encrypted: false', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new efs.FileSystem(stack, 'F', { vpc, vpcSubnets, encrypted: false });
      expect(statusOf(EfsEncrypted, stack, T)).toBe('non-compliant');
    });
    test('L1 file system without Encrypted', () => {
      expect(statusOf(EfsEncrypted, fs({}), T)).toBe('non-compliant');
    });
    test('escape hatch turns encryption off', () => {
      const { stack, vpc, vpcSubnets } = l2();
      const f = new efs.FileSystem(stack, 'F', { vpc, vpcSubnets });
      (f.node.defaultChild as efs.CfnFileSystem).addPropertyOverride('Encrypted', false);
      expect(statusOf(EfsEncrypted, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 file system with the default (encrypted)', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new efs.FileSystem(stack, 'F', { vpc, vpcSubnets });
      expect(statusOf(EfsEncrypted, stack, T)).toBe('compliant');
    });
    test('L1 file system with Encrypted "true"', () => {
      expect(statusOf(EfsEncrypted, fs({ Encrypted: 'true', KmsKeyId: 'alias/efs' }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(EfsEncrypted, cfn({ A: { Type: 'AWS::EFS::AccessPoint' } }), 'AWS::EFS::AccessPoint')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => fs({ Encrypted: { Ref: 'Enc' } }, { Parameters: { Enc: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(EfsEncrypted, param({ Default: 'true' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(EfsEncrypted, param({ AllowedValues: ['true', 'false'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(EfsEncrypted, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with one unencrypted branch is non-compliant', () => {
      expect(statusOf(EfsEncrypted, fs({ Encrypted: { 'Fn::If': ['Prod', true, { Ref: 'AWS::NoValue' }] } }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches encrypted is compliant', () => {
      expect(statusOf(EfsEncrypted, fs({ Encrypted: { 'Fn::If': ['Prod', true, 'true'] } }), T)).toBe('compliant');
    });
    test('GetAtt for the flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, F: { Type: T, Properties: { Encrypted: { 'Fn::GetAtt': ['X', 'Enc'] } } } });
      expect(statusOf(EfsEncrypted, t, T)).toBe('unverifiable');
    });
  });
});

describe('EfsEncrypted details in Japanese', () => {
  test('Encrypted not set, and false from an Fn::If branch', () => {
    expect(outcomes(EfsEncrypted, fs({}), { language: 'ja' }).F).toEqual({ status: 'non-compliant', detail: 'Encrypted が 未設定 です' });
    const t = fs({ Encrypted: { 'Fn::If': ['Prod', true, false] } }, { Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } }, Parameters: { Env: { Type: 'String' } } });
    expect(outcomes(EfsEncrypted, t, { language: 'ja' }).F).toEqual({ status: 'non-compliant', detail: 'Encrypted が false です', scenario: 'Prod = false の場合' });
  });
});
