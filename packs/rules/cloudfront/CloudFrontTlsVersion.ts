import { asBoolean, isOpaque } from '../../engine/values';
import { describeValue, viaNote } from '../../engine/messages';
import { defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';

/**
 * Whether a CloudFront security policy (MinimumProtocolVersion) accepts only TLS 1.2 or later with
 * current ciphers: TLSv1.2_2019 and later, any TLSv1.3 policy. TLSv1.2_2018 still offers CBC/SHA-1
 * cipher suites; SSLv3, TLSv1, TLSv1_2016 and TLSv1.1_2016 accept old protocol versions.
 */
export function isModernSecurityPolicy(v: string): boolean {
  if (/^TLSv1\.3(_\d{4})?$/.test(v)) return true;
  const m = /^TLSv1\.2_(\d{4})$/.exec(v);
  return !!m && Number(m[1]) >= 2019;
}

/** Viewers reach the distribution with TLS 1.2 or later only. */
export const CloudFrontTlsVersion = defineRule({
  id: 'FTG-CF-2',
  name: 'CloudFrontTlsVersion',
  items: ['DM-1'],
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: {
    en: 'The CloudFront distribution accepts viewer connections with TLS versions older than 1.2 (old security policy, or the default *.cloudfront.net certificate, which allows TLSv1).',
    ja: 'CloudFront ディストリビューションが TLS 1.2 より古いバージョンでのビューワー接続を受け付けます（古いセキュリティポリシー、または TLSv1 を許可するデフォルトの *.cloudfront.net 証明書）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit, which means encryption that still protects: TLS 1.0 and 1.1 are deprecated (RFC 8996) and PCI DSS no longer accepts them. The default CloudFront certificate always allows TLSv1, whatever MinimumProtocolVersion says.',
    ja: 'DM-1 は通信時の暗号化を求めており、それは今も安全な暗号化でなければなりません。TLS 1.0/1.1 は廃止済み（RFC 8996）で、PCI DSS でも認められていません。デフォルトの CloudFront 証明書を使うと、MinimumProtocolVersion の値にかかわらず常に TLSv1 が許可されます。',
  },
  fix: {
    en: 'Use a custom domain with an ACM certificate (in us-east-1): `domainNames`, `certificate` and `minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021` on `cloudfront.Distribution`; in CloudFormation set DistributionConfig.ViewerCertificate.AcmCertificateArn, SslSupportMethod: sni-only and MinimumProtocolVersion: TLSv1.2_2021 (or later).',
    ja: '独自ドメインと ACM 証明書（us-east-1）を使い、`cloudfront.Distribution` に `domainNames`・`certificate`・`minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021` を指定してください。CloudFormation では DistributionConfig.ViewerCertificate の AcmCertificateArn、SslSupportMethod: sni-only、MinimumProtocolVersion: TLSv1.2_2021（以降）を設定します。',
  },
  details: {
    'no-certificate': {
      en: 'ViewerCertificate is not set{via}: the distribution uses the default *.cloudfront.net certificate, which allows TLSv1',
      ja: 'ViewerCertificate が未設定です{via}。ディストリビューションは既定の *.cloudfront.net 証明書を使い、TLSv1 を許可します',
    },
    'default-certificate': {
      en: 'CloudFrontDefaultCertificate is true{via}: the default *.cloudfront.net certificate allows TLSv1 whatever MinimumProtocolVersion says',
      ja: 'CloudFrontDefaultCertificate が true です{via}。既定の *.cloudfront.net 証明書は、MinimumProtocolVersion の設定にかかわらず TLSv1 を許可します',
    },
    'minimum-not-set': { en: 'MinimumProtocolVersion is not set (CloudFront then uses TLSv1)', ja: 'MinimumProtocolVersion が未設定です（この場合 CloudFront は TLSv1 を使います）' },
  },
  check(dist) {
    if (dist.type !== 'AWS::CloudFront::Distribution') return NOT_APPLICABLE;
    return worst(...dist.prop('DistributionConfig.ViewerCertificate').map((alt): Outcome => {
      if (!alt.known) return unverifiable('at', { what: 'ViewerCertificate', why: alt.why });
      if (alt.value === undefined) {
        return nonCompliant('no-certificate', { via: viaNote(alt.via) });
      }
      if (isOpaque(alt.value) || typeof alt.value !== 'object') return unverifiable('only-at-deployment', { what: 'ViewerCertificate', value: describeValue(alt.value) });
      return viewerCertificate(dist, alt.value);
    }));
  },
});

function viewerCertificate(dist: Resource, cert: unknown): Outcome {
  const minimum = minimumVersion(dist, cert);
  return worst(...dist.resolve(cert, 'CloudFrontDefaultCertificate').map((alt): Outcome => {
    if (!alt.known) return worst(unverifiable('at', { what: 'CloudFrontDefaultCertificate', why: alt.why }), minimum);
    const isDefault = alt.value === undefined ? false : asBoolean(alt.value);
    if (isDefault === true) {
      return nonCompliant('default-certificate', { via: viaNote(alt.via) });
    }
    if (isDefault === undefined) return worst(unverifiable('value-unverifiable', { what: 'CloudFrontDefaultCertificate', value: describeValue(alt.value) }), minimum);
    return minimum;
  }));
}

function minimumVersion(dist: Resource, cert: unknown): Outcome {
  return worst(...dist.resolve(cert, 'MinimumProtocolVersion').map((alt) => {
    if (alt.known && alt.value === undefined) return nonCompliant('minimum-not-set', {});
    return judge([alt], 'MinimumProtocolVersion', (v) => (typeof v === 'string' ? isModernSecurityPolicy(v) : undefined));
  }));
}
