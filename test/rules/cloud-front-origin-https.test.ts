import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudFrontOriginHttps } from '../../packs/rules/cloudfront/CloudFrontOriginHttps';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::CloudFront::Distribution';
const custom = (policy: unknown, protocols?: unknown) => ({
  Id: 'app', DomainName: 'app.example.com',
  CustomOriginConfig: { OriginProtocolPolicy: policy, ...(protocols === undefined ? {} : { OriginSSLProtocols: protocols }) },
});
const s3Origin = { Id: 's3', DomainName: 'b.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } };
const dist = (originList: unknown) => ({
  D: {
    Type: T,
    Properties: { DistributionConfig: { Enabled: true, Origins: originList, DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'https-only' } } },
  },
});

function l2(origin: (stack: Stack) => cloudfront.IOrigin): Stack {
  const stack = new Stack(new App());
  new cloudfront.Distribution(stack, 'D', { defaultBehavior: { origin: origin(stack) } });
  return stack;
}

describe('CloudFrontOriginHttps (FTG-CF-6)', () => {
  describe('non-compliance', () => {
    test('L2 HttpOrigin with HTTP_ONLY', () => {
      expect(statusOf(CloudFrontOriginHttps, l2(() => new origins.HttpOrigin('example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY })), T)).toBe('non-compliant');
    });
    test('L2 HttpOrigin allowing TLSv1.1 to the origin', () => {
      const stack = l2(() => new origins.HttpOrigin('example.com', { originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_1, cloudfront.OriginSslPolicy.TLS_V1_2] }));
      const o = outcomes(CloudFrontOriginHttps, stack);
      const d = Object.values(o).find((x) => x.status !== 'not-applicable')!;
      expect(d.status === 'non-compliant' && d.detail).toContain('TLSv1.1');
    });
    test('L2 S3 static website origin (HTTP only)', () => {
      expect(statusOf(CloudFrontOriginHttps, l2((s) => new origins.S3StaticWebsiteOrigin(new s3.Bucket(s, 'B', { websiteIndexDocument: 'index.html' }))), T)).toBe('non-compliant');
    });
    test('escape hatch sets the origin protocol policy to match-viewer', () => {
      const stack = l2(() => new origins.HttpOrigin('example.com'));
      const d = stack.node.findChild('D').node.defaultChild as cloudfront.CfnDistribution;
      d.addPropertyOverride('DistributionConfig.Origins.0.CustomOriginConfig.OriginProtocolPolicy', 'match-viewer');
      expect(statusOf(CloudFrontOriginHttps, stack, T)).toBe('non-compliant');
    });
    test('L1 custom origin without OriginSSLProtocols (CloudFormation default allows TLSv1/SSLv3)', () => {
      expect(statusOf(CloudFrontOriginHttps, cfn(dist([custom('https-only')])), T)).toBe('non-compliant');
    });
    test('L1 legacy CustomOrigin over http-only', () => {
      const t = cfn({ D: { Type: T, Properties: { DistributionConfig: { Enabled: true, CustomOrigin: { DNSName: 'x.example.com', OriginProtocolPolicy: 'http-only', OriginSSLProtocols: ['TLSv1.2'] } } } } });
      expect(statusOf(CloudFrontOriginHttps, t, T)).toBe('non-compliant');
    });
    test('L1 VPC origin of the template with match-viewer', () => {
      const t = cfn({
        ...dist([{ Id: 'vpc', DomainName: 'internal.example.com', VpcOriginConfig: { VpcOriginId: { 'Fn::GetAtt': ['VO', 'Id'] } } }]),
        VO: { Type: 'AWS::CloudFront::VpcOrigin', Properties: { VpcOriginEndpointConfig: { Name: 'vo', Arn: 'arn:aws:elasticloadbalancing:...', OriginProtocolPolicy: 'match-viewer', OriginSSLProtocols: ['TLSv1.2'] } } },
      });
      expect(statusOf(CloudFrontOriginHttps, t, T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 HttpOrigin with its defaults (https-only, TLSv1.2)', () => {
      expect(statusOf(CloudFrontOriginHttps, l2(() => new origins.HttpOrigin('example.com')), T)).toBe('compliant');
    });
    test('L1 custom origin https-only with TLSv1.2 next to an S3 origin', () => {
      expect(statusOf(CloudFrontOriginHttps, cfn(dist([s3Origin, custom('https-only', ['TLSv1.2'])])), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L2 distribution with only an S3 bucket origin (origin access control)', () => {
      expect(statusOf(CloudFrontOriginHttps, l2((s) => origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(s, 'B'))), T)).toBe('not-applicable');
    });
    test('L1 distribution with only S3 origins', () => {
      expect(statusOf(CloudFrontOriginHttps, cfn(dist([s3Origin])), T)).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a compliant default is compliant', () => {
      const t = cfn(dist([custom({ Ref: 'P' }, ['TLSv1.2'])]), { Parameters: { P: { Type: 'String', Default: 'https-only' } } });
      expect(statusOf(CloudFrontOriginHttps, t, T)).toBe('compliant');
    });
    test('parameter with allowed values including http-only is non-compliant', () => {
      const t = cfn(dist([custom({ Ref: 'P' }, ['TLSv1.2'])]), { Parameters: { P: { Type: 'String', AllowedValues: ['https-only', 'http-only'] } } });
      expect(statusOf(CloudFrontOriginHttps, t, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      const t = cfn(dist([custom('https-only', [{ Ref: 'P' }])]), { Parameters: { P: { Type: 'String' } } });
      expect(statusOf(CloudFrontOriginHttps, t, T)).toBe('unverifiable');
    });
    test('Fn::If with one weak protocol list is non-compliant', () => {
      const t = cfn(dist([custom('https-only', { 'Fn::If': ['C', ['TLSv1.2'], ['TLSv1', 'TLSv1.2']] })]));
      expect(statusOf(CloudFrontOriginHttps, t, T)).toBe('non-compliant');
    });
    test('Fn::If with both branches strong is compliant', () => {
      const t = cfn(dist([{ 'Fn::If': ['C', custom('https-only', ['TLSv1.2']), s3Origin] }]));
      expect(statusOf(CloudFrontOriginHttps, t, T)).toBe('compliant');
    });
    test('GetAtt for the protocol policy is unverifiable; a VPC origin outside the template too', () => {
      const t = cfn({ ...dist([custom({ 'Fn::GetAtt': ['X', 'Policy'] }, ['TLSv1.2'])]), X: { Type: 'Custom::X' } });
      expect(statusOf(CloudFrontOriginHttps, t, T)).toBe('unverifiable');
      const v = cfn(dist([{ Id: 'vpc', DomainName: 'x', VpcOriginConfig: { VpcOriginId: 'vo-123' } }]));
      expect(statusOf(CloudFrontOriginHttps, v, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const weak = cfn(dist([{ Id: 'app', DomainName: 'example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2', 'TLSv1'] } }]));
      expect(outcomes(CloudFrontOriginHttps, weak).D).toEqual({ status: 'non-compliant', detail: 'Origins[0] (app): OriginSSLProtocols allows TLSv1' });
      expect(outcomes(CloudFrontOriginHttps, weak, { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'Origins[0] (app): OriginSSLProtocols で TLSv1 が許可されています' });
      const unset = cfn(dist([{ Id: 'app', DomainName: 'example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } }]));
      expect(outcomes(CloudFrontOriginHttps, unset, { language: 'ja' }).D)
        .toEqual({ status: 'non-compliant', detail: 'Origins[0] (app): OriginSSLProtocols が未設定です（この場合 CloudFormation は TLSv1 と SSLv3 を許可します）' });
      const vpc = cfn(dist([{ Id: 'vpc', DomainName: 'example.com', VpcOriginConfig: { VpcOriginId: 'vo-123' } }]));
      expect(outcomes(CloudFrontOriginHttps, vpc, { language: 'ja' }).D)
        .toEqual({ status: 'unverifiable', detail: 'Origins[0] (vpc): VpcOriginConfig.VpcOriginId が "vo-123" で、このテンプレートにない VPC オリジンです' });
    });
  });
});
