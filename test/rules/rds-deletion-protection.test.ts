import { RdsDeletionProtection } from '../../packs/rules/rds/RdsDeletionProtection';
import { clusterTemplate as cluster, DB_CLUSTER as C, DB_INSTANCE as I } from '../helpers/rds';
import { cfn, outcomes, statusOf } from '../helpers/rules';

// The cases RdsDeletionProtection shares with the other RDS setting rules (L2 default, L2 cluster with
// deletionProtection and escape hatch, its member instance, L1 values, parameters, Fn::If, GetAtt) are
// in rds-settings.test.ts; these are its own.
describe('RdsDeletionProtection (FTG-RDS-5)', () => {
  describe('non-compliance', () => {
    test('L1 cluster without DeletionProtection', () => {
      expect(statusOf(RdsDeletionProtection, cluster({}), C)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L1 instance with DeletionProtection "true"', () => {
      expect(statusOf(RdsDeletionProtection, cfn({ D: { Type: I, Properties: { DeletionProtection: 'true' } } }), I)).toBe('compliant');
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
