import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { describeValue } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { forTypes } from './common';

function hasWebAcl(lb: Resource): Outcome {
  const associations = [
    ...lb.template.pointingAt(lb, 'AWS::WAFv2::WebACLAssociation', 'ResourceArn'),
    ...lb.template.pointingAt(lb, 'AWS::WAFRegional::WebACLAssociation', 'ResourceArn'),
  ];
  return associations.length > 0 ? COMPLIANT : nonCompliant('no-association', {});
}

/** Internet-facing application load balancers are protected by AWS WAF. */
export const LoadBalancerWafProtected = defineRule({
  id: 'FTG-ELB-5',
  name: 'LoadBalancerWafProtected',
  items: ['CF-4', 'DP-1'],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  info: {
    en: 'The internet-facing application load balancer is not associated with an AWS WAF web ACL.',
    ja: 'インターネット向けの Application Load Balancer に AWS WAF の Web ACL が関連付けられていません。',
  },
  explanation: {
    en: 'CF-4 asks for defence against cyber attacks and DP-1 for protection against the OWASP Top 10. A web application firewall in front of the application blocks common injection, cross-site scripting and known-bad inputs, and rate-limits abusive clients, as a layer independent of the application code.',
    ja: 'CF-4 はサイバー攻撃への防御を、DP-1 は OWASP Top 10 への対策を求めています。アプリケーションの前に置く Web アプリケーションファイアウォールは、アプリケーションのコードとは独立した層として、一般的なインジェクション、クロスサイトスクリプティング、既知の不正入力を遮断し、悪質なクライアントのリクエスト数を制限します。',
  },
  fix: {
    en: 'Create a web ACL (`wafv2.CfnWebACL` with Scope REGIONAL and AWS managed rule groups) and associate it: `new wafv2.CfnWebACLAssociation(this, \'Waf\', { resourceArn: alb.loadBalancerArn, webAclArn: webAcl.attrArn })`. In CloudFormation, add an AWS::WAFv2::WebACLAssociation whose ResourceArn is a Ref to the AWS::ElasticLoadBalancingV2::LoadBalancer.',
    ja: 'Web ACL（Scope が REGIONAL で AWS マネージドルールグループを含む `wafv2.CfnWebACL`）を作成し、`new wafv2.CfnWebACLAssociation(this, \'Waf\', { resourceArn: alb.loadBalancerArn, webAclArn: webAcl.attrArn })` で関連付けてください。CloudFormation では、ResourceArn が AWS::ElasticLoadBalancingV2::LoadBalancer への Ref である AWS::WAFv2::WebACLAssociation を追加してください。',
  },
  details: {
    'no-association': {
      en: 'no AWS::WAFv2::WebACLAssociation in the template has this load balancer as ResourceArn',
      ja: 'このロードバランサーを ResourceArn とする AWS::WAFv2::WebACLAssociation がテンプレートにありません',
    },
  },
  check(lb) {
    if (lb.type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return NOT_APPLICABLE;
    return forTypes(lb, ['application'], () => {
      let result: Outcome | undefined;
      return worst(...lb.prop('Scheme').map((s): Outcome => {
        if (!s.known) return unverifiable('at', { what: 'Scheme', why: s.why });
        if (s.value === undefined || s.value === 'internet-facing') return (result ??= hasWebAcl(lb));
        if (s.value === 'internal') return NOT_APPLICABLE;
        return unverifiable('value-unverifiable', { what: 'Scheme', value: describeValue(s.value) });
      }));
    });
  },
});
