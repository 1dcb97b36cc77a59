import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { CloudFrontViewerHttps } from '../../packs/rules/cloudfront/CloudFrontViewerHttps';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::CloudFront::Distribution';
const origin = [{ Id: 'o', DomainName: 'example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } }];
const dist = (defaultPolicy: unknown, behaviors?: unknown[]) => ({
  D: {
    Type: T,
    Properties: {
      DistributionConfig: {
        Enabled: true,
        Origins: origin,
        DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: defaultPolicy },
        ...(behaviors ? { CacheBehaviors: behaviors } : {}),
      },
    },
  },
});
const behavior = (policy: unknown) => ({ PathPattern: '/api/*', TargetOriginId: 'o', ViewerProtocolPolicy: policy });

describe('CloudFrontViewerHttps (FTG-CF-1)', () => {
  describe('non-compliance', () => {
    test('L2 distribution with the default viewer protocol policy (allow-all)', () => {
      const stack = new Stack(new App());
      new cloudfront.Distribution(stack, 'D', { defaultBehavior: { origin: new origins.HttpOrigin('example.com') } });
      expect(statusOf(CloudFrontViewerHttps, stack, T)).toBe('non-compliant');
    });
    test('L2 distribution whose additional behaviour allows HTTP', () => {
      const stack = new Stack(new App());
      const o = new origins.HttpOrigin('example.com');
      new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: o, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
        additionalBehaviors: { '/api/*': { origin: o, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } },
      });
      const o1 = Object.values(outcomes(CloudFrontViewerHttps, stack)).find((x) => x.status === 'non-compliant');
      expect(o1).toBeDefined();
      expect(o1!.status === 'non-compliant' && o1!.detail).toContain('CacheBehaviors[0] (/api/*)');
    });
    test('escape hatch sets the default behaviour back to allow-all', () => {
      const stack = new Stack(new App());
      const d = new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: new origins.HttpOrigin('example.com'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY },
      });
      (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', 'allow-all');
      expect(statusOf(CloudFrontViewerHttps, stack, T)).toBe('non-compliant');
    });
    test('L1 default behaviour without ViewerProtocolPolicy (allow-all)', () => {
      const o = outcomes(CloudFrontViewerHttps, cfn(dist(undefined))).D;
      expect(o.status).toBe('non-compliant');
      expect(o.status === 'non-compliant' && o.detail).toContain('allow-all');
    });
    test('L1 cache behaviour with allow-all', () => {
      expect(statusOf(CloudFrontViewerHttps, cfn(dist('https-only', [behavior('https-only'), behavior('allow-all')])), T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 distribution redirecting to HTTPS everywhere', () => {
      const stack = new Stack(new App());
      const o = new origins.HttpOrigin('example.com');
      new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: o, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
        additionalBehaviors: { '/api/*': { origin: o, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY } },
      });
      expect(statusOf(CloudFrontViewerHttps, stack, T)).toBe('compliant');
    });
    test('L1 with redirect-to-https and https-only behaviours', () => {
      expect(statusOf(CloudFrontViewerHttps, cfn(dist('redirect-to-https', [behavior('https-only')])), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(CloudFrontViewerHttps, cfn({ B: { Type: 'AWS::S3::Bucket' } }), 'AWS::S3::Bucket')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a compliant default is compliant', () => {
      const t = cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String', Default: 'redirect-to-https' } } });
      expect(statusOf(CloudFrontViewerHttps, t, T)).toBe('compliant');
    });
    test('parameter with allowed values including allow-all is non-compliant', () => {
      const t = cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String', AllowedValues: ['https-only', 'allow-all'] } } });
      expect(statusOf(CloudFrontViewerHttps, t, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      const t = cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String' } } });
      expect(statusOf(CloudFrontViewerHttps, t, T)).toBe('unverifiable');
    });
    test('Fn::If with one allow-all branch is non-compliant', () => {
      expect(statusOf(CloudFrontViewerHttps, cfn(dist({ 'Fn::If': ['C', 'https-only', 'allow-all'] })), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches on HTTPS is compliant', () => {
      expect(statusOf(CloudFrontViewerHttps, cfn(dist({ 'Fn::If': ['C', 'https-only', 'redirect-to-https'] })), T)).toBe('compliant');
    });
    test('Fn::If that removes a cache behaviour (AWS::NoValue) judges the remaining ones', () => {
      const t = cfn(dist('https-only', [{ 'Fn::If': ['C', behavior('allow-all'), { Ref: 'AWS::NoValue' }] }]));
      expect(statusOf(CloudFrontViewerHttps, t, T)).toBe('non-compliant');
    });
    test('GetAtt for the policy is unverifiable', () => {
      const t = cfn({ ...dist({ 'Fn::GetAtt': ['X', 'Policy'] }), X: { Type: 'Custom::X' } });
      expect(statusOf(CloudFrontViewerHttps, t, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in Japanese', () => {
      expect(outcomes(CloudFrontViewerHttps, cfn(dist(undefined)), { language: 'ja' }).D)
        .toEqual({ status: 'non-compliant', detail: 'DefaultCacheBehavior: ViewerProtocolPolicy が未設定です（この場合 CloudFront は HTTP を許可します: allow-all）' });
      expect(outcomes(CloudFrontViewerHttps, cfn(dist('allow-all')), { language: 'ja' }).D)
        .toEqual({ status: 'non-compliant', detail: 'DefaultCacheBehavior: ViewerProtocolPolicy が "allow-all" です' });
    });
  });
});
