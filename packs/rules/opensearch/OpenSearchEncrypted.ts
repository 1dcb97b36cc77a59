import { defineRule, judge, NOT_APPLICABLE, worst } from '../../engine/rule';
import { isTrue } from '../../engine/resource-policy';

export const OPENSEARCH_DOMAIN = 'AWS::OpenSearchService::Domain';
export const ELASTICSEARCH_DOMAIN = 'AWS::Elasticsearch::Domain';

/**
 * An OpenSearch (or legacy Elasticsearch) domain encrypts at rest, between nodes and at its endpoint:
 * EncryptionAtRestOptions.Enabled, NodeToNodeEncryptionOptions.Enabled and
 * DomainEndpointOptions.EnforceHTTPS are true, and DomainEndpointOptions.TLSSecurityPolicy is a
 * Policy-Min-TLS-1-2-* policy. An absent TLSSecurityPolicy is non-compliant: the service default has
 * long been Policy-Min-TLS-1-0-2019-07, and the template should state the minimum version.
 */
export const OpenSearchEncrypted = defineRule({
  id: 'FTG-OS-1',
  name: 'OpenSearchEncrypted',
  items: ['DM-1'],
  resourceTypes: [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN],
  info: {
    en: 'The OpenSearch domain does not encrypt data at rest, between nodes and at its HTTPS endpoint with TLS 1.2 or later.',
    ja: 'OpenSearch ドメインで、保管時・ノード間・エンドポイント（TLS 1.2 以上の HTTPS）の暗号化が揃っていません。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit and at rest. Search indexes often hold copies of customer records and logs: at-rest encryption protects disks and snapshots, node-to-node encryption the traffic inside the cluster, and an endpoint that accepts HTTP or TLS 1.0/1.1 lets clients send data unprotected or over outdated protocols.',
    ja: 'DM-1 は通信時と保管時のデータ暗号化を求めています。検索インデックスには顧客レコードやログの写しが入ることが多くあります。保管時の暗号化はディスクとスナップショットを、ノード間暗号化はクラスター内の通信を保護します。エンドポイントが HTTP や TLS 1.0/1.1 を受け付けると、クライアントが保護なしで、または古いプロトコルでデータを送れてしまいます。',
  },
  fix: {
    en: 'On `opensearch.Domain` set `encryptionAtRest: { enabled: true }`, `nodeToNodeEncryption: true`, `enforceHttps: true` and `tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2` (or TLS_1_2_PFS); in CloudFormation EncryptionAtRestOptions.Enabled, NodeToNodeEncryptionOptions.Enabled, DomainEndpointOptions.EnforceHTTPS: true and DomainEndpointOptions.TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07 (or Policy-Min-TLS-1-2-PFS-2023-10).',
    ja: '`opensearch.Domain` に `encryptionAtRest: { enabled: true }`・`nodeToNodeEncryption: true`・`enforceHttps: true`・`tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2`（または TLS_1_2_PFS）を指定してください。CloudFormation では EncryptionAtRestOptions.Enabled・NodeToNodeEncryptionOptions.Enabled・DomainEndpointOptions.EnforceHTTPS を true、DomainEndpointOptions.TLSSecurityPolicy を Policy-Min-TLS-1-2-2019-07（または Policy-Min-TLS-1-2-PFS-2023-10）にします。',
  },
  check(domain) {
    if (domain.type !== OPENSEARCH_DOMAIN && domain.type !== ELASTICSEARCH_DOMAIN) return NOT_APPLICABLE;
    return worst(
      judge(domain.prop('EncryptionAtRestOptions.Enabled'), 'EncryptionAtRestOptions.Enabled', isTrue),
      judge(domain.prop('NodeToNodeEncryptionOptions.Enabled'), 'NodeToNodeEncryptionOptions.Enabled', isTrue),
      judge(domain.prop('DomainEndpointOptions.EnforceHTTPS'), 'DomainEndpointOptions.EnforceHTTPS', isTrue),
      judge(domain.prop('DomainEndpointOptions.TLSSecurityPolicy'), 'DomainEndpointOptions.TLSSecurityPolicy',
        (v) => (v === undefined ? false : typeof v === 'string' ? v.startsWith('Policy-Min-TLS-1-2') : undefined)),
    );
  },
});
