import { RdsNotPublic } from '../../packs/rules/rds/RdsNotPublic';
import { DB_CLUSTER as C, DB_INSTANCE as I, instanceTemplate as instance } from '../helpers/rds';
import { cfn, outcomes, statusOf } from '../helpers/rules';

// The cases RdsNotPublic shares with the other RDS setting rules (L2 instance in public and in isolated
// subnets, escape hatch, L2 Aurora cluster, L1 values, parameters, Fn::If, GetAtt) are in
// rds-settings.test.ts; these are its own.
describe('RdsNotPublic (FTG-RDS-4)', () => {
  describe('non-compliance', () => {
    test('L1 Aurora member instance with PubliclyAccessible true', () => {
      const t = cfn({ C: { Type: C }, D: { Type: I, Properties: { DBClusterIdentifier: { Ref: 'C' }, PubliclyAccessible: true } } });
      expect(statusOf(RdsNotPublic, t, I)).toBe('non-compliant');
    });
    test('L1 Multi-AZ DB cluster with PubliclyAccessible "true"', () => {
      expect(statusOf(RdsNotPublic, cfn({ C: { Type: C, Properties: { DBClusterInstanceClass: 'db.m6gd.large', PubliclyAccessible: 'true' } } }), C)).toBe('non-compliant');
    });
  });
  describe('not applicable', () => {
    test('Aurora cluster (its instances are judged)', () => {
      expect(statusOf(RdsNotPublic, cfn({ C: { Type: C, Properties: { Engine: 'aurora-postgresql' } } }), C)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('absent PubliclyAccessible is decided by the VPC at creation: unverifiable', () => {
      expect(outcomes(RdsNotPublic, instance({})).D).toEqual(expect.objectContaining({ status: 'unverifiable', detail: expect.stringContaining('internet gateway') }));
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
