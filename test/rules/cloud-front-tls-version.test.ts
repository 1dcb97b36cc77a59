import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { CloudFrontTlsVersion, isModernSecurityPolicy } from '../../packs/rules/cloudfront/CloudFrontTlsVersion';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::CloudFront::Distribution';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
const dist = (viewerCertificate: unknown) => ({
  D: {
    Type: T,
    Properties: {
      DistributionConfig: {
        Enabled: true,
        Aliases: ['www.example.com'],
        DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'https-only' },
        ...(viewerCertificate === undefined ? {} : { ViewerCertificate: viewerCertificate }),
      },
    },
  },
});
const acmCert = (version: unknown) => ({ AcmCertificateArn: CERT, SslSupportMethod: 'sni-only', MinimumProtocolVersion: version });

function l2(props: Partial<cloudfront.DistributionProps>): Stack {
  const stack = new Stack(new App());
  new cloudfront.Distribution(stack, 'D', { defaultBehavior: { origin: new origins.HttpOrigin('example.com') }, ...props });
  return stack;
}

describe('CloudFrontTlsVersion (FTG-CF-2)', () => {
  describe('non-compliance', () => {
    test('L2 distribution with the default CloudFront certificate', () => {
      const o = outcomes(CloudFrontTlsVersion, l2({}));
      const d = Object.values(o).find((x) => x.status !== 'not-applicable')!;
      expect(d.status).toBe('non-compliant');
      expect(d.status === 'non-compliant' && d.detail).toContain('TLSv1');
    });
    test('L2 distribution with a custom certificate and TLSv1.1_2016', () => {
      const stack = new Stack(new App());
      new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: new origins.HttpOrigin('example.com') },
        domainNames: ['www.example.com'],
        certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_1_2016,
      });
      expect(statusOf(CloudFrontTlsVersion, stack, T)).toBe('non-compliant');
    });
    test('escape hatch lowers the security policy to TLSv1.2_2018', () => {
      const stack = new Stack(new App());
      const d = new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: new origins.HttpOrigin('example.com') },
        domainNames: ['www.example.com'],
        certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      });
      (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.ViewerCertificate.MinimumProtocolVersion', 'TLSv1.2_2018');
      expect(statusOf(CloudFrontTlsVersion, stack, T)).toBe('non-compliant');
    });
    test('L1 CloudFrontDefaultCertificate true, even with a modern MinimumProtocolVersion', () => {
      const t = cfn(dist({ CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1.2_2021' }));
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('non-compliant');
    });
    test('L1 CloudFrontDefaultCertificate "true" as a string', () => {
      expect(statusOf(CloudFrontTlsVersion, cfn(dist({ CloudFrontDefaultCertificate: 'true' })), T)).toBe('non-compliant');
    });
    test('L1 ACM certificate without MinimumProtocolVersion (TLSv1)', () => {
      const t = cfn(dist({ AcmCertificateArn: CERT, SslSupportMethod: 'sni-only' }));
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('non-compliant');
    });
    test('L1 with TLSv1 and no ViewerCertificate', () => {
      expect(statusOf(CloudFrontTlsVersion, cfn(dist(acmCert('TLSv1'))), T)).toBe('non-compliant');
      expect(statusOf(CloudFrontTlsVersion, cfn(dist(undefined)), T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 distribution with a custom domain and TLS_V1_2_2021', () => {
      const stack = new Stack(new App());
      new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: new origins.HttpOrigin('example.com') },
        domainNames: ['www.example.com'],
        certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      });
      expect(statusOf(CloudFrontTlsVersion, stack, T)).toBe('compliant');
    });
    test('L1 with TLSv1.2_2019, TLSv1.2_2025 and TLSv1.3_2025', () => {
      for (const v of ['TLSv1.2_2019', 'TLSv1.2_2025', 'TLSv1.3_2025']) {
        expect(statusOf(CloudFrontTlsVersion, cfn(dist(acmCert(v))), T)).toBe('compliant');
      }
    });
    test('the security policy list', () => {
      expect(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018'].map(isModernSecurityPolicy)).toEqual([false, false, false, false, false]);
      expect(['TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.3_2025'].map(isModernSecurityPolicy)).toEqual([true, true, true]);
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(CloudFrontTlsVersion, cfn({ B: { Type: 'AWS::S3::Bucket' } }), 'AWS::S3::Bucket')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a compliant default is compliant', () => {
      const t = cfn(dist(acmCert({ Ref: 'P' })), { Parameters: { P: { Type: 'String', Default: 'TLSv1.2_2021' } } });
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('compliant');
    });
    test('parameter with allowed values including TLSv1 is non-compliant', () => {
      const t = cfn(dist(acmCert({ Ref: 'P' })), { Parameters: { P: { Type: 'String', AllowedValues: ['TLSv1.2_2021', 'TLSv1'] } } });
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      const t = cfn(dist(acmCert({ Ref: 'P' })), { Parameters: { P: { Type: 'String' } } });
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('unverifiable');
    });
    test('Fn::If between a custom certificate and the default certificate is non-compliant', () => {
      const t = cfn(dist({ 'Fn::If': ['HasDomain', acmCert('TLSv1.2_2021'), { CloudFrontDefaultCertificate: true }] }));
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('non-compliant');
    });
    test('Fn::If with both branches modern is compliant', () => {
      const t = cfn(dist(acmCert({ 'Fn::If': ['C', 'TLSv1.2_2021', 'TLSv1.2_2019'] })));
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('compliant');
    });
    test('GetAtt for the version is unverifiable', () => {
      const t = cfn({ ...dist(acmCert({ 'Fn::GetAtt': ['X', 'Version'] })), X: { Type: 'Custom::X' } });
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('unverifiable');
    });
    test('an unknown CloudFrontDefaultCertificate is unverifiable', () => {
      const t = cfn(dist({ ...acmCert('TLSv1.2_2021'), CloudFrontDefaultCertificate: { Ref: 'P' } }), { Parameters: { P: { Type: 'String' } } });
      expect(statusOf(CloudFrontTlsVersion, t, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(CloudFrontTlsVersion, cfn(dist(undefined))).D).toEqual({
        status: 'non-compliant',
        detail: 'ViewerCertificate is not set: the distribution uses the default *.cloudfront.net certificate, which allows TLSv1',
      });
      expect(outcomes(CloudFrontTlsVersion, cfn(dist(undefined)), { language: 'ja' }).D).toEqual({
        status: 'non-compliant',
        detail: 'ViewerCertificate が未設定です。ディストリビューションは既定の *.cloudfront.net 証明書を使い、TLSv1 を許可します',
      });
      expect(outcomes(CloudFrontTlsVersion, cfn(dist({ AcmCertificateArn: CERT, SslSupportMethod: 'sni-only' })), { language: 'ja' }).D)
        .toEqual({ status: 'non-compliant', detail: 'MinimumProtocolVersion が未設定です（この場合 CloudFront は TLSv1 を使います）' });
    });
  });
});
