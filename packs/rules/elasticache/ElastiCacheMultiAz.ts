import { defineRule, judge, NOT_APPLICABLE, worst } from '../../engine/rule';
import { isTrue } from '../../engine/resource-policy';

/**
 * An ElastiCache replication group fails over automatically to a replica in another Availability
 * Zone: AutomaticFailoverEnabled and MultiAZEnabled are true (both default to false).
 */
export const ElastiCacheMultiAz = defineRule({
  id: 'FTG-EC-2',
  name: 'ElastiCacheMultiAz',
  items: ['CF-1', 'BP-6'],
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  info: {
    en: 'The ElastiCache replication group does not fail over automatically across Availability Zones (AutomaticFailoverEnabled and MultiAZEnabled are not both true).',
    ja: 'ElastiCache レプリケーショングループがアベイラビリティーゾーンをまたいで自動フェイルオーバーしません（AutomaticFailoverEnabled と MultiAZEnabled が両方 true ではありません）。',
  },
  explanation: {
    en: 'CF-1 asks for redundancy against failure and BP-6 forbids a single point of failure. Without Multi-AZ automatic failover, the loss of the primary node or its zone stops writes (and often the service that keeps sessions in the cache) until someone promotes a replica.',
    ja: 'CF-1 は障害に備えた冗長化を求め、BP-6 は単一障害点を許さないとしています。Multi-AZ の自動フェイルオーバーがないと、プライマリノードやその AZ の障害で書き込みが止まり（セッションをキャッシュに置くサービスも止まり）、誰かがレプリカを昇格させるまで復旧しません。',
  },
  fix: {
    en: 'On `elasticache.CfnReplicationGroup` set `automaticFailoverEnabled: true`, `multiAzEnabled: true` and at least one replica (`numCacheClusters: 2` or `replicasPerNodeGroup: 1`); in CloudFormation AutomaticFailoverEnabled: true and MultiAZEnabled: true.',
    ja: '`elasticache.CfnReplicationGroup` で `automaticFailoverEnabled: true`・`multiAzEnabled: true` と 1 つ以上のレプリカ（`numCacheClusters: 2` または `replicasPerNodeGroup: 1`）を指定してください。CloudFormation では AutomaticFailoverEnabled: true と MultiAZEnabled: true です。',
  },
  check(group) {
    if (group.type !== 'AWS::ElastiCache::ReplicationGroup') return NOT_APPLICABLE;
    return worst(
      judge(group.prop('AutomaticFailoverEnabled'), 'AutomaticFailoverEnabled', isTrue),
      judge(group.prop('MultiAZEnabled'), 'MultiAZEnabled', isTrue),
    );
  },
});
