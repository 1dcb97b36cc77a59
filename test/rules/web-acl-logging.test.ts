import { App, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { WebAclLogging } from '../../packs/rules/wafv2/WebAclLogging';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const W = 'AWS::WAFv2::WebACL';
const visibility = { CloudWatchMetricsEnabled: true, MetricName: 'acl', SampledRequestsEnabled: true };
const acl = { Type: W, Properties: { Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: visibility } };
const loggingOf = (resourceArn: unknown) => ({ Type: 'AWS::WAFv2::LoggingConfiguration', Properties: { ResourceArn: resourceArn, LogDestinationConfigs: ['arn:aws:logs:us-east-1:111111111111:log-group:aws-waf-logs-x'] } });

function l1Acl(stack: Stack) {
  return new wafv2.CfnWebACL(stack, 'Acl', {
    scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
  });
}

describe('WebAclLogging (FTG-WAF-1)', () => {
  describe('non-compliance', () => {
    test('web ACL (CDK L1, there is no L2) without logging', () => {
      const stack = new Stack(new App());
      l1Acl(stack);
      expect(statusOf(WebAclLogging, stack, W)).toBe('non-compliant');
    });
    test('raw template: logging configuration of another web ACL does not count', () => {
      const t = cfn({ A: acl, B: acl, L: loggingOf({ 'Fn::GetAtt': ['B', 'Arn'] }) });
      expect(outcomes(WebAclLogging, t).A).toEqual({ status: 'non-compliant', detail: expect.stringContaining('LoggingConfiguration') });
      expect(outcomes(WebAclLogging, t).B.status).toBe('compliant');
    });
  });

  describe('compliance', () => {
    test('web ACL with a CfnLoggingConfiguration to a log group', () => {
      const stack = new Stack(new App());
      const a = l1Acl(stack);
      const group = new logs.LogGroup(stack, 'G', { logGroupName: 'aws-waf-logs-app' });
      new wafv2.CfnLoggingConfiguration(stack, 'L', { resourceArn: a.attrArn, logDestinationConfigs: [group.logGroupArn] });
      expect(statusOf(WebAclLogging, stack, W)).toBe('compliant');
    });
    test('raw template: logging configuration with a Sub of the ARN', () => {
      expect(statusOf(WebAclLogging, cfn({ A: acl, L: loggingOf({ 'Fn::Sub': '${A.Arn}' }) }), W)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(WebAclLogging, cfn({ A: acl, L: loggingOf({ 'Fn::GetAtt': ['A', 'Arn'] }) }), 'AWS::WAFv2::LoggingConfiguration')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('a logging configuration whose ResourceArn is a parameter cannot be tied to the web ACL', () => {
      const t = cfn({ A: acl, L: loggingOf({ Ref: 'AclArn' }) }, { Parameters: { AclArn: { Type: 'String', Default: 'arn:aws:wafv2:us-east-1:111111111111:regional/webacl/x/1' } } });
      expect(statusOf(WebAclLogging, t, W)).toBe('non-compliant');
    });
    test('Fn::If pointing at the web ACL in one branch still counts as a logging configuration for it', () => {
      const t = cfn({ A: acl, L: loggingOf({ 'Fn::If': ['Log', { 'Fn::GetAtt': ['A', 'Arn'] }, 'arn:other'] }) });
      expect(statusOf(WebAclLogging, t, W)).toBe('compliant');
    });
    test('web ACL properties from parameters and GetAtt do not matter', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, A: { Type: W, Properties: { Scope: { Ref: 'Scope' }, DefaultAction: { 'Fn::GetAtt': ['X', 'Action'] }, VisibilityConfig: visibility } } },
        { Parameters: { Scope: { Type: 'String' } } });
      expect(statusOf(WebAclLogging, t, W)).toBe('non-compliant');
    });
  });
});

describe('WebAclLogging details in Japanese', () => {
  test('a web ACL without a logging configuration', () => {
    expect(outcomes(WebAclLogging, cfn({ A: acl }), { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'テンプレートに、この Web ACL を ResourceArn とする AWS::WAFv2::LoggingConfiguration がありません' });
  });
});
