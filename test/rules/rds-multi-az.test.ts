import * as rds from 'aws-cdk-lib/aws-rds';
import { RdsMultiAz } from '../../packs/rules/rds/RdsMultiAz';
import { aurora, clusterMember as member, DB_CLUSTER as C, DB_INSTANCE as I, rdsStack } from '../helpers/rds';
import { cfn, outcomes, statusOf } from '../helpers/rules';

// The cases RdsMultiAz shares with the other RDS setting rules (L2 instance default, multiAz and escape
// hatch, L1 values, parameters, Fn::If, GetAtt) are in rds-settings.test.ts; these are its own.
describe('RdsMultiAz (FTG-RDS-3)', () => {
  describe('non-compliance', () => {
    test('L2 Aurora cluster with a writer only', () => {
      const { stack, vpc, vpcSubnets } = rdsStack();
      new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, storageEncrypted: true, writer: rds.ClusterInstance.serverlessV2('w') });
      expect(statusOf(RdsMultiAz, stack, C)).toBe('non-compliant');
      expect(statusOf(RdsMultiAz, stack, I)).toBe('not-applicable');
    });
    test('L1 Aurora cluster whose two instances are pinned to the same AZ', () => {
      const t = cfn({ C: { Type: C, Properties: { Engine: 'aurora-mysql' } }, A: member({ AvailabilityZone: 'ap-northeast-1a' }), B: member({ AvailabilityZone: 'ap-northeast-1a' }) });
      expect(outcomes(RdsMultiAz, t).C).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('pinned') }));
    });
    test('L1 Aurora Serverless v1 cluster', () => {
      expect(outcomes(RdsMultiAz, cfn({ C: { Type: C, Properties: { EngineMode: 'serverless' } } })).C).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('Serverless v1') }));
    });
  });
  describe('compliance', () => {
    test('L2 Aurora cluster with a writer and a reader', () => {
      const { stack, vpc, vpcSubnets } = rdsStack();
      new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, storageEncrypted: true, writer: rds.ClusterInstance.serverlessV2('w'), readers: [rds.ClusterInstance.serverlessV2('r')] });
      expect(statusOf(RdsMultiAz, stack, C)).toBe('compliant');
    });
    test('L1 Multi-AZ DB cluster (DBClusterInstanceClass)', () => {
      expect(statusOf(RdsMultiAz, cfn({ C: { Type: C, Properties: { Engine: 'postgres', DBClusterInstanceClass: 'db.m6gd.large' } } }), C)).toBe('compliant');
    });
    test('L1 cluster whose instances name it by its literal identifier', () => {
      const t = cfn({ C: { Type: C, Properties: { DBClusterIdentifier: 'payments' } }, A: member({ DBClusterIdentifier: 'payments' }), B: member({ DBClusterIdentifier: 'payments' }) });
      expect(outcomes(RdsMultiAz, t).C.status).toBe('compliant');
    });
  });
  describe('values unknown at synth time', () => {
    test('an AZ from a parameter does not pin the instances together', () => {
      const t = cfn({ C: { Type: C }, A: member({ AvailabilityZone: { Ref: 'Az' } }), B: member({ AvailabilityZone: 'ap-northeast-1a' }) }, { Parameters: { Az: { Type: 'String' } } });
      expect(outcomes(RdsMultiAz, t).C.status).toBe('compliant');
    });
  });
});

describe('RdsMultiAz details', () => {
  test('an Aurora cluster with no or one instance, in English and Japanese', () => {
    const none = cfn({ C: { Type: C, Properties: { Engine: 'aurora-mysql' } } });
    expect(outcomes(RdsMultiAz, none).C).toEqual({
      status: 'non-compliant',
      detail: '0 DB instance(s) in the template refer to the cluster; Aurora needs a reader in another Availability Zone to fail over to',
    });
    expect(outcomes(RdsMultiAz, none, { language: 'ja' }).C).toEqual({
      status: 'non-compliant',
      detail: 'テンプレートにこのクラスターを参照する DB インスタンスがありません。Aurora がフェイルオーバーするには、別のアベイラビリティーゾーンにリーダーインスタンスが必要です',
    });
    const one = cfn({ C: { Type: C, Properties: { Engine: 'aurora-mysql' } }, A: member() });
    expect(outcomes(RdsMultiAz, one, { language: 'ja' }).C).toEqual({
      status: 'non-compliant',
      detail: 'テンプレートでこのクラスターを参照する DB インスタンスは 1 個だけです。Aurora がフェイルオーバーするには、別のアベイラビリティーゾーンにリーダーインスタンスが必要です',
    });
  });
  test('instances pinned to one zone, and Aurora Serverless v1, in Japanese', () => {
    const t = cfn({ C: { Type: C, Properties: { Engine: 'aurora-mysql' } }, A: member({ AvailabilityZone: 'ap-northeast-1a' }), B: member({ AvailabilityZone: 'ap-northeast-1a' }) });
    expect(outcomes(RdsMultiAz, t, { language: 'ja' }).C)
      .toEqual({ status: 'non-compliant', detail: 'クラスターのすべての DB インスタンスが AvailabilityZone ap-northeast-1a に固定されています' });
    const v1 = cfn({ C: { Type: C, Properties: { EngineMode: 'serverless' } }, A: member(), B: member() });
    expect(outcomes(RdsMultiAz, v1, { language: 'ja' }).C)
      .toEqual({ status: 'non-compliant', detail: 'EngineMode が serverless です（Aurora Serverless v1 は単一のアベイラビリティーゾーンで動作します）' });
  });
});
