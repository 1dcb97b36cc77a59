import { App, Stack } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { ElastiCacheEncrypted } from '../../packs/rules/elasticache/ElastiCacheEncrypted';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const RG = 'AWS::ElastiCache::ReplicationGroup';
const CC = 'AWS::ElastiCache::CacheCluster';
const SC = 'AWS::ElastiCache::ServerlessCache';
const group = (props: Record<string, unknown>, extra = {}) => cfn({ R: { Type: RG, Properties: { ReplicationGroupDescription: 'r', Engine: 'valkey', CacheNodeType: 'cache.t4g.micro', ...props } } }, extra);
const both = { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true };

describe('ElastiCacheEncrypted (FTG-EC-1)', () => {
  describe('non-compliance', () => {
    test('L1 construct replication group without transit encryption', () => {
      const stack = new Stack(new App());
      new elasticache.CfnReplicationGroup(stack, 'R', { replicationGroupDescription: 'r', engine: 'redis', cacheNodeType: 'cache.t4g.micro', atRestEncryptionEnabled: true });
      expect(statusOf(ElastiCacheEncrypted, stack, RG)).toBe('non-compliant');
    });
    test('L1 replication group in preferred transit mode (plain text still accepted)', () => {
      expect(outcomes(ElastiCacheEncrypted, group({ ...both, TransitEncryptionMode: 'preferred' })).R).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('TransitEncryptionMode') }));
    });
    test('L1 cache clusters (Memcached and Redis) cannot encrypt at rest', () => {
      const t = cfn({ M: { Type: CC, Properties: { Engine: 'memcached', TransitEncryptionEnabled: true } }, R: { Type: CC, Properties: { Engine: 'redis' } } });
      const o = outcomes(ElastiCacheEncrypted, t);
      expect(o.M).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('Memcached') }));
      expect(o.R.status).toBe('non-compliant');
    });
    test('escape hatch turns at-rest encryption off', () => {
      const stack = new Stack(new App());
      const r = new elasticache.CfnReplicationGroup(stack, 'R', { replicationGroupDescription: 'r', engine: 'redis', cacheNodeType: 'cache.t4g.micro', atRestEncryptionEnabled: true, transitEncryptionEnabled: true });
      r.addPropertyOverride('AtRestEncryptionEnabled', false);
      expect(statusOf(ElastiCacheEncrypted, stack, RG)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L1 construct replication group with both encryptions', () => {
      const stack = new Stack(new App());
      new elasticache.CfnReplicationGroup(stack, 'R', { replicationGroupDescription: 'r', engine: 'valkey', cacheNodeType: 'cache.t4g.micro', atRestEncryptionEnabled: true, transitEncryptionEnabled: true, transitEncryptionMode: 'required' });
      expect(statusOf(ElastiCacheEncrypted, stack, RG)).toBe('compliant');
    });
    test('serverless cache is always encrypted', () => {
      expect(statusOf(ElastiCacheEncrypted, cfn({ S: { Type: SC, Properties: { Engine: 'valkey', ServerlessCacheName: 's' } } }), SC)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(ElastiCacheEncrypted, cfn({ G: { Type: 'AWS::ElastiCache::SubnetGroup' } }), 'AWS::ElastiCache::SubnetGroup')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => group({ ...both, TransitEncryptionEnabled: { Ref: 'Tls' } }, { Parameters: { Tls: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(ElastiCacheEncrypted, param({ Default: 'true' }), RG)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(ElastiCacheEncrypted, param({ AllowedValues: ['true', 'false'] }), RG)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(ElastiCacheEncrypted, param({}), RG)).toBe('unverifiable');
    });
    test('Fn::If with one unencrypted branch is non-compliant', () => {
      expect(statusOf(ElastiCacheEncrypted, group({ ...both, AtRestEncryptionEnabled: { 'Fn::If': ['Prod', true, false] } }), RG)).toBe('non-compliant');
    });
    test('Fn::If with both branches encrypted is compliant', () => {
      expect(statusOf(ElastiCacheEncrypted, group({ ...both, AtRestEncryptionEnabled: { 'Fn::If': ['Prod', true, 'true'] } }), RG)).toBe('compliant');
    });
    test('GetAtt for a flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, R: { Type: RG, Properties: { ...both, AtRestEncryptionEnabled: { 'Fn::GetAtt': ['X', 'Enc'] } } } });
      expect(statusOf(ElastiCacheEncrypted, t, RG)).toBe('unverifiable');
    });
  });
});

describe('ElastiCacheEncrypted details', () => {
  test('Memcached and Redis cache clusters, in English and Japanese', () => {
    const t = cfn({ M: { Type: CC, Properties: { Engine: 'memcached' } }, R: { Type: CC, Properties: { Engine: 'redis' } } });
    expect(outcomes(ElastiCacheEncrypted, t).R)
      .toEqual({ status: 'non-compliant', detail: 'a CacheCluster cannot encrypt at rest or in transit; use a ReplicationGroup or a ServerlessCache' });
    const ja = outcomes(ElastiCacheEncrypted, t, { language: 'ja' });
    expect(ja.M).toEqual({ status: 'non-compliant', detail: 'Memcached の CacheCluster には保管時の暗号化がありません。ServerlessCache か、Redis OSS/Valkey の ReplicationGroup を使ってください' });
    expect(ja.R).toEqual({ status: 'non-compliant', detail: 'CacheCluster では保管時の暗号化も転送中の暗号化もできません。ReplicationGroup か ServerlessCache を使ってください' });
  });
  test('a replication group that still accepts plain-text connections, in Japanese', () => {
    expect(outcomes(ElastiCacheEncrypted, group({ ...both, TransitEncryptionMode: 'preferred' }), { language: 'ja' }).R)
      .toEqual({ status: 'non-compliant', detail: 'TransitEncryptionMode が "preferred" です' });
  });
});
