import { describeValue, Via, viaNote } from '../../engine/messages';
import { asBoolean } from '../../engine/values';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';

/** Properties of AWS::Lambda::Permission that restrict a `*` principal to known callers. */
const RESTRICTIONS = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'] as const;

/**
 * A Lambda permission does not let everyone invoke the function: Principal `*` needs SourceArn,
 * SourceAccount or PrincipalOrgID, or must be for a function URL with AWS_IAM authentication.
 * (Service principals are judged only when they are `*`; a permission for a service such as
 * elasticloadbalancing.amazonaws.com without SourceArn is what CDK's LambdaTarget writes.)
 */
export const LambdaNoPublicInvoke = defineRule({
  id: 'FTG-LAMBDA-4',
  name: 'LambdaNoPublicInvoke',
  items: ['BP-2'],
  resourceTypes: ['AWS::Lambda::Permission'],
  info: {
    en: 'The Lambda permission lets anyone invoke the function (Principal "*" with no SourceArn, SourceAccount or PrincipalOrgID, and not limited to an IAM-authenticated function URL).',
    ja: 'Lambda のアクセス許可により誰でも関数を呼び出せます（Principal が "*" で、SourceArn・SourceAccount・PrincipalOrgID がなく、IAM 認証の関数 URL にも限定されていません）。',
  },
  explanation: {
    en: 'BP-2 asks for authorization between systems, not only encryption. A resource policy statement for "*" without a condition makes the function callable by any AWS account (or, for a function URL with AuthType NONE, by anyone on the Internet).',
    ja: 'BP-2 は暗号化だけでなくシステム間の認可を求めています。条件のない "*" 向けのリソースポリシーは、あらゆる AWS アカウントから（AuthType が NONE の関数 URL ではインターネット上の誰からでも）関数を呼び出せるようにします。',
  },
  fix: {
    en: 'Grant a specific principal (`fn.grantInvoke(new iam.ServicePrincipal("events.amazonaws.com"))` with `sourceArn`, an account, or a role), or limit it: `fn.addPermission(id, { principal, sourceArn, sourceAccount })` or `principal: new iam.OrganizationPrincipal(orgId)`; for function URLs use `FunctionUrlAuthType.AWS_IAM`. In CloudFormation set AWS::Lambda::Permission Principal to an account/role/service and SourceArn, SourceAccount or PrincipalOrgID.',
    ja: '特定のプリンシパルに許可してください（`sourceArn` を指定した `fn.grantInvoke(new iam.ServicePrincipal("events.amazonaws.com"))`、アカウント、ロール）。あるいは `fn.addPermission(id, { principal, sourceArn, sourceAccount })` や `principal: new iam.OrganizationPrincipal(orgId)` で限定します。関数 URL には `FunctionUrlAuthType.AWS_IAM` を使います。CloudFormation では AWS::Lambda::Permission の Principal をアカウント・ロール・サービスにし、SourceArn・SourceAccount・PrincipalOrgID を設定します。',
  },
  details: {
    'restriction-unknown': {
      en: 'Principal is "*"{via} and whether SourceArn/SourceAccount/PrincipalOrgID restrict it cannot be verified before deployment',
      ja: 'Principal が "*"{via} で、SourceArn/SourceAccount/PrincipalOrgID で制限されているかをデプロイ前には検証できません',
    },
    'public-url-auth-unknown': {
      en: 'Principal is "*"{via}{partly} with no SourceArn, SourceAccount or PrincipalOrgID, and FunctionUrlAuthType cannot be verified before deployment',
      ja: '{partly}Principal が "*"{via} で SourceArn・SourceAccount・PrincipalOrgID がなく、FunctionUrlAuthType をデプロイ前には検証できません',
    },
    'public': {
      en: 'Principal is "*"{via}{partly} with no SourceArn, SourceAccount or PrincipalOrgID{url}',
      ja: '{partly}Principal が "*"{via} で、SourceArn・SourceAccount・PrincipalOrgID がありません{url}',
    },
    'some-branch': { en: ' in at least one Fn::If branch', ja: '少なくとも 1 つの Fn::If の分岐で、' },
    'url-auth-note': { en: ' (FunctionUrlAuthType {value})', ja: '（FunctionUrlAuthType {value}）' },
  },
  check(permission) {
    if (permission.type !== 'AWS::Lambda::Permission') return NOT_APPLICABLE;
    return worst(...permission.prop('Principal').map((alt): Outcome => {
      if (!alt.known) return unverifiable('at', { what: 'Principal', why: alt.why });
      if (alt.value !== '*') return COMPLIANT;
      return publicPrincipal(permission, alt.via);
    }));
  },
});

/** Principal is `*`: compliant only when something else narrows who can call. */
function publicPrincipal(permission: Resource, principalVia?: Via): Outcome {
  const via = viaNote(principalVia);
  // The function URL with IAM auth: every caller must sign its request with AWS credentials.
  const urlAuth = permission.prop('FunctionUrlAuthType');
  if (urlAuth.every((a) => a.known && typeof a.value === 'string' && a.value.toUpperCase() === 'AWS_IAM')) return COMPLIANT;
  // lambda:InvokeFunction limited to calls through the function URL: the URL's own permission and AuthType decide.
  if (permission.prop('InvokedViaFunctionUrl').every((a) => a.known && asBoolean(a.value) === true)) return COMPLIANT;

  const states = RESTRICTIONS.map((name) => {
    const alts = permission.prop(name);
    if (alts.some((a) => !a.known)) return 'unknown';
    const set = alts.filter((a) => a.known && a.value !== undefined && a.value !== '').length;
    return set === alts.length ? 'set' : set === 0 ? 'unset' : 'partly';
  });
  if (states.includes('set')) return COMPLIANT;
  if (states.includes('unknown')) return unverifiable('restriction-unknown', { via });
  const partly = states.includes('partly') ? { key: 'some-branch' } : undefined;
  const url = urlAuth.find((a) => a.known && a.value !== undefined);
  const urlNote = url && url.known ? { key: 'url-auth-note', params: { value: describeValue(url.value) } } : undefined;
  if (urlAuth.some((a) => !a.known)) return unverifiable('public-url-auth-unknown', { via, partly });
  return nonCompliant('public', { via, partly, url: urlNote });
}
