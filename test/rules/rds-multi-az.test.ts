import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RdsMultiAz } from '../../packs/rules/rds/RdsMultiAz';
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
const member = (props: Record<string, unknown> = {}) => ({ Type: I, Properties: { DBClusterIdentifier: { Ref: 'C' }, DBInstanceClass: 'db.r6g.large', ...props } });

describe('RdsMultiAz (FTG-RDS-3)', () => {
  describe('non-compliance', () => {
    test('L2 DatabaseInstance without multiAz', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets, storageEncrypted: true });
      expect(statusOf(RdsMultiAz, stack, I)).toBe('non-compliant');
    });
    test('L2 Aurora cluster with a writer only', () => {
      const { stack, vpc, vpcSubnets } = l2();
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
    test('escape hatch turns Multi-AZ off', () => {
      const { stack, vpc, vpcSubnets } = l2();
      const d = new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets, storageEncrypted: true, multiAz: true });
      (d.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('MultiAZ', false);
      expect(statusOf(RdsMultiAz, stack, I)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 instance with multiAz', () => {
      const { stack, vpc, vpcSubnets } = l2();
      new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets, storageEncrypted: true, multiAz: true });
      expect(statusOf(RdsMultiAz, stack, I)).toBe('compliant');
    });
    test('L2 Aurora cluster with a writer and a reader', () => {
      const { stack, vpc, vpcSubnets } = l2();
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
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(RdsMultiAz, cfn({ G: { Type: 'AWS::RDS::DBSubnetGroup' } }), 'AWS::RDS::DBSubnetGroup')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => instance({ MultiAZ: { Ref: 'Ha' } }, { Parameters: { Ha: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(RdsMultiAz, param({ Default: 'true' }), I)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(RdsMultiAz, param({ AllowedValues: ['true', 'false'] }), I)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(RdsMultiAz, param({}), I)).toBe('unverifiable');
    });
    test('Fn::If with one single-AZ branch is non-compliant', () => {
      expect(statusOf(RdsMultiAz, instance({ MultiAZ: { 'Fn::If': ['Prod', true, false] } }), I)).toBe('non-compliant');
    });
    test('Fn::If with both branches Multi-AZ is compliant', () => {
      expect(statusOf(RdsMultiAz, instance({ MultiAZ: { 'Fn::If': ['Prod', true, 'true'] } }), I)).toBe('compliant');
    });
    test('GetAtt for the flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, D: { Type: I, Properties: { MultiAZ: { 'Fn::GetAtt': ['X', 'Ha'] } } } });
      expect(statusOf(RdsMultiAz, t, I)).toBe('unverifiable');
    });
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
