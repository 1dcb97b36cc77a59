import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { CloudFrontHsts } from '../../packs/rules/cloudfront/CloudFrontHsts';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::CloudFront::Distribution';
const SECURITY_HEADERS = '67f7725c-6f97-4210-82d7-5512b31e9d03';
const dist = (defaultPolicy: unknown, behaviors?: unknown[]) => ({
  D: {
    Type: T,
    Properties: {
      DistributionConfig: {
        Enabled: true,
        DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'https-only', ...(defaultPolicy === undefined ? {} : { ResponseHeadersPolicyId: defaultPolicy }) },
        ...(behaviors ? { CacheBehaviors: behaviors } : {}),
      },
    },
  },
});
const policy = (maxAge: unknown) => ({
  RHP: {
    Type: 'AWS::CloudFront::ResponseHeadersPolicy',
    Properties: { ResponseHeadersPolicyConfig: { Name: 'p', SecurityHeadersConfig: { StrictTransportSecurity: { AccessControlMaxAgeSec: maxAge, Override: true } } } },
  },
});

function l2(hsts: Duration | undefined, extra?: cloudfront.IResponseHeadersPolicy): Stack {
  const stack = new Stack(new App());
  const o = new origins.HttpOrigin('example.com');
  const rhp = hsts
    ? new cloudfront.ResponseHeadersPolicy(stack, 'RHP', { securityHeadersBehavior: { strictTransportSecurity: { accessControlMaxAge: hsts, override: true } } })
    : undefined;
  new cloudfront.Distribution(stack, 'D', {
    defaultBehavior: { origin: o, responseHeadersPolicy: rhp },
    additionalBehaviors: extra ? { '/api/*': { origin: o, responseHeadersPolicy: extra } } : {},
  });
  return stack;
}

describe('CloudFrontHsts (FTG-CF-3)', () => {
  describe('non-compliance', () => {
    test('L2 distribution without a response headers policy', () => {
      expect(statusOf(CloudFrontHsts, l2(undefined), T)).toBe('non-compliant');
    });
    test('L2 response headers policy with a one-day max-age', () => {
      expect(statusOf(CloudFrontHsts, l2(Duration.days(1)), T)).toBe('non-compliant');
    });
    test('L1 policy of the template without StrictTransportSecurity', () => {
      const t = cfn({
        ...dist({ Ref: 'RHP' }),
        RHP: { Type: 'AWS::CloudFront::ResponseHeadersPolicy', Properties: { ResponseHeadersPolicyConfig: { Name: 'p', SecurityHeadersConfig: {} } } },
      });
      const o = outcomes(CloudFrontHsts, t).D;
      expect(o.status).toBe('non-compliant');
      expect(o.status === 'non-compliant' && o.detail).toContain('RHP');
    });
    test('L1 cache behaviour without a policy while the default has one', () => {
      const t = cfn(dist(SECURITY_HEADERS, [{ PathPattern: '/x/*', TargetOriginId: 'o', ViewerProtocolPolicy: 'https-only' }]));
      expect(statusOf(CloudFrontHsts, t, T)).toBe('non-compliant');
    });
    test('escape hatch removes the policy of the default behaviour', () => {
      const stack = l2(Duration.days(365));
      const d = stack.node.findChild('D').node.defaultChild as cloudfront.CfnDistribution;
      d.addPropertyDeletionOverride('DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId');
      expect(statusOf(CloudFrontHsts, stack, T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 policy with a one-year max-age and the managed SECURITY_HEADERS policy', () => {
      expect(statusOf(CloudFrontHsts, l2(Duration.days(365), cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS), T)).toBe('compliant');
    });
    test('L1 managed CORS-with-preflight-and-SecurityHeadersPolicy', () => {
      expect(statusOf(CloudFrontHsts, cfn(dist('eaab4381-ed33-4a86-88ca-d9558dc6cd63')), T)).toBe('compliant');
    });
    test('L1 policy of the template referenced with GetAtt Id, max-age as a string', () => {
      expect(statusOf(CloudFrontHsts, cfn({ ...dist({ 'Fn::GetAtt': ['RHP', 'Id'] }), ...policy('63072000') }), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('the response headers policy itself and other types', () => {
      const t = cfn({ ...policy(31536000) });
      expect(statusOf(CloudFrontHsts, t, 'AWS::CloudFront::ResponseHeadersPolicy')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('a managed or external policy ID that is not known to send HSTS is unverifiable', () => {
      expect(statusOf(CloudFrontHsts, cfn(dist('60669652-455b-4ae9-85a4-c4c02393f86c')), T)).toBe('unverifiable');
    });
    test('parameter with the SecurityHeadersPolicy ID as default is compliant', () => {
      const t = cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String', Default: SECURITY_HEADERS } } });
      expect(statusOf(CloudFrontHsts, t, T)).toBe('compliant');
    });
    test('parameter with allowed values including an empty ID is non-compliant', () => {
      const t = cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String', AllowedValues: [SECURITY_HEADERS, ''] } } });
      expect(statusOf(CloudFrontHsts, t, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(CloudFrontHsts, cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('max-age from a parameter with allowed values including a short one is non-compliant', () => {
      const t = cfn({ ...dist({ Ref: 'RHP' }), ...policy({ Ref: 'Age' }) }, { Parameters: { Age: { Type: 'Number', AllowedValues: [31536000, 300] } } });
      expect(statusOf(CloudFrontHsts, t, T)).toBe('non-compliant');
    });
    test('Fn::If with one branch without a policy is non-compliant', () => {
      const t = cfn(dist({ 'Fn::If': ['C', SECURITY_HEADERS, { Ref: 'AWS::NoValue' }] }));
      expect(statusOf(CloudFrontHsts, t, T)).toBe('non-compliant');
    });
    test('Fn::If with both branches sending HSTS is compliant', () => {
      const t = cfn({ ...dist({ 'Fn::If': ['C', SECURITY_HEADERS, { Ref: 'RHP' }] }), ...policy(31536000) });
      expect(statusOf(CloudFrontHsts, t, T)).toBe('compliant');
    });
    test('GetAtt of a resource that is not a response headers policy is unverifiable', () => {
      const t = cfn({ ...dist({ 'Fn::GetAtt': ['X', 'Id'] }), X: { Type: 'Custom::X' } });
      expect(statusOf(CloudFrontHsts, t, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const short = cfn({ ...dist({ Ref: 'RHP' }), ...policy(86400) });
      expect(outcomes(CloudFrontHsts, short).D)
        .toEqual({ status: 'non-compliant', detail: 'DefaultCacheBehavior: response headers policy RHP: AccessControlMaxAgeSec is 86400, less than one year (31536000)' });
      expect(outcomes(CloudFrontHsts, short, { language: 'ja' }).D)
        .toEqual({ status: 'non-compliant', detail: 'DefaultCacheBehavior: レスポンスヘッダーポリシー RHP: AccessControlMaxAgeSec が 86400 で、1 年（31536000）未満です' });
      expect(outcomes(CloudFrontHsts, cfn(dist(undefined)), { language: 'ja' }).D)
        .toEqual({ status: 'non-compliant', detail: 'DefaultCacheBehavior: ResponseHeadersPolicyId が未設定です。そのため HSTS ヘッダーが送信されません' });
      const param = cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String', Default: 'abc' } } });
      expect(outcomes(CloudFrontHsts, param, { language: 'ja' }).D).toEqual({
        status: 'unverifiable',
        detail: 'DefaultCacheBehavior: ResponseHeadersPolicyId が "abc"（パラメータ "P" の既定値 "abc"） で、このテンプレートにないポリシーのため、HSTS の設定を検証できません',
      });
    });
  });
});
