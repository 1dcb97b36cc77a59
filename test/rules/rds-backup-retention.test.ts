import { Duration } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RdsBackupRetention } from '../../packs/rules/rds/RdsBackupRetention';
import { aurora, DB_CLUSTER as C, DB_INSTANCE as I, instanceTemplate as instance, rdsStack } from '../helpers/rds';
import { cfn, outcomes, statusOf } from '../helpers/rules';

// The cases RdsBackupRetention shares with the other RDS setting rules (L2 default and escape hatch,
// L1 values, parameters, Fn::If, GetAtt) are in rds-settings.test.ts; these are its own.
describe('RdsBackupRetention (FTG-RDS-2)', () => {
  describe('non-compliance', () => {
    test('L2 DatabaseCluster with 3 days', () => {
      const { stack, vpc, vpcSubnets } = rdsStack();
      new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, writer: rds.ClusterInstance.serverlessV2('w'), backup: { retention: Duration.days(3) } });
      expect(statusOf(RdsBackupRetention, stack, C)).toBe('non-compliant');
    });
    test('L1 instance without BackupRetentionPeriod (default 1 day)', () => {
      expect(outcomes(RdsBackupRetention, instance({})).D).toEqual({ status: 'non-compliant', detail: 'BackupRetentionPeriod is not set (the default is 1 day)' });
    });
    test('L1 cluster without BackupRetentionPeriod', () => {
      expect(statusOf(RdsBackupRetention, cfn({ C: { Type: C, Properties: { Engine: 'aurora-mysql' } } }), C)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
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
  });
});

describe('RdsBackupRetention details in Japanese', () => {
  test('no retention period, and one below 7 days', () => {
    expect(outcomes(RdsBackupRetention, instance({}), { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'BackupRetentionPeriod が未設定です（既定値は 1 日）' });
    expect(outcomes(RdsBackupRetention, instance({ BackupRetentionPeriod: 3 }), { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'BackupRetentionPeriod が 3 です' });
  });
});
