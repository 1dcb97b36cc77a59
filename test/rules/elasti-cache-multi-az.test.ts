import { App, Stack } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { ElastiCacheMultiAz } from '../../packs/rules/elasticache/ElastiCacheMultiAz';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const RG = 'AWS::ElastiCache::ReplicationGroup';
const group = (props: Record<string, unknown>, extra = {}) => cfn({ R: { Type: RG, Properties: { ReplicationGroupDescription: 'r', NumCacheClusters: 2, ...props } } }, extra);
const ha = { AutomaticFailoverEnabled: true, MultiAZEnabled: true };
const base = { replicationGroupDescription: 'r', engine: 'valkey', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 2 };

describe('ElastiCacheMultiAz (FTG-EC-2)', () => {
  describe('non-compliance', () => {
    test('L1 construct with automatic failover but no Multi-AZ', () => {
      const stack = new Stack(new App());
      new elasticache.CfnReplicationGroup(stack, 'R', { ...base, automaticFailoverEnabled: true });
      expect(statusOf(ElastiCacheMultiAz, stack, RG)).toBe('non-compliant');
    });
    test('L1 template with neither flag', () => {
      expect(outcomes(ElastiCacheMultiAz, group({})).R).toEqual({ status: 'non-compliant', detail: 'AutomaticFailoverEnabled is not set' });
    });
    test('escape hatch turns Multi-AZ off', () => {
      const stack = new Stack(new App());
      const r = new elasticache.CfnReplicationGroup(stack, 'R', { ...base, automaticFailoverEnabled: true, multiAzEnabled: true });
      r.addPropertyOverride('MultiAZEnabled', false);
      expect(statusOf(ElastiCacheMultiAz, stack, RG)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L1 construct with both flags', () => {
      const stack = new Stack(new App());
      new elasticache.CfnReplicationGroup(stack, 'R', { ...base, automaticFailoverEnabled: true, multiAzEnabled: true });
      expect(statusOf(ElastiCacheMultiAz, stack, RG)).toBe('compliant');
    });
    test('L1 template with both flags as strings', () => {
      expect(statusOf(ElastiCacheMultiAz, group({ AutomaticFailoverEnabled: 'true', MultiAZEnabled: 'true' }), RG)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('cache clusters and serverless caches are other resource types', () => {
      const t = cfn({ C: { Type: 'AWS::ElastiCache::CacheCluster' }, S: { Type: 'AWS::ElastiCache::ServerlessCache' } });
      const o = outcomes(ElastiCacheMultiAz, t);
      expect([o.C.status, o.S.status]).toEqual(['not-applicable', 'not-applicable']);
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => group({ ...ha, MultiAZEnabled: { Ref: 'Ha' } }, { Parameters: { Ha: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(ElastiCacheMultiAz, param({ Default: 'true' }), RG)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(ElastiCacheMultiAz, param({ AllowedValues: ['true', 'false'] }), RG)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(ElastiCacheMultiAz, param({}), RG)).toBe('unverifiable');
    });
    test('Fn::If with one single-AZ branch is non-compliant', () => {
      expect(statusOf(ElastiCacheMultiAz, group({ ...ha, MultiAZEnabled: { 'Fn::If': ['Prod', true, false] } }), RG)).toBe('non-compliant');
    });
    test('Fn::If with both branches Multi-AZ is compliant', () => {
      expect(statusOf(ElastiCacheMultiAz, group({ ...ha, MultiAZEnabled: { 'Fn::If': ['Prod', true, 'true'] } }), RG)).toBe('compliant');
    });
    test('GetAtt for a flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, R: { Type: RG, Properties: { ...ha, AutomaticFailoverEnabled: { 'Fn::GetAtt': ['X', 'Ha'] } } } });
      expect(statusOf(ElastiCacheMultiAz, t, RG)).toBe('unverifiable');
    });
  });
});

describe('ElastiCacheMultiAz details in Japanese', () => {
  test('Multi-AZ not set', () => {
    expect(outcomes(ElastiCacheMultiAz, group({ AutomaticFailoverEnabled: true }), { language: 'ja' }).R)
      .toEqual({ status: 'non-compliant', detail: 'MultiAZEnabled が 未設定 です' });
  });
});
