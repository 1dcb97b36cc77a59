import { isOpaque } from '../../engine/values';
import { describeValue } from '../../engine/messages';
import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { literalString, referencedResource } from '../../engine/lookup';
import { at, eachElement } from './helpers';

const WEAK_ORIGIN_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/**
 * CloudFront connects to custom origins (and VPC origins) with HTTPS only, with TLS 1.2 or later.
 * S3 origins (S3OriginConfig, origin access control) always use HTTPS and are not applicable.
 */
export const CloudFrontOriginHttps = defineRule({
  id: 'FTG-CF-6',
  name: 'CloudFrontOriginHttps',
  items: ['DM-1'],
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: {
    en: 'CloudFront connects to a custom origin over plain HTTP, or allows SSLv3/TLSv1/TLSv1.1 to it (OriginProtocolPolicy not https-only, or weak OriginSSLProtocols).',
    ja: 'CloudFront がカスタムオリジンに平文の HTTP で接続するか、SSLv3/TLSv1/TLSv1.1 を許可しています（OriginProtocolPolicy が https-only でない、または OriginSSLProtocols が弱い）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit on every hop, not only between the viewer and the edge: the leg from CloudFront to the origin crosses the Internet too, and carries the same requests, cookies and personal data.',
    ja: 'DM-1 はビューワーとエッジの間だけでなく、すべての区間での通信の暗号化を求めています。CloudFront からオリジンへの区間もインターネットを通り、同じリクエスト・Cookie・個人情報を運びます。',
  },
  fix: {
    en: 'Use `new origins.HttpOrigin(domain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] })` (LoadBalancerV2Origin, FunctionUrlOrigin and VpcOrigin take the same props); in CloudFormation set Origins[].CustomOriginConfig.OriginProtocolPolicy: https-only and OriginSSLProtocols: [TLSv1.2] (for VPC origins, AWS::CloudFront::VpcOrigin VpcOriginEndpointConfig). An S3 website endpoint cannot serve HTTPS: use an S3 bucket origin with origin access control instead.',
    ja: '`new origins.HttpOrigin(domain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] })` を使ってください（LoadBalancerV2Origin・FunctionUrlOrigin・VpcOrigin も同じプロパティを持ちます）。CloudFormation では Origins[].CustomOriginConfig の OriginProtocolPolicy を https-only、OriginSSLProtocols を [TLSv1.2] にします（VPC オリジンは AWS::CloudFront::VpcOrigin の VpcOriginEndpointConfig）。S3 のウェブサイトエンドポイントは HTTPS を提供できないため、オリジンアクセスコントロール付きの S3 バケットオリジンを使ってください。',
  },
  details: {
    'vpc-origin-outside': { en: 'VpcOriginConfig.VpcOriginId is {value}, a VPC origin that is not in this template', ja: 'VpcOriginConfig.VpcOriginId が {value} で、このテンプレートにない VPC オリジンです' },
    'vpc-origin': { en: 'VPC origin {id}', ja: 'VPC オリジン {id}' },
    'origin-policy-not-set': {
      en: 'OriginProtocolPolicy is not set (CloudFront then uses match-viewer, which forwards HTTP as HTTP)',
      ja: 'OriginProtocolPolicy が未設定です（この場合 CloudFront は match-viewer を使い、HTTP のリクエストを HTTP のままオリジンに転送します）',
    },
    'protocols-not-set': { en: 'OriginSSLProtocols is not set (CloudFormation then allows TLSv1 and SSLv3)', ja: 'OriginSSLProtocols が未設定です（この場合 CloudFormation は TLSv1 と SSLv3 を許可します）' },
    'protocols-empty': { en: 'OriginSSLProtocols is empty', ja: 'OriginSSLProtocols が空です' },
    'protocol-unverifiable': { en: 'OriginSSLProtocols contains {value}, which cannot be verified before deployment', ja: 'OriginSSLProtocols に {value} が含まれており、デプロイ前には検証できません' },
    'weak-protocol': { en: 'OriginSSLProtocols allows {protocol}', ja: 'OriginSSLProtocols で {protocol} が許可されています' },
  },
  check(dist) {
    if (dist.type !== 'AWS::CloudFront::Distribution') return NOT_APPLICABLE;
    const origins = eachElement(dist, dist.prop('DistributionConfig.Origins'), 'Origins', { absent: NOT_APPLICABLE }, (origin, i) => {
      if (typeof origin !== 'object' || origin === null) return unverifiable('value-is', { what: `Origins[${i}]`, value: describeValue(origin) });
      const id = literalString(dist.resolve(origin, 'Id'));
      return at(`Origins[${i}]${id ? ` (${id})` : ''}`, originOutcome(dist, origin));
    });
    // Legacy distributions (DistributionConfig.CustomOrigin) have one custom origin outside Origins.
    const legacy = worst(...dist.prop('DistributionConfig.CustomOrigin').map((alt): Outcome => {
      if (!alt.known) return unverifiable('at', { what: 'CustomOrigin', why: alt.why });
      if (alt.value === undefined) return NOT_APPLICABLE;
      if (isOpaque(alt.value) || typeof alt.value !== 'object') return unverifiable('only-at-deployment', { what: 'CustomOrigin', value: describeValue(alt.value) });
      return at('CustomOrigin', customOriginConfig(dist, alt.value));
    }));
    return worst(origins, legacy);
  },
});

/** One entry of Origins: its CustomOriginConfig, or the VPC origin it uses; S3 origins are not applicable. */
function originOutcome(dist: Resource, origin: unknown): Outcome {
  const custom = worst(...dist.resolve(origin, 'CustomOriginConfig').map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: 'CustomOriginConfig', why: alt.why });
    if (alt.value === undefined) return NOT_APPLICABLE;
    if (isOpaque(alt.value) || typeof alt.value !== 'object') return unverifiable('only-at-deployment', { what: 'CustomOriginConfig', value: describeValue(alt.value) });
    return customOriginConfig(dist, alt.value);
  }));
  const vpc = worst(...dist.resolve(origin, 'VpcOriginConfig.VpcOriginId').map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: 'VpcOriginConfig.VpcOriginId', why: alt.why });
    if (alt.value === undefined) return NOT_APPLICABLE;
    const vpcOrigin = referencedResource(dist, alt, 'AWS::CloudFront::VpcOrigin');
    if (!vpcOrigin) return unverifiable('vpc-origin-outside', { value: describeValue(alt.value) });
    return at({ key: 'vpc-origin', params: { id: vpcOrigin.logicalId } }, worst(...vpcOrigin.prop('VpcOriginEndpointConfig').map((cfg): Outcome => {
      if (!cfg.known) return unverifiable('at', { what: 'VpcOriginEndpointConfig', why: cfg.why });
      if (cfg.value === undefined || isOpaque(cfg.value) || typeof cfg.value !== 'object') return unverifiable('value-is', { what: 'VpcOriginEndpointConfig', value: describeValue(cfg.value) });
      // VPC origins default to match-viewer and TLSv1/SSLv3, like custom origins.
      return customOriginConfig(vpcOrigin, cfg.value);
    })));
  }));
  return worst(custom, vpc);
}

/** OriginProtocolPolicy https-only and OriginSSLProtocols without SSLv3/TLSv1/TLSv1.1. */
function customOriginConfig(resource: Resource, cfg: unknown): Outcome {
  const policy = worst(...resource.resolve(cfg, 'OriginProtocolPolicy').map((alt) => {
    if (alt.known && alt.value === undefined) return nonCompliant('origin-policy-not-set', {});
    return judge([alt], 'OriginProtocolPolicy', (v) => (typeof v === 'string' ? v === 'https-only' : undefined));
  }));
  const protocols = eachElement(resource, resource.resolve(cfg, 'OriginSSLProtocols'), 'OriginSSLProtocols', {
    absent: nonCompliant('protocols-not-set', {}),
    empty: nonCompliant('protocols-empty', {}),
  }, (p) => (typeof p !== 'string'
    ? unverifiable('protocol-unverifiable', { value: describeValue(p) })
    : WEAK_ORIGIN_PROTOCOLS.has(p) ? nonCompliant('weak-protocol', { protocol: p }) : COMPLIANT));
  return worst(policy, protocols);
}
