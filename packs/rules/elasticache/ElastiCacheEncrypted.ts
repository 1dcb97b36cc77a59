import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, worst } from '../../engine/rule';
import { isTrue } from '../../engine/resource-policy';

const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const SERVERLESS_CACHE = 'AWS::ElastiCache::ServerlessCache';
const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';

/**
 * An ElastiCache cache encrypts data at rest and in transit.
 *
 * - ReplicationGroup (Redis OSS / Valkey): AtRestEncryptionEnabled and TransitEncryptionEnabled true,
 *   and TransitEncryptionMode not `preferred` (which still accepts plain-text connections).
 * - ServerlessCache: always encrypted at rest and requires TLS: compliant.
 * - CacheCluster: non-compliant. A Memcached cluster has no encryption at rest at all (only in-transit
 *   encryption from 1.6.12), and a Redis OSS / Valkey CacheCluster has no encryption properties:
 *   encryption needs a ReplicationGroup (one node is fine) or a ServerlessCache.
 */
export const ElastiCacheEncrypted = defineRule({
  id: 'FTG-EC-1',
  name: 'ElastiCacheEncrypted',
  items: ['DM-1'],
  resourceTypes: [REPLICATION_GROUP, SERVERLESS_CACHE, CACHE_CLUSTER],
  info: {
    en: 'The ElastiCache cache does not encrypt data both at rest and in transit.',
    ja: 'ElastiCache キャッシュで保管時と通信時の両方の暗号化が行われていません。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit and at rest. Caches hold copies of sessions, tokens and customer records; without in-transit encryption anyone on the network path can read them, and without at-rest encryption they sit in clear text on disk and in backups.',
    ja: 'DM-1 は通信時と保管時のデータ暗号化を求めています。キャッシュにはセッション、トークン、顧客レコードの写しが入ります。通信の暗号化がなければネットワーク経路上で読まれ、保管時の暗号化がなければディスクやバックアップに平文で残ります。',
  },
  fix: {
    en: 'Use an AWS::ElastiCache::ReplicationGroup (CDK `elasticache.CfnReplicationGroup`) with `atRestEncryptionEnabled: true` and `transitEncryptionEnabled: true` (TransitEncryptionMode: required), or an AWS::ElastiCache::ServerlessCache, instead of an AWS::ElastiCache::CacheCluster.',
    ja: 'AWS::ElastiCache::CacheCluster ではなく、`atRestEncryptionEnabled: true` と `transitEncryptionEnabled: true`（TransitEncryptionMode: required）を指定した AWS::ElastiCache::ReplicationGroup（CDK の `elasticache.CfnReplicationGroup`）か、AWS::ElastiCache::ServerlessCache を使ってください。',
  },
  details: {
    memcached: {
      en: 'a Memcached CacheCluster has no encryption at rest; use a ServerlessCache, or a Redis OSS/Valkey ReplicationGroup',
      ja: 'Memcached の CacheCluster には保管時の暗号化がありません。ServerlessCache か、Redis OSS/Valkey の ReplicationGroup を使ってください',
    },
    cacheCluster: {
      en: 'a CacheCluster cannot encrypt at rest or in transit; use a ReplicationGroup or a ServerlessCache',
      ja: 'CacheCluster では保管時の暗号化も転送中の暗号化もできません。ReplicationGroup か ServerlessCache を使ってください',
    },
  },
  check(cache) {
    switch (cache.type) {
      case SERVERLESS_CACHE:
        return COMPLIANT;
      case CACHE_CLUSTER: {
        const memcached = cache.prop('Engine').some((a) => a.known && typeof a.value === 'string' && a.value.toLowerCase() === 'memcached');
        return nonCompliant(memcached ? 'memcached' : 'cacheCluster', {});
      }
      case REPLICATION_GROUP:
        return worst(
          judge(cache.prop('AtRestEncryptionEnabled'), 'AtRestEncryptionEnabled', isTrue),
          judge(cache.prop('TransitEncryptionEnabled'), 'TransitEncryptionEnabled', isTrue),
          judge(cache.prop('TransitEncryptionMode'), 'TransitEncryptionMode',
            (v) => (v === undefined ? true : typeof v === 'string' ? v.toLowerCase() === 'required' : undefined)),
        );
      default:
        return NOT_APPLICABLE;
    }
  },
});
