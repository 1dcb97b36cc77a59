import { defineRule, judge, NOT_APPLICABLE, worst } from '../../engine/rule';
import { asNumber } from '../../engine/values';
import { isTrue } from '../../engine/resource-policy';
import { ELASTICSEARCH_DOMAIN, OPENSEARCH_DOMAIN } from './OpenSearchEncrypted';

/**
 * An OpenSearch (or legacy Elasticsearch) domain spreads its data nodes over Availability Zones:
 * ClusterConfig.ZoneAwarenessEnabled is true and ClusterConfig.InstanceCount ≥ 2 (default 1).
 * The legacy type names the block ElasticsearchClusterConfig.
 */
export const OpenSearchZoneAwareness = defineRule({
  id: 'FTG-OS-2',
  name: 'OpenSearchZoneAwareness',
  items: ['CF-1', 'BP-6'],
  resourceTypes: [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN],
  info: {
    en: 'The OpenSearch domain does not spread at least two data nodes over Availability Zones (zone awareness).',
    ja: 'OpenSearch ドメインで、2 台以上のデータノードを複数のアベイラビリティーゾーンに分散（ゾーン認識）していません。',
  },
  explanation: {
    en: 'CF-1 asks for redundancy against failure and BP-6 forbids a single point of failure. With zone awareness OpenSearch places replica shards in another zone, so the loss of a node or a zone neither loses data nor stops search.',
    ja: 'CF-1 は障害に備えた冗長化を求め、BP-6 は単一障害点を許さないとしています。ゾーン認識を有効にすると OpenSearch はレプリカシャードを別の AZ に配置するため、ノードや AZ の障害でデータを失わず、検索も止まりません。',
  },
  fix: {
    en: 'On `opensearch.Domain` set `zoneAwareness: { enabled: true, availabilityZoneCount: 2 }` (or 3) and `capacity: { dataNodes: 2 }` or more; in CloudFormation ClusterConfig.ZoneAwarenessEnabled: true and ClusterConfig.InstanceCount ≥ 2 (ElasticsearchClusterConfig for AWS::Elasticsearch::Domain).',
    ja: '`opensearch.Domain` に `zoneAwareness: { enabled: true, availabilityZoneCount: 2 }`（または 3）と `capacity: { dataNodes: 2 }` 以上を指定してください。CloudFormation では ClusterConfig.ZoneAwarenessEnabled: true と ClusterConfig.InstanceCount ≥ 2 です（AWS::Elasticsearch::Domain では ElasticsearchClusterConfig）。',
  },
  check(domain) {
    if (domain.type !== OPENSEARCH_DOMAIN && domain.type !== ELASTICSEARCH_DOMAIN) return NOT_APPLICABLE;
    const block = domain.type === OPENSEARCH_DOMAIN ? 'ClusterConfig' : 'ElasticsearchClusterConfig';
    return worst(
      judge(domain.prop(`${block}.ZoneAwarenessEnabled`), `${block}.ZoneAwarenessEnabled`, isTrue),
      judge(domain.prop(`${block}.InstanceCount`), `${block}.InstanceCount`, (v) => {
        if (v === undefined) return false;
        const n = asNumber(v);
        return n === undefined ? undefined : n >= 2;
      }),
    );
  },
});
