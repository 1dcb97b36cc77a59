import { App, Stack } from 'aws-cdk-lib';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import { OpenSearchZoneAwareness } from '../../packs/rules/opensearch/OpenSearchZoneAwareness';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::OpenSearchService::Domain';
const ES = 'AWS::Elasticsearch::Domain';
const domain = (config: unknown, extra = {}) => cfn({ D: { Type: T, Properties: { ClusterConfig: config } } }, extra);
const version = opensearch.EngineVersion.OPENSEARCH_2_11;

describe('OpenSearchZoneAwareness (FTG-OS-2)', () => {
  describe('non-compliance', () => {
    test('L2 domain with the defaults (one node, no zone awareness)', () => {
      const stack = new Stack(new App());
      new opensearch.Domain(stack, 'D', { version });
      expect(statusOf(OpenSearchZoneAwareness, stack, T)).toBe('non-compliant');
    });
    test('L2 domain with zone awareness but one data node', () => {
      const stack = new Stack(new App());
      const d = new opensearch.Domain(stack, 'D', { version, zoneAwareness: { enabled: true }, capacity: { dataNodes: 1, multiAzWithStandbyEnabled: false } });
      expect(outcomes(OpenSearchZoneAwareness, stack)[stack.getLogicalId(d.node.defaultChild as opensearch.CfnDomain)])
        .toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('InstanceCount') }));
    });
    test('L1 legacy Elasticsearch domain without zone awareness', () => {
      expect(statusOf(OpenSearchZoneAwareness, cfn({ E: { Type: ES, Properties: { ElasticsearchClusterConfig: { InstanceCount: 2 } } } }), ES)).toBe('non-compliant');
    });
    test('escape hatch turns zone awareness off', () => {
      const stack = new Stack(new App());
      const d = new opensearch.Domain(stack, 'D', { version, zoneAwareness: { enabled: true }, capacity: { dataNodes: 2, multiAzWithStandbyEnabled: false } });
      (d.node.defaultChild as opensearch.CfnDomain).addPropertyOverride('ClusterConfig.ZoneAwarenessEnabled', false);
      expect(statusOf(OpenSearchZoneAwareness, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 domain with zone awareness and two data nodes', () => {
      const stack = new Stack(new App());
      new opensearch.Domain(stack, 'D', { version, zoneAwareness: { enabled: true }, capacity: { dataNodes: 2, multiAzWithStandbyEnabled: false } });
      expect(statusOf(OpenSearchZoneAwareness, stack, T)).toBe('compliant');
    });
    test('L1 domains (OpenSearch and legacy) with strings', () => {
      expect(statusOf(OpenSearchZoneAwareness, domain({ ZoneAwarenessEnabled: 'true', InstanceCount: '3', ZoneAwarenessConfig: { AvailabilityZoneCount: 3 } }), T)).toBe('compliant');
      expect(statusOf(OpenSearchZoneAwareness, cfn({ E: { Type: ES, Properties: { ElasticsearchClusterConfig: { ZoneAwarenessEnabled: true, InstanceCount: 2 } } } }), ES)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(OpenSearchZoneAwareness, cfn({ A: { Type: 'AWS::OpenSearchServerless::Collection' } }), 'AWS::OpenSearchServerless::Collection')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => domain({ ZoneAwarenessEnabled: true, InstanceCount: { Ref: 'Nodes' } }, { Parameters: { Nodes: { Type: 'Number', ...p } } });
    test('parameter with default 2 is compliant', () => {
      expect(statusOf(OpenSearchZoneAwareness, param({ Default: 2 }), T)).toBe('compliant');
    });
    test('parameter with allowed values including 1 is non-compliant', () => {
      expect(statusOf(OpenSearchZoneAwareness, param({ AllowedValues: [1, 2, 4] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(OpenSearchZoneAwareness, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with a single-node branch is non-compliant', () => {
      expect(statusOf(OpenSearchZoneAwareness, domain({ 'Fn::If': ['Prod', { ZoneAwarenessEnabled: true, InstanceCount: 2 }, { InstanceCount: 1 }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches zone-aware is compliant', () => {
      expect(statusOf(OpenSearchZoneAwareness, domain({ ZoneAwarenessEnabled: true, InstanceCount: { 'Fn::If': ['Prod', 4, 2] } }), T)).toBe('compliant');
    });
    test('GetAtt for the count is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, D: { Type: T, Properties: { ClusterConfig: { ZoneAwarenessEnabled: true, InstanceCount: { 'Fn::GetAtt': ['X', 'N'] } } } } });
      expect(statusOf(OpenSearchZoneAwareness, t, T)).toBe('unverifiable');
    });
  });
});

describe('OpenSearchZoneAwareness details in Japanese', () => {
  test('one node, and an instance count only known at deployment', () => {
    expect(outcomes(OpenSearchZoneAwareness, domain({ ZoneAwarenessEnabled: true, InstanceCount: 1 }), { language: 'ja' }).D)
      .toEqual({ status: 'non-compliant', detail: 'ClusterConfig.InstanceCount が 1 です' });
    const t = domain({ ZoneAwarenessEnabled: true, InstanceCount: { Ref: 'N' } }, { Parameters: { N: { Type: 'Number' } } });
    expect(outcomes(OpenSearchZoneAwareness, t, { language: 'ja' }).D)
      .toEqual({ status: 'unverifiable', detail: 'ClusterConfig.InstanceCount: パラメータ "N" への Ref で、既定値も許可値もありません' });
  });
});
