import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RdsBackupRetention } from '../../packs/rules/rds/RdsBackupRetention';
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
const instance = (props: Record<string, unknown>, extra = {}) => cfn({ D: { Type: I, Properties: { Engine: 'postgres', ...props } } }, extra);

describe('RdsBackupRetention (FTG-RDS-2)', () => {
  describe('non-compliance', () => {
    test('L2 DatabaseInstance with the default retention', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets, storageEncrypted: true });
      expect(statusOf(RdsBackupRetention, stack, I)).toBe('non-compliant');
    });
    test('L2 DatabaseCluster with 3 days', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, writer: rds.ClusterInstance.serverlessV2('w'), backup: { retention: Duration.days(3) } });
      expect(statusOf(RdsBackupRetention, stack, C)).toBe('non-compliant');
    });
    test('L1 instance without BackupRetentionPeriod (default 1 day)', () => {
      expect(outcomes(RdsBackupRetention, instance({})).D).toEqual({ status: 'non-compliant', detail: 'BackupRetentionPeriod is not set (the default is 1 day)' });
    });
    test('L1 cluster without BackupRetentionPeriod', () => {
      expect(statusOf(RdsBackupRetention, cfn({ C: { Type: C, Properties: { Engine: 'aurora-mysql' } } }), C)).toBe('non-compliant');
    });
    test('escape hatch lowers the retention', () => {
      const { stack, vpc, vpcSubnets } = l2();
      const d = new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets, storageEncrypted: true, backupRetention: Duration.days(14) });
      (d.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('BackupRetentionPeriod', 0);
      expect(statusOf(RdsBackupRetention, stack, I)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 instance with 7 days', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets, storageEncrypted: true, backupRetention: Duration.days(7) });
      expect(statusOf(RdsBackupRetention, stack, I)).toBe('compliant');
    });
    test('L1 cluster with "35" as a string', () => {
      expect(statusOf(RdsBackupRetention, cfn({ C: { Type: C, Properties: { BackupRetentionPeriod: '35' } } }), C)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('cluster members and read replicas', () => {
      const t = cfn({
        C: { Type: C, Properties: { BackupRetentionPeriod: 7 } },
        M: { Type: I, Properties: { DBClusterIdentifier: { Ref: 'C' } } },
        Src: { Type: I, Properties: { BackupRetentionPeriod: 7 } },
        Rep: { Type: I, Properties: { SourceDBInstanceIdentifier: { Ref: 'Src' } } },
      });
      const o = outcomes(RdsBackupRetention, t);
      expect([o.M.status, o.Rep.status, o.Src.status]).toEqual(['not-applicable', 'not-applicable', 'compliant']);
    });
    test('a point-in-time restore is not a replica', () => {
      expect(statusOf(RdsBackupRetention, instance({ SourceDBInstanceIdentifier: 'src', UseLatestRestorableTime: true }), I)).toBe('non-compliant');
    });
    test('other resource types', () => {
      expect(statusOf(RdsBackupRetention, cfn({ G: { Type: 'AWS::RDS::DBSubnetGroup' } }), 'AWS::RDS::DBSubnetGroup')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => instance({ BackupRetentionPeriod: { Ref: 'Days' } }, { Parameters: { Days: { Type: 'Number', ...p } } });
    test('parameter with default 14 is compliant', () => {
      expect(statusOf(RdsBackupRetention, param({ Default: 14 }), I)).toBe('compliant');
    });
    test('parameter with allowed values including 1 is non-compliant', () => {
      expect(statusOf(RdsBackupRetention, param({ AllowedValues: ['7', '1'] }), I)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(RdsBackupRetention, param({}), I)).toBe('unverifiable');
    });
    test('Fn::If with one short branch is non-compliant', () => {
      expect(statusOf(RdsBackupRetention, instance({ BackupRetentionPeriod: { 'Fn::If': ['Prod', 35, 1] } }), I)).toBe('non-compliant');
    });
    test('Fn::If with both branches long enough is compliant', () => {
      expect(statusOf(RdsBackupRetention, instance({ BackupRetentionPeriod: { 'Fn::If': ['Prod', 35, 7] } }), I)).toBe('compliant');
    });
    test('GetAtt for the period is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, D: { Type: I, Properties: { BackupRetentionPeriod: { 'Fn::GetAtt': ['X', 'Days'] } } } });
      expect(statusOf(RdsBackupRetention, t, I)).toBe('unverifiable');
    });
  });
});

describe('RdsBackupRetention details in Japanese', () => {
  test('no retention period, and one below 7 days', () => {
    expect(outcomes(RdsBackupRetention, instance({}), { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'BackupRetentionPeriod が未設定です（既定値は 1 日）' });
    expect(outcomes(RdsBackupRetention, instance({ BackupRetentionPeriod: 3 }), { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'BackupRetentionPeriod が 3 です' });
  });
});
