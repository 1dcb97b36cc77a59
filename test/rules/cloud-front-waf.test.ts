import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { CloudFrontWaf } from '../../packs/rules/cloudfront/CloudFrontWaf';
import { DISTRIBUTION, l1Distribution, l2Distribution } from '../helpers/cloudfront';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = DISTRIBUTION;
const ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const dist = (webAclId: unknown) => l1Distribution(webAclId === undefined ? {} : { WebACLId: webAclId });

describe('CloudFrontWaf (FTG-CF-4)', () => {
  describe('non-compliance', () => {
    test('L2 distribution without webAclId', () => {
      const { stack } = l2Distribution();
      expect(statusOf(CloudFrontWaf, stack, T)).toBe('non-compliant');
    });
    test('L1 without WebACLId and with an empty WebACLId', () => {
      expect(statusOf(CloudFrontWaf, cfn(dist(undefined)), T)).toBe('non-compliant');
      expect(statusOf(CloudFrontWaf, cfn(dist('')), T)).toBe('non-compliant');
    });
    test('escape hatch removes the web ACL', () => {
      const d = l2Distribution({ webAclId: ACL });
      const { stack } = d;
      (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyDeletionOverride('DistributionConfig.WebACLId');
      expect(statusOf(CloudFrontWaf, stack, T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 distribution with the ARN of a web ACL of the stack', () => {
      const stack = new Stack(new App());
      const acl = new wafv2.CfnWebACL(stack, 'Acl', {
        scope: 'CLOUDFRONT', defaultAction: { allow: {} }, rules: [],
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
      });
      l2Distribution({ webAclId: acl.attrArn }, stack);
      expect(statusOf(CloudFrontWaf, stack, T)).toBe('compliant');
    });
    test('L1 with a literal web ACL ARN', () => {
      expect(statusOf(CloudFrontWaf, cfn(dist(ACL)), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(CloudFrontWaf, cfn({ B: { Type: 'AWS::S3::Bucket' } }), 'AWS::S3::Bucket')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a default ARN is compliant', () => {
      expect(statusOf(CloudFrontWaf, cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String', Default: ACL } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including an empty one is non-compliant', () => {
      expect(statusOf(CloudFrontWaf, cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String', AllowedValues: [ACL, ''] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(CloudFrontWaf, cfn(dist({ Ref: 'P' }), { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(CloudFrontWaf, cfn(dist({ 'Fn::If': ['Prod', ACL, { Ref: 'AWS::NoValue' }] })), T)).toBe('non-compliant');
    });
    test('Fn::If with a web ACL in both branches is compliant', () => {
      expect(statusOf(CloudFrontWaf, cfn(dist({ 'Fn::If': ['Prod', ACL, { 'Fn::ImportValue': 'SharedAcl' }] })), T)).toBe('compliant');
    });
    test('GetAtt of a web ACL is compliant (a web ACL exists)', () => {
      expect(statusOf(CloudFrontWaf, cfn({ ...dist({ 'Fn::GetAtt': ['Acl', 'Arn'] }), Acl: { Type: 'AWS::WAFv2::WebACL' } }), T)).toBe('compliant');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(CloudFrontWaf, cfn(dist(undefined))).D).toEqual({ status: 'non-compliant', detail: 'WebACLId is not set' });
      expect(outcomes(CloudFrontWaf, cfn(dist(undefined)), { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'WebACLId が未設定です' });
      const t = cfn(dist({ Ref: 'A' }), { Parameters: { A: { Type: 'String', Default: '' } } });
      expect(outcomes(CloudFrontWaf, t, { language: 'ja' }).D).toEqual({ status: 'non-compliant', detail: 'WebACLId が未設定です（パラメータ "A" の既定値 ""）' });
    });
  });
});
