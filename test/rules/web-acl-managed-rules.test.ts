import { App, Stack } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { WebAclManagedRules } from '../../packs/rules/wafv2/WebAclManagedRules';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const W = 'AWS::WAFv2::WebACL';
const visibility = { CloudWatchMetricsEnabled: true, MetricName: 'm', SampledRequestsEnabled: true };
const managed = (vendor: unknown, override: object = { None: {} }, name = 'AWSManagedRulesCommonRuleSet') => ({
  Name: 'm', Priority: 0, Statement: { ManagedRuleGroupStatement: { VendorName: vendor, Name: name } }, OverrideAction: override, VisibilityConfig: visibility,
});
const rateRule = { Name: 'rate', Priority: 1, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } }, Action: { Block: {} }, VisibilityConfig: visibility };
const acl = (rules: unknown, extra = {}) => cfn({ A: { Type: W, Properties: { Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: visibility, Rules: rules } } }, extra);

function l1Acl(rules: wafv2.CfnWebACL.RuleProperty[]) {
  const stack = new Stack(new App());
  const a = new wafv2.CfnWebACL(stack, 'Acl', {
    scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true }, rules,
  });
  return { stack, a };
}
const cdkManaged: wafv2.CfnWebACL.RuleProperty = {
  name: 'Common', priority: 0, overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true },
};

describe('WebAclManagedRules (FTG-WAF-2)', () => {
  describe('non-compliance', () => {
    test('web ACL (CDK L1, there is no L2) with only a rate-based rule', () => {
      const { stack } = l1Acl([{ name: 'rate', priority: 0, action: { block: {} }, statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: 'IP' } }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'r', sampledRequestsEnabled: true } }]);
      expect(statusOf(WebAclManagedRules, stack, W)).toBe('non-compliant');
    });
    test('raw template without rules', () => {
      expect(outcomes(WebAclManagedRules, acl(undefined)).A).toEqual({ status: 'non-compliant', detail: expect.stringContaining('ManagedRuleGroupStatement') });
    });
    test('AWS managed rule group in count mode only', () => {
      expect(outcomes(WebAclManagedRules, acl([managed('AWS', { Count: {} })])).A).toEqual({ status: 'non-compliant', detail: expect.stringContaining('only counts') });
    });
    test('managed rule group of another vendor', () => {
      expect(statusOf(WebAclManagedRules, acl([managed('F5', { None: {} }, 'OWASP_Managed')]), W)).toBe('non-compliant');
    });
    test('escape hatch switching the managed group to count', () => {
      const { stack, a } = l1Acl([cdkManaged]);
      a.addPropertyOverride('Rules', [managed('AWS', { Count: {} })]);
      expect(statusOf(WebAclManagedRules, stack, W)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('web ACL with the AWS Core rule set', () => {
      expect(statusOf(WebAclManagedRules, l1Acl([cdkManaged]).stack, W)).toBe('compliant');
    });
    test('raw template: a rate rule and an AWS managed group', () => {
      expect(statusOf(WebAclManagedRules, acl([rateRule, managed('AWS')]), W)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(WebAclManagedRules, cfn({ G: { Type: 'AWS::WAFv2::RuleGroup', Properties: {} } }), 'AWS::WAFv2::RuleGroup')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('vendor parameter with default AWS is compliant', () => {
      expect(statusOf(WebAclManagedRules, acl([managed({ Ref: 'V' })], { Parameters: { V: { Type: 'String', Default: 'AWS' } } }), W)).toBe('compliant');
    });
    test('vendor parameter whose allowed values include another vendor is non-compliant', () => {
      expect(statusOf(WebAclManagedRules, acl([managed({ Ref: 'V' })], { Parameters: { V: { Type: 'String', AllowedValues: ['AWS', 'F5'] } } }), W)).toBe('non-compliant');
    });
    test('vendor parameter without default is unverifiable', () => {
      expect(statusOf(WebAclManagedRules, acl([managed({ Ref: 'V' })], { Parameters: { V: { Type: 'String' } } }), W)).toBe('unverifiable');
    });
    test('Fn::If without the managed rule in one branch is non-compliant', () => {
      expect(statusOf(WebAclManagedRules, acl({ 'Fn::If': ['Prod', [managed('AWS')], [rateRule]] }), W)).toBe('non-compliant');
    });
    test('Fn::If with the managed rule in both branches is compliant', () => {
      expect(statusOf(WebAclManagedRules, acl({ 'Fn::If': ['Prod', [managed('AWS')], [rateRule, managed('AWS', { None: {} }, 'AWSManagedRulesSQLiRuleSet')]] }), W)).toBe('compliant');
    });
    test('rules from a GetAtt are unverifiable', () => {
      const t = acl({ 'Fn::GetAtt': ['X', 'Rules'] });
      expect(statusOf(WebAclManagedRules, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, W)).toBe('unverifiable');
    });
  });
});

describe('WebAclManagedRules details in Japanese', () => {
  test('no managed group, a count-only group, and rules only known at deployment', () => {
    expect(outcomes(WebAclManagedRules, acl([rateRule]), { language: 'ja' }).A).toEqual({
      status: 'non-compliant',
      detail: 'Web ACL のどのルールも AWS マネージドルールグループを適用していません（VendorName が AWS の Statement.ManagedRuleGroupStatement がありません）',
    });
    expect(outcomes(WebAclManagedRules, acl([managed('AWS', { Count: {} })]), { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'Rules[0] はカウントのみで遮断しません（OverrideAction Count）' });
    const ja = outcomes(WebAclManagedRules, acl({ Ref: 'R' }, { Parameters: { R: { Type: 'String' } } }), { language: 'ja' }).A;
    expect(ja).toEqual({ status: 'unverifiable', detail: 'Rules: パラメータ "R" への Ref で、既定値も許可値もありません' });
  });
});
