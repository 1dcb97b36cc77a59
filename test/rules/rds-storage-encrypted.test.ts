import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { CfnTemplate } from '../../packs/engine/template';
import { RdsStorageEncrypted } from '../../packs/rules/rds/RdsStorageEncrypted';
import { aurora, DB_CLUSTER as C, DB_INSTANCE as I, instanceTemplate, postgres, rdsStack } from '../helpers/rds';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const byPrefix = (s: Record<string, string>, prefix: string) => Object.entries(s).find(([id]) => id.startsWith(prefix))?.[1];
const instance = (props: Record<string, unknown>, extra: Partial<CfnTemplate> = {}) => instanceTemplate({ DBInstanceClass: 'db.t3.micro', ...props }, extra);

// The cases RdsStorageEncrypted shares with the other RDS setting rules (L2 instance default,
// storageEncrypted and escape hatch, L1 values, parameters, Fn::If, GetAtt) are in rds-settings.test.ts;
// these are its own.
describe('RdsStorageEncrypted (FTG-RDS-1)', () => {
  describe('non-compliance', () => {
    test('L2 DatabaseCluster without storageEncrypted; its instance is not applicable', () => {
      const { stack, vpc, vpcSubnets } = rdsStack();
      new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, writer: rds.ClusterInstance.serverlessV2('w') });
      expect(statusOf(RdsStorageEncrypted, stack, C)).toBe('non-compliant');
      expect(statusOf(RdsStorageEncrypted, stack, I)).toBe('not-applicable');
    });
    test('L1 instance without StorageEncrypted', () => {
      expect(outcomes(RdsStorageEncrypted, instance({})).D).toEqual({ status: 'non-compliant', detail: 'StorageEncrypted is not set (the default is false)' });
    });
    test('a read replica of an unencrypted source in the template', () => {
      const t = cfn({
        Src: { Type: I, Properties: { Engine: 'postgres' } },
        Rep: { Type: I, Properties: { SourceDBInstanceIdentifier: { Ref: 'Src' } } },
      });
      expect(outcomes(RdsStorageEncrypted, t).Rep).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('inherited from Src') }));
    });
  });
  describe('compliance', () => {
    test('L2 instance and its read replica (inherits encryption from the source)', () => {
      const { stack, vpc, vpcSubnets } = rdsStack();
      const src = new rds.DatabaseInstance(stack, 'Src', { engine: postgres, vpc, vpcSubnets, storageEncrypted: true });
      new rds.DatabaseInstanceReadReplica(stack, 'Rep', { sourceDatabaseInstance: src, instanceType: new ec2.InstanceType('t3.micro'), vpc, vpcSubnets });
      const s = statuses(RdsStorageEncrypted, stack, I);
      expect(byPrefix(s, 'Src')).toBe('compliant');
      expect(byPrefix(s, 'Rep')).toBe('compliant');
    });
    test('L2 cluster with storageEncrypted', () => {
      const { stack, vpc, vpcSubnets } = rdsStack();
      new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, writer: rds.ClusterInstance.serverlessV2('w'), storageEncrypted: true });
      expect(statusOf(RdsStorageEncrypted, stack, C)).toBe('compliant');
    });
    test('L1 Aurora Serverless v1 cluster is always encrypted', () => {
      expect(statusOf(RdsStorageEncrypted, cfn({ C: { Type: C, Properties: { Engine: 'aurora-mysql', EngineMode: 'serverless' } } }), C)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('L1 cluster member instance', () => {
      const t = cfn({ C: { Type: C, Properties: { Engine: 'aurora-postgresql', StorageEncrypted: true } }, D: { Type: I, Properties: { DBClusterIdentifier: { Ref: 'C' } } } });
      expect(statusOf(RdsStorageEncrypted, t, I)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('restore from a snapshot or a replica of a source outside the template is unverifiable', () => {
      expect(statusOf(RdsStorageEncrypted, instance({ DBSnapshotIdentifier: 'arn:aws:rds:ap-northeast-1:111122223333:snapshot:s' }), I)).toBe('unverifiable');
      expect(statusOf(RdsStorageEncrypted, instance({ SourceDBInstanceIdentifier: 'arn:aws:rds:ap-northeast-1:111122223333:db:src' }), I)).toBe('unverifiable');
    });
  });
});

describe('RdsStorageEncrypted details', () => {
  test('not set, inherited from an unencrypted source, from a source outside and from a snapshot, in Japanese', () => {
    expect(outcomes(RdsStorageEncrypted, instance({}), { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'StorageEncrypted が未設定です（既定値は false）' });
    const t = cfn({
      Src: { Type: I, Properties: { Engine: 'postgres' } },
      Rep: { Type: I, Properties: { SourceDBInstanceIdentifier: { Ref: 'Src' } } },
    });
    expect(outcomes(RdsStorageEncrypted, t).Rep)
      .toEqual({ status: 'non-compliant', detail: 'StorageEncrypted is inherited from Src: StorageEncrypted is not set (the default is false)' });
    expect(outcomes(RdsStorageEncrypted, t, { language: 'ja' }).Rep)
      .toEqual({ status: 'non-compliant', detail: 'StorageEncrypted は Src から引き継がれます: StorageEncrypted が未設定です（既定値は false）' });
    expect(outcomes(RdsStorageEncrypted, instance({ SourceDBInstanceIdentifier: 'arn:aws:rds:ap-northeast-1:111122223333:db:src' }), { language: 'ja' }).D).toEqual({
      status: 'unverifiable',
      detail: 'StorageEncrypted が未設定で、データベースは SourceDBInstanceIdentifier から作成されますが、作成元の暗号化はこのテンプレートからは分かりません',
    });
    expect(outcomes(RdsStorageEncrypted, instance({ DBSnapshotIdentifier: 'snap' }), { language: 'ja' }).D).toEqual({
      status: 'unverifiable',
      detail: 'StorageEncrypted が未設定で、データベースは DBSnapshotIdentifier から復元されます。スナップショットが暗号化されている場合にだけ暗号化されます',
    });
  });
});
