import { isOpaque } from '../../engine/values';
import { viaNote } from '../../engine/messages';
import { defineRule, judge, nonCompliant, NOT_APPLICABLE, worst } from '../../engine/rule';

/** A CloudFront distribution is protected by an AWS WAF web ACL. */
export const CloudFrontWaf = defineRule({
  id: 'FTG-CF-4',
  name: 'CloudFrontWaf',
  items: ['CF-4', 'DP-1'],
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: {
    en: 'The CloudFront distribution has no AWS WAF web ACL (WebACLId is not set).',
    ja: 'CloudFront ディストリビューションに AWS WAF の Web ACL が関連付けられていません（WebACLId が未設定）。',
  },
  explanation: {
    en: 'CF-4 asks for defences against cyber attacks and DP-1 for protection against the OWASP Top 10. A web ACL at the edge blocks common exploits (SQL injection, XSS, known bad inputs), bad bots and request floods before they reach the application.',
    ja: 'CF-4 はサイバー攻撃への防御を、DP-1 は OWASP Top 10 などへの対策を求めています。エッジの Web ACL により、一般的な攻撃（SQL インジェクション、XSS、既知の不正入力）、悪性ボット、大量リクエストをアプリケーションに届く前に遮断できます。',
  },
  fix: {
    en: 'Create an AWS WAF web ACL with scope CLOUDFRONT in us-east-1 (e.g. `wafv2.CfnWebACL` with the AWS managed rule groups AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet plus a rate-based rule) and pass its ARN as `webAclId` of `cloudfront.Distribution`; in CloudFormation set DistributionConfig.WebACLId to the web ACL ARN.',
    ja: 'us-east-1 にスコープ CLOUDFRONT の AWS WAF Web ACL を作成し（例: AWS マネージドルールグループ AWSManagedRulesCommonRuleSet・AWSManagedRulesKnownBadInputsRuleSet とレートベースルールを含む `wafv2.CfnWebACL`）、その ARN を `cloudfront.Distribution` の `webAclId` に指定してください。CloudFormation では DistributionConfig.WebACLId に Web ACL の ARN を設定します。',
  },
  details: {
    'no-web-acl': { en: 'WebACLId is not set{via}', ja: 'WebACLId が未設定です{via}' },
  },
  check(dist) {
    if (dist.type !== 'AWS::CloudFront::Distribution') return NOT_APPLICABLE;
    return worst(...dist.prop('DistributionConfig.WebACLId').map((alt) => {
      if (alt.known && (alt.value === undefined || alt.value === '')) return nonCompliant('no-web-acl', { via: viaNote(alt.via) });
      return judge([alt], 'WebACLId', (v) => (typeof v === 'string' || isOpaque(v) ? true : undefined));
    }));
  },
});
