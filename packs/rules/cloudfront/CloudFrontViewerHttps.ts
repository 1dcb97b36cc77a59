import { defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { at, CACHE_BEHAVIOR_DETAILS, eachCacheBehavior } from './helpers';

const HTTPS_POLICIES = new Set(['redirect-to-https', 'https-only']);

/** Every cache behaviour of a CloudFront distribution makes viewers use HTTPS. */
export const CloudFrontViewerHttps = defineRule({
  id: 'FTG-CF-1',
  name: 'CloudFrontViewerHttps',
  items: ['DM-1'],
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: {
    en: 'A cache behaviour of the CloudFront distribution lets viewers use plain HTTP (ViewerProtocolPolicy is allow-all or not set).',
    ja: 'CloudFront ディストリビューションのキャッシュビヘイビアで、ビューワーが平文の HTTP を使えます（ViewerProtocolPolicy が allow-all または未設定）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit. With allow-all, requests and responses (session cookies, personal data, card data) can travel over the Internet unencrypted and be read or altered on the way.',
    ja: 'DM-1 は通信時のデータ暗号化を求めています。allow-all のままでは、リクエストとレスポンス（セッション Cookie、個人情報、カード情報）が暗号化されずにインターネットを流れ、盗聴・改ざんされるおそれがあります。',
  },
  fix: {
    en: 'Set `viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS` (or HTTPS_ONLY) on `defaultBehavior` and on every entry of `additionalBehaviors`; in CloudFormation set DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy and every CacheBehaviors[].ViewerProtocolPolicy to redirect-to-https or https-only.',
    ja: '`defaultBehavior` と `additionalBehaviors` のすべてに `viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS`（または HTTPS_ONLY）を指定してください。CloudFormation では DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy と CacheBehaviors[].ViewerProtocolPolicy をすべて redirect-to-https または https-only にします。',
  },
  details: {
    ...CACHE_BEHAVIOR_DETAILS,
    'policy-not-set': { en: 'ViewerProtocolPolicy is not set (CloudFront then allows HTTP: allow-all)', ja: 'ViewerProtocolPolicy が未設定です（この場合 CloudFront は HTTP を許可します: allow-all）' },
  },
  check(dist) {
    if (dist.type !== 'AWS::CloudFront::Distribution') return NOT_APPLICABLE;
    return eachCacheBehavior(dist, (behavior, label) => at(label, viewerPolicy(dist, behavior)));
  },
});

function viewerPolicy(dist: Resource, behavior: Record<string, unknown>): Outcome {
  return worst(...dist.resolve(behavior, 'ViewerProtocolPolicy').map((alt) => {
    if (alt.known && alt.value === undefined) return nonCompliant('policy-not-set', {});
    return judge([alt], 'ViewerProtocolPolicy', (v) => (typeof v === 'string' ? HTTPS_POLICIES.has(v) : undefined));
  }));
}
