import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, unverifiable } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { Alt } from '../../engine/values';
import { literalString, referencedResource, refersTo, textsOf } from '../../engine/lookup';

const ASSOCIATION = 'AWS::WAFv2::WebACLAssociation';

/**
 * A REST API stage is protected by an AWS WAF web ACL: an AWS::WAFv2::WebACLAssociation whose
 * ResourceArn refers to the stage (CDK `stage.stageArn`), or to its RestApi with this stage's name
 * (`arn:...:/restapis/${Api}/stages/prod`). Private APIs (endpoint type PRIVATE) are reachable only
 * from VPC endpoints and are not applicable.
 */
export const RestApiWaf = defineRule({
  id: 'FTG-APIGW-5',
  name: 'RestApiWaf',
  items: ['CF-4', 'DP-1'],
  resourceTypes: ['AWS::ApiGateway::Stage'],
  info: {
    en: 'The API Gateway REST API stage has no AWS WAF web ACL (no AWS::WAFv2::WebACLAssociation refers to it).',
    ja: 'API Gateway REST API のステージに AWS WAF の Web ACL が関連付けられていません（このステージを参照する AWS::WAFv2::WebACLAssociation がありません）。',
  },
  explanation: {
    en: 'CF-4 asks for defences against cyber attacks and DP-1 for protection against the OWASP Top 10. A regional web ACL on the stage blocks common exploits (SQL injection, XSS, known bad inputs) and request floods before they reach the integration.',
    ja: 'CF-4 はサイバー攻撃への防御を、DP-1 は OWASP Top 10 などへの対策を求めています。ステージにリージョナルな Web ACL を関連付けると、一般的な攻撃（SQL インジェクション、XSS、既知の不正入力）や大量リクエストをバックエンドに届く前に遮断できます。',
  },
  fix: {
    en: 'Create a regional web ACL (`wafv2.CfnWebACL` with scope REGIONAL and AWS managed rule groups) and `new wafv2.CfnWebACLAssociation(this, "Waf", { resourceArn: api.deploymentStage.stageArn, webAclArn: webAcl.attrArn })`; in CloudFormation an AWS::WAFv2::WebACLAssociation with ResourceArn arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage> and WebACLArn. (A REST API behind a CloudFront distribution with WAF can acknowledge this rule.)',
    ja: 'リージョナルな Web ACL（スコープ REGIONAL、AWS マネージドルールグループを含む `wafv2.CfnWebACL`）を作成し、`new wafv2.CfnWebACLAssociation(this, "Waf", { resourceArn: api.deploymentStage.stageArn, webAclArn: webAcl.attrArn })` で関連付けてください。CloudFormation では ResourceArn を arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage> とした AWS::WAFv2::WebACLAssociation を作成します。（WAF 付きの CloudFront の背後にある REST API は、このルールを例外として承認できます。）',
  },
  details: {
    stageNotNamed: {
      en: 'an AWS::WAFv2::WebACLAssociation refers to the RestApi {api}, but which of its stages it names cannot be verified before deployment',
      ja: 'AWS::WAFv2::WebACLAssociation が RestApi {api} を参照していますが、そのどのステージを指すかをデプロイ前に検証できません',
    },
    endpointUnknown: {
      en: 'the endpoint type of the RestApi (EndpointConfiguration.Types) cannot be verified before deployment, and no AWS::WAFv2::WebACLAssociation refers to this stage: a stage that is not PRIVATE needs a web ACL',
      ja: 'RestApi のエンドポイントタイプ（EndpointConfiguration.Types）をデプロイ前に検証できず、このステージを参照する AWS::WAFv2::WebACLAssociation もありません（PRIVATE でないステージには Web ACL が必要です）',
    },
    noAssociation: {
      en: 'no AWS::WAFv2::WebACLAssociation in this template refers to this stage or to its RestApi with its stage name',
      ja: 'このテンプレートには、このステージ、またはそのステージ名でその RestApi を参照する AWS::WAFv2::WebACLAssociation がありません',
    },
  },
  check(stage) {
    if (stage.type !== 'AWS::ApiGateway::Stage') return NOT_APPLICABLE;
    const apis = stage.prop('RestApiId').map((alt: Alt) => referencedResource(stage, alt, 'AWS::ApiGateway::RestApi'));
    const api = apis.length === 1 ? apis[0] : undefined;
    const kind = api ? endpointKind(api) : 'public';
    if (kind === 'private') return NOT_APPLICABLE;

    const template = stage.template;
    if (template.referrersOf(stage.logicalId, ASSOCIATION).some((a) => refersTo(a, a.properties.ResourceArn, stage.logicalId))) {
      return COMPLIANT;
    }
    if (api) {
      const stageName = literalString(stage.prop('StageName'));
      const viaApi = template.referrersOf(api.logicalId, ASSOCIATION)
        .filter((a) => refersTo(a, a.properties.ResourceArn, api.logicalId))
        .map((a) => namesStage(a, stageName));
      if (viaApi.includes('yes')) return COMPLIANT;
      if (viaApi.includes('maybe')) {
        // The ARN does not say which stage; if the RestApi has no other stage here, it is this one.
        const otherStages = template.referrersOf(api.logicalId, 'AWS::ApiGateway::Stage').filter((s) => s !== stage);
        if (otherStages.length === 0) return COMPLIANT;
        return unverifiable('stageNotNamed', { api: api.logicalId });
      }
    }
    if (kind === 'unknown') {
      return unverifiable('endpointUnknown', {});
    }
    return nonCompliant('noAssociation', {});
  },
});

/** PRIVATE when the RestApi's endpoint types are all PRIVATE in every alternative; unknown when they cannot be read. */
function endpointKind(api: Resource): 'private' | 'public' | 'unknown' {
  let unknown = false;
  const types = api.prop('EndpointConfiguration.Types');
  const allPrivate = types.length > 0 && types.every((t) => {
    if (!t.known) { unknown = true; return false; }
    if (!Array.isArray(t.value) || t.value.length === 0) return false;
    return t.value.every((raw) => api.resolve(raw).every((v) => {
      if (!v.known) unknown = true;
      return v.known && typeof v.value === 'string' && v.value.toUpperCase() === 'PRIVATE';
    }));
  });
  return allPrivate ? 'private' : unknown ? 'unknown' : 'public';
}

/** Whether an association ARN built from the RestApi names this stage: yes, no (another stage), or maybe. */
function namesStage(association: Resource, stageName: string | undefined): 'yes' | 'no' | 'maybe' {
  const verdicts = textsOf(association, association.properties.ResourceArn).map((text) => {
    const m = /\/stages\/([A-Za-z0-9_-]+)/.exec(text);
    if (!m || !stageName) return 'maybe';
    return m[1] === stageName ? 'yes' : 'no';
  });
  return verdicts.every((v) => v === 'yes') ? 'yes' : verdicts.every((v) => v === 'no') ? 'no' : 'maybe';
}
