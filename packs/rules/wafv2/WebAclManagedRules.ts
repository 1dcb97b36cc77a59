import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';
import { judgeList } from '../ec2/helpers';
import { describeValue } from '../../engine/messages';

/** A rule of the web ACL that applies an AWS managed rule group (and does not only count its matches). */
function isAwsManagedGroup(acl: Resource, rule: unknown, i: number): Outcome {
  const group = acl.resolve(rule, 'Statement.ManagedRuleGroupStatement');
  if (group.every((g) => g.known && g.value === undefined)) return nonCompliant();
  const vendor = judge(acl.resolve(rule, 'Statement.ManagedRuleGroupStatement.VendorName'), `Rules[${i}] VendorName`,
    (v) => (typeof v === 'string' ? v === 'AWS' : v === undefined ? false : undefined));
  // OverrideAction { Count: {} } turns every rule of the group into count-only: it then blocks nothing.
  const enforced = worst(...acl.resolve(rule, 'OverrideAction').map((o): Outcome => {
    if (!o.known) return unverifiable('at', { what: `Rules[${i}].OverrideAction`, why: o.why });
    if (o.value === undefined || o.value === null) return COMPLIANT;
    if (isOpaque(o.value) || typeof o.value !== 'object') return unverifiable('value-is', { what: `Rules[${i}].OverrideAction`, value: describeValue(o.value) });
    return 'Count' in (o.value as Record<string, unknown>) ? nonCompliant('countOnly', { index: i }) : COMPLIANT;
  }));
  return worst(vendor, enforced);
}

/** Web ACLs apply at least one AWS managed rule group (OWASP Top 10 protections). */
export const WebAclManagedRules = defineRule({
  id: 'FTG-WAF-2',
  name: 'WebAclManagedRules',
  items: ['DP-1', 'CF-4'],
  resourceTypes: ['AWS::WAFv2::WebACL'],
  info: {
    en: 'The WAF web ACL applies no AWS managed rule group (such as AWSManagedRulesCommonRuleSet), or only in count mode.',
    ja: 'WAF の Web ACL が AWS マネージドルールグループ（AWSManagedRulesCommonRuleSet など）を適用していないか、カウントモードでのみ使っています。',
  },
  explanation: {
    en: 'DP-1 asks for protection against the OWASP Top 10 and CF-4 for defence against cyber attacks. A web ACL without managed rules blocks only what the team wrote by hand; the AWS managed rule groups (Core rule set, Known bad inputs, SQL database, IP reputation) cover the common OWASP Top 10 attacks and are kept up to date by AWS.',
    ja: 'DP-1 は OWASP Top 10 への対策を、CF-4 はサイバー攻撃への防御を求めています。マネージドルールのない Web ACL は、チームが手で書いたものしか遮断しません。AWS マネージドルールグループ（コアルールセット、既知の不正な入力、SQL データベース、IP 評価リスト）は OWASP Top 10 の一般的な攻撃に対応し、AWS が最新の状態に保ちます。',
  },
  fix: {
    en: 'Add a rule to `wafv2.CfnWebACL` rules: `{ name: \'Common\', priority: 0, statement: { managedRuleGroupStatement: { vendorName: \'AWS\', name: \'AWSManagedRulesCommonRuleSet\' } }, overrideAction: { none: {} }, visibilityConfig: {...} }`. In CloudFormation, add Rules[].Statement.ManagedRuleGroupStatement with VendorName AWS and OverrideAction { None: {} } to the AWS::WAFv2::WebACL.',
    ja: '`wafv2.CfnWebACL` の rules に `{ name: \'Common\', priority: 0, statement: { managedRuleGroupStatement: { vendorName: \'AWS\', name: \'AWSManagedRulesCommonRuleSet\' } }, overrideAction: { none: {} }, visibilityConfig: {...} }` を追加してください。CloudFormation では AWS::WAFv2::WebACL に VendorName が AWS の Rules[].Statement.ManagedRuleGroupStatement と OverrideAction { None: {} } を追加してください。',
  },
  details: {
    countOnly: { en: 'Rules[{index}] only counts (OverrideAction Count)', ja: 'Rules[{index}] はカウントのみで遮断しません（OverrideAction Count）' },
    noManagedGroup: {
      en: 'no rule of the web ACL applies an AWS managed rule group (Statement.ManagedRuleGroupStatement with VendorName AWS)',
      ja: 'Web ACL のどのルールも AWS マネージドルールグループを適用していません（VendorName が AWS の Statement.ManagedRuleGroupStatement がありません）',
    },
  },
  check(acl) {
    if (acl.type !== 'AWS::WAFv2::WebACL') return NOT_APPLICABLE;
    const none = nonCompliant('noManagedGroup', {});
    const o = judgeList(acl, acl.prop('Rules'), 'Rules', { absent: none, mode: 'some' }, (rule, i) => isAwsManagedGroup(acl, rule, i));
    return o.status === 'non-compliant' && !o.detail ? none : o;
  },
});
