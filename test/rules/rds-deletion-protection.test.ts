import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RdsDeletionProtection } from '../../packs/rules/rds/RdsDeletionProtection';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const I = 'AWS::RDS::DBInstance';
const C = 'AWS::RDS::DBCluster';
function l2() {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], isolatedSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] });
  return { stack, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } };
}
const postgres = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
const aurora = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
const cluster = (props: Record<string, unknown>, extra = {}) => cfn({ C: { Type: C, Properties: { Engine: 'aurora-postgresql', ...props } } }, extra);

describe('RdsDeletionProtection (FTG-RDS-5)', () => {
  describe('non-compliance', () => {
    test('L2 DatabaseInstance with the default (no deletion protection)', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets, storageEncrypted: true });
      expect(statusOf(RdsDeletionProtection, stack, I)).toBe('non-compliant');
    });
    test('L1 cluster without DeletionProtection', () => {
      expect(statusOf(RdsDeletionProtection, cluster({}), C)).toBe('non-compliant');
    });
    test('escape hatch turns protection off on a cluster', () => {
      const { stack, vpc, vpcSubnets } = l2();
      const c = new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, storageEncrypted: true, deletionProtection: true, writer: rds.ClusterInstance.serverlessV2('w') });
      (c.node.defaultChild as rds.CfnDBCluster).addPropertyOverride('DeletionProtection', false);
      expect(statusOf(RdsDeletionProtection, stack, C)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 cluster with deletionProtection; its instance is not applicable', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, storageEncrypted: true, deletionProtection: true, writer: rds.ClusterInstance.serverlessV2('w') });
      expect(statusOf(RdsDeletionProtection, stack, C)).toBe('compliant');
      expect(statusOf(RdsDeletionProtection, stack, I)).toBe('not-applicable');
    });
    test('L1 instance with DeletionProtection "true"', () => {
      expect(statusOf(RdsDeletionProtection, cfn({ D: { Type: I, Properties: { DeletionProtection: 'true' } } }), I)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(RdsDeletionProtection, cfn({ G: { Type: 'AWS::RDS::DBSubnetGroup' } }), 'AWS::RDS::DBSubnetGroup')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => cluster({ DeletionProtection: { Ref: 'Keep' } }, { Parameters: { Keep: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(RdsDeletionProtection, param({ Default: 'true' }), C)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(RdsDeletionProtection, param({ AllowedValues: ['true', 'false'] }), C)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(RdsDeletionProtection, param({}), C)).toBe('unverifiable');
    });
    test('Fn::If with one unprotected branch is non-compliant', () => {
      expect(statusOf(RdsDeletionProtection, cluster({ DeletionProtection: { 'Fn::If': ['Prod', true, false] } }), C)).toBe('non-compliant');
    });
    test('Fn::If with both branches protected is compliant', () => {
      expect(statusOf(RdsDeletionProtection, cluster({ DeletionProtection: { 'Fn::If': ['Prod', true, 'true'] } }), C)).toBe('compliant');
    });
    test('GetAtt for the flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, C: { Type: C, Properties: { DeletionProtection: { 'Fn::GetAtt': ['X', 'Keep'] } } } });
      expect(statusOf(RdsDeletionProtection, t, C)).toBe('unverifiable');
    });
  });
});

describe('RdsDeletionProtection details in Japanese', () => {
  test('deletion protection off from a parameter default', () => {
    const t = cluster({ DeletionProtection: { Ref: 'P' } }, { Parameters: { P: { Type: 'String', Default: 'false' } } });
    expect(outcomes(RdsDeletionProtection, t, { language: 'ja' }).C)
      .toEqual({ status: 'non-compliant', detail: 'DeletionProtection が "false" です（パラメータ "P" の既定値 "false"）' });
  });
});
