import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RdsNotPublic } from '../../packs/rules/rds/RdsNotPublic';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const I = 'AWS::RDS::DBInstance';
const C = 'AWS::RDS::DBCluster';
function l2() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', {
    vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    isolatedSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], publicSubnetIds: ['subnet-0123456789abcdef2', 'subnet-0123456789abcdef3'],
  });
  return { stack, vpc };
}
const postgres = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
const instance = (props: Record<string, unknown>, extra = {}) => cfn({ D: { Type: I, Properties: { Engine: 'postgres', ...props } } }, extra);

describe('RdsNotPublic (FTG-RDS-4)', () => {
  describe('non-compliance', () => {
    test('L2 instance in public subnets (CDK then sets PubliclyAccessible true)', () => {
      const { stack, vpc } = l2();
      new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, storageEncrypted: true });
      expect(statusOf(RdsNotPublic, stack, I)).toBe('non-compliant');
    });
    test('L1 Aurora member instance with PubliclyAccessible true', () => {
      const t = cfn({ C: { Type: C }, D: { Type: I, Properties: { DBClusterIdentifier: { Ref: 'C' }, PubliclyAccessible: true } } });
      expect(statusOf(RdsNotPublic, t, I)).toBe('non-compliant');
    });
    test('L1 Multi-AZ DB cluster with PubliclyAccessible "true"', () => {
      expect(statusOf(RdsNotPublic, cfn({ C: { Type: C, Properties: { DBClusterInstanceClass: 'db.m6gd.large', PubliclyAccessible: 'true' } } }), C)).toBe('non-compliant');
    });
    test('escape hatch makes a private instance public', () => {
      const { stack, vpc } = l2();
      const d = new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, storageEncrypted: true });
      (d.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('PubliclyAccessible', true);
      expect(statusOf(RdsNotPublic, stack, I)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 instance in isolated subnets', () => {
      const { stack, vpc } = l2();
      new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, storageEncrypted: true });
      expect(statusOf(RdsNotPublic, stack, I)).toBe('compliant');
    });
    test('L1 instance with PubliclyAccessible false', () => {
      expect(statusOf(RdsNotPublic, instance({ PubliclyAccessible: false }), I)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('Aurora cluster (its instances are judged)', () => {
      expect(statusOf(RdsNotPublic, cfn({ C: { Type: C, Properties: { Engine: 'aurora-postgresql' } } }), C)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(RdsNotPublic, cfn({ G: { Type: 'AWS::RDS::DBSubnetGroup' } }), 'AWS::RDS::DBSubnetGroup')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('absent PubliclyAccessible is decided by the VPC at creation: unverifiable', () => {
      expect(outcomes(RdsNotPublic, instance({})).D).toEqual(expect.objectContaining({ status: 'unverifiable', detail: expect.stringContaining('internet gateway') }));
    });
    const param = (p: Record<string, unknown>) => instance({ PubliclyAccessible: { Ref: 'Pub' } }, { Parameters: { Pub: { Type: 'String', ...p } } });
    test('parameter with default false is compliant', () => {
      expect(statusOf(RdsNotPublic, param({ Default: 'false' }), I)).toBe('compliant');
    });
    test('parameter with allowed values including true is non-compliant', () => {
      expect(statusOf(RdsNotPublic, param({ AllowedValues: ['false', 'true'] }), I)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(RdsNotPublic, param({}), I)).toBe('unverifiable');
    });
    test('Fn::If with one public branch is non-compliant', () => {
      expect(statusOf(RdsNotPublic, instance({ PubliclyAccessible: { 'Fn::If': ['Dev', true, false] } }), I)).toBe('non-compliant');
    });
    test('Fn::If with both branches private is compliant', () => {
      expect(statusOf(RdsNotPublic, instance({ PubliclyAccessible: { 'Fn::If': ['Dev', false, 'false'] } }), I)).toBe('compliant');
    });
    test('GetAtt for the flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, D: { Type: I, Properties: { PubliclyAccessible: { 'Fn::GetAtt': ['X', 'Pub'] } } } });
      expect(statusOf(RdsNotPublic, t, I)).toBe('unverifiable');
    });
  });
});

describe('RdsNotPublic details in Japanese', () => {
  test('PubliclyAccessible not set, and true', () => {
    expect(outcomes(RdsNotPublic, instance({}), { language: 'ja' }).D).toEqual({
      status: 'unverifiable',
      detail: 'PubliclyAccessible が未設定です。サブネットの VPC にインターネットゲートウェイがあると、RDS はデータベースをパブリックにします。false を指定してください',
    });
    expect(outcomes(RdsNotPublic, instance({ PubliclyAccessible: true }), { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'PubliclyAccessible が true です' });
  });
});
