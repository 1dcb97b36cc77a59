import { App, Stack } from 'aws-cdk-lib';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import { OpenSearchEncrypted } from '../../packs/rules/opensearch/OpenSearchEncrypted';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::OpenSearchService::Domain';
const ES = 'AWS::Elasticsearch::Domain';
const good = {
  EncryptionAtRestOptions: { Enabled: true },
  NodeToNodeEncryptionOptions: { Enabled: true },
  DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
};
const domain = (props: Record<string, unknown>, extra = {}) => cfn({ D: { Type: T, Properties: { ...good, ...props } } }, extra);
const version = opensearch.EngineVersion.OPENSEARCH_2_11;

describe('OpenSearchEncrypted (FTG-OS-1)', () => {
  describe('non-compliance', () => {
    test('L2 domain with the defaults (no encryption, no HTTPS enforcement)', () => {
      const stack = new Stack(new App());
      new opensearch.Domain(stack, 'D', { version });
      expect(statusOf(OpenSearchEncrypted, stack, T)).toBe('non-compliant');
    });
    test('L1 domain with a TLS 1.0 policy', () => {
      const t = domain({ DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' } });
      expect(outcomes(OpenSearchEncrypted, t).D).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('TLSSecurityPolicy') }));
    });
    test('L1 domain without a TLS policy', () => {
      expect(statusOf(OpenSearchEncrypted, domain({ DomainEndpointOptions: { EnforceHTTPS: true } }), T)).toBe('non-compliant');
    });
    test('L1 legacy Elasticsearch domain without node-to-node encryption', () => {
      expect(statusOf(OpenSearchEncrypted, cfn({ E: { Type: ES, Properties: { ...good, NodeToNodeEncryptionOptions: { Enabled: false } } } }), ES)).toBe('non-compliant');
    });
    test('escape hatch stops enforcing HTTPS', () => {
      const stack = new Stack(new App());
      const d = new opensearch.Domain(stack, 'D', { version, enforceHttps: true, nodeToNodeEncryption: true, encryptionAtRest: { enabled: true }, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2 });
      (d.node.defaultChild as opensearch.CfnDomain).addPropertyOverride('DomainEndpointOptions.EnforceHTTPS', false);
      expect(statusOf(OpenSearchEncrypted, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 domain with every encryption and TLS 1.2', () => {
      const stack = new Stack(new App());
      new opensearch.Domain(stack, 'D', { version, enforceHttps: true, nodeToNodeEncryption: true, encryptionAtRest: { enabled: true }, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2 });
      expect(statusOf(OpenSearchEncrypted, stack, T)).toBe('compliant');
    });
    test('L1 domains (OpenSearch and legacy Elasticsearch)', () => {
      expect(statusOf(OpenSearchEncrypted, domain({}), T)).toBe('compliant');
      expect(statusOf(OpenSearchEncrypted, cfn({ E: { Type: ES, Properties: good } }), ES)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(OpenSearchEncrypted, cfn({ A: { Type: 'AWS::OpenSearchServerless::Collection' } }), 'AWS::OpenSearchServerless::Collection')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => domain({ DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: { Ref: 'Tls' } } }, { Parameters: { Tls: { Type: 'String', ...p } } });
    test('parameter with a TLS 1.2 default is compliant', () => {
      expect(statusOf(OpenSearchEncrypted, param({ Default: 'Policy-Min-TLS-1-2-2019-07' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including TLS 1.0 is non-compliant', () => {
      expect(statusOf(OpenSearchEncrypted, param({ AllowedValues: ['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-0-2019-07'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(OpenSearchEncrypted, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with one unencrypted branch is non-compliant', () => {
      expect(statusOf(OpenSearchEncrypted, domain({ EncryptionAtRestOptions: { 'Fn::If': ['Prod', { Enabled: true }, { Ref: 'AWS::NoValue' }] } }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches encrypted is compliant', () => {
      expect(statusOf(OpenSearchEncrypted, domain({ EncryptionAtRestOptions: { 'Fn::If': ['Prod', { Enabled: true, KmsKeyId: 'k' }, { Enabled: 'true' }] } }), T)).toBe('compliant');
    });
    test('GetAtt for a flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, D: { Type: T, Properties: { ...good, NodeToNodeEncryptionOptions: { Enabled: { 'Fn::GetAtt': ['X', 'N2N'] } } } } });
      expect(statusOf(OpenSearchEncrypted, t, T)).toBe('unverifiable');
    });
  });
});

describe('OpenSearchEncrypted details in Japanese', () => {
  test('an old TLS policy, and no TLS policy', () => {
    expect(outcomes(OpenSearchEncrypted, domain({ DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' } }), { language: 'ja' }).D)
      .toEqual({ status: 'non-compliant', detail: 'DomainEndpointOptions.TLSSecurityPolicy が "Policy-Min-TLS-1-0-2019-07" です' });
    expect(outcomes(OpenSearchEncrypted, domain({ DomainEndpointOptions: { EnforceHTTPS: true } }), { language: 'ja' }).D)
      .toEqual({ status: 'non-compliant', detail: 'DomainEndpointOptions.TLSSecurityPolicy が 未設定 です' });
  });
});
