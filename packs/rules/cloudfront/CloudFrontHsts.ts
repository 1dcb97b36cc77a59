import { asNumber, isOpaque } from '../../engine/values';
import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { describeValue, viaNote } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { referencedResource } from '../../engine/lookup';
import { at, CACHE_BEHAVIOR_DETAILS, eachCacheBehavior } from './helpers';

/** One year, the max-age HSTS needs to be useful (and what the HSTS preload list asks for). */
export const HSTS_MIN_MAX_AGE = 31536000;

/**
 * AWS managed response headers policies that send `Strict-Transport-Security: max-age=31536000`
 * (their security-headers part is the same as SecurityHeadersPolicy). CDK:
 * `ResponseHeadersPolicy.SECURITY_HEADERS`, `CORS_ALLOW_ALL_ORIGINS_AND_SECURITY_HEADERS`,
 * `CORS_ALLOW_ALL_ORIGINS_WITH_PREFLIGHT_AND_SECURITY_HEADERS`.
 */
export const MANAGED_HSTS_POLICIES: Readonly<Record<string, string>> = {
  '67f7725c-6f97-4210-82d7-5512b31e9d03': 'SecurityHeadersPolicy',
  'e61eb60c-9c35-4d20-a928-2b84e02af89c': 'CORS-and-SecurityHeadersPolicy',
  'eaab4381-ed33-4a86-88ca-d9558dc6cd63': 'CORS-with-preflight-and-SecurityHeadersPolicy',
};

const POLICY_TYPE = 'AWS::CloudFront::ResponseHeadersPolicy';

/** Every cache behaviour sends an HSTS header of at least one year. */
export const CloudFrontHsts = defineRule({
  id: 'FTG-CF-3',
  name: 'CloudFrontHsts',
  items: ['BP-4'],
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: {
    en: 'A cache behaviour of the CloudFront distribution does not send an HSTS header (Strict-Transport-Security with max-age of at least one year).',
    ja: 'CloudFront ディストリビューションのキャッシュビヘイビアが HSTS ヘッダー（max-age が 1 年以上の Strict-Transport-Security）を返しません。',
  },
  explanation: {
    en: 'BP-4 asks web services to use HSTS. Without it, the first request of a browser can still go over HTTP and be redirected by an attacker (SSL stripping), even when CloudFront redirects HTTP to HTTPS.',
    ja: 'BP-4 は Web サービスに HSTS の採用を求めています。HSTS がないと、CloudFront が HTTP を HTTPS にリダイレクトしていても、ブラウザーの最初のリクエストが HTTP で送られ、攻撃者に書き換えられる（SSL ストリッピング）おそれがあります。',
  },
  fix: {
    en: 'Set `responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS`, or a `new cloudfront.ResponseHeadersPolicy(...)` with `securityHeadersBehavior.strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true }`, on `defaultBehavior` and every `additionalBehaviors` entry; in CloudFormation set ResponseHeadersPolicyId on DefaultCacheBehavior and every CacheBehaviors[] to such a policy (StrictTransportSecurity.AccessControlMaxAgeSec >= 31536000).',
    ja: '`defaultBehavior` と `additionalBehaviors` のすべてに `responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS`、または `securityHeadersBehavior.strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true }` を設定した `new cloudfront.ResponseHeadersPolicy(...)` を指定してください。CloudFormation では DefaultCacheBehavior と CacheBehaviors[] の ResponseHeadersPolicyId に、StrictTransportSecurity.AccessControlMaxAgeSec が 31536000 以上のポリシーを指定します。',
  },
  details: {
    ...CACHE_BEHAVIOR_DETAILS,
    'no-policy': { en: 'ResponseHeadersPolicyId is not set{via}, so no HSTS header is sent', ja: 'ResponseHeadersPolicyId が未設定です{via}。そのため HSTS ヘッダーが送信されません' },
    'policy-outside': {
      en: 'ResponseHeadersPolicyId is {value}{via}, a policy that is not in this template, so its HSTS setting cannot be verified',
      ja: 'ResponseHeadersPolicyId が {value}{via} で、このテンプレートにないポリシーのため、HSTS の設定を検証できません',
    },
    'not-policy': {
      en: 'ResponseHeadersPolicyId is {value}{via}, which is not a response headers policy of this template',
      ja: 'ResponseHeadersPolicyId が {value}{via} で、このテンプレートのレスポンスヘッダーポリシーではありません',
    },
    'response-headers-policy': { en: 'response headers policy {id}', ja: 'レスポンスヘッダーポリシー {id}' },
    'hsts-not-set': { en: 'SecurityHeadersConfig.StrictTransportSecurity is not set', ja: 'SecurityHeadersConfig.StrictTransportSecurity が未設定です' },
    'max-age-not-set': { en: 'StrictTransportSecurity.AccessControlMaxAgeSec is not set', ja: 'StrictTransportSecurity.AccessControlMaxAgeSec が未設定です' },
    'max-age-short': { en: 'AccessControlMaxAgeSec is {value}{via}, less than one year ({min})', ja: 'AccessControlMaxAgeSec が {value}{via} で、1 年（{min}）未満です' },
  },
  check(dist) {
    if (dist.type !== 'AWS::CloudFront::Distribution') return NOT_APPLICABLE;
    return eachCacheBehavior(dist, (behavior, label) => at(label, responseHeadersPolicy(dist, behavior)));
  },
});

function responseHeadersPolicy(dist: Resource, behavior: Record<string, unknown>): Outcome {
  return worst(...dist.resolve(behavior, 'ResponseHeadersPolicyId').map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: 'ResponseHeadersPolicyId', why: alt.why });
    const via = viaNote(alt.via);
    if (alt.value === undefined || alt.value === '') return nonCompliant('no-policy', { via });
    if (typeof alt.value === 'string') {
      if (MANAGED_HSTS_POLICIES[alt.value.toLowerCase()]) return COMPLIANT;
      return unverifiable('policy-outside', { value: describeValue(alt.value), via });
    }
    const policy = referencedResource(dist, alt, POLICY_TYPE);
    if (!policy) return unverifiable('not-policy', { value: describeValue(alt.value), via });
    return at({ key: 'response-headers-policy', params: { id: policy.logicalId } }, hstsOf(policy));
  }));
}

function hstsOf(policy: Resource): Outcome {
  return worst(...policy.prop('ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity').map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: 'StrictTransportSecurity', why: alt.why });
    if (alt.value === undefined) return nonCompliant('hsts-not-set', {});
    if (isOpaque(alt.value) || typeof alt.value !== 'object') return unverifiable('only-at-deployment', { what: 'StrictTransportSecurity', value: describeValue(alt.value) });
    return worst(...policy.resolve(alt.value, 'AccessControlMaxAgeSec').map((age): Outcome => {
      if (!age.known) return unverifiable('at', { what: 'AccessControlMaxAgeSec', why: age.why });
      const n = asNumber(age.value);
      if (age.value === undefined) return nonCompliant('max-age-not-set', {});
      if (n === undefined) return judge([age], 'AccessControlMaxAgeSec', () => undefined);
      return n >= HSTS_MIN_MAX_AGE ? COMPLIANT : nonCompliant('max-age-short', { value: n, via: viaNote(age.via), min: HSTS_MIN_MAX_AGE });
    }));
  }));
}
