import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';
import { viaNote } from '../../engine/messages';
import { hasHoles, holePattern, textsOf } from '../../engine/lookup';

/** Where each resource type lists its managed policy ARNs. */
const PROPERTY: Record<string, string> = {
  'AWS::IAM::Role': 'ManagedPolicyArns',
  'AWS::IAM::User': 'ManagedPolicyArns',
  'AWS::IAM::Group': 'ManagedPolicyArns',
  'AWS::SSO::PermissionSet': 'ManagedPolicies',
};

const ADMIN_ARN = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;
/** A sample of the ARN, to test patterns with unknown parts against. */
const ADMIN_SAMPLE = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** No role, user, group or permission set gets the AWS managed AdministratorAccess policy. */
export const IamNoAdministratorAccess = defineRule({
  id: 'FTG-IAM-6',
  name: 'IamNoAdministratorAccess',
  items: ['CA-5'],
  resourceTypes: Object.keys(PROPERTY),
  info: {
    en: 'The AWS managed policy AdministratorAccess is attached.',
    ja: 'AWS 管理ポリシー AdministratorAccess が付与されています。',
  },
  explanation: {
    en: 'CA-5 asks for access levels documented per job, with least privilege. AdministratorAccess allows every action on every resource: a role, user, group or permission set that holds it has no documented access level at all. Everyday roles get policies that list what the job needs; a break-glass administrator role, if you keep one, is acknowledged with its reason (who may use it, and how its use is notified).',
    ja: 'CA-5 は業務ごとにアクセス権限のレベルを書面化し、最低限のアクセスに絞ることを求めています。AdministratorAccess は全リソースに全アクションを許可するため、これを持つロール・ユーザー・グループ・許可セットには書面化された権限レベルがありません。日常業務のロールには業務に必要なものだけを列挙したポリシーを付与してください。緊急用（break-glass）の管理者ロールを置く場合は、誰が使えるか、使用時にどう通知されるかを理由に書いてこのルールを承認（acknowledge）してください。',
  },
  fix: {
    en: 'Remove `iam.ManagedPolicy.fromAwsManagedPolicyName("AdministratorAccess")` from `managedPolicies` (CloudFormation: remove arn:aws:iam::aws:policy/AdministratorAccess from ManagedPolicyArns, or from ManagedPolicies of AWS::SSO::PermissionSet) and attach a policy for the job: an AWS job-function policy (e.g. `job-function/DatabaseAdministrator`, `ReadOnlyAccess`) or your own `iam.ManagedPolicy`.',
    ja: '`managedPolicies` から `iam.ManagedPolicy.fromAwsManagedPolicyName("AdministratorAccess")` を外し（CloudFormation では ManagedPolicyArns、AWS::SSO::PermissionSet では ManagedPolicies から arn:aws:iam::aws:policy/AdministratorAccess を削除）、業務に合ったポリシーを付与してください: AWS のジョブ機能ポリシー（例: `job-function/DatabaseAdministrator`、`ReadOnlyAccess`）または自作の `iam.ManagedPolicy` です。',
  },
  details: {
    'includes-admin': { en: '{prop} includes AdministratorAccess{via}', ja: '{prop} に AdministratorAccess が含まれています{via}' },
    'includes-admin-built': { en: '{prop} includes AdministratorAccess ({fn}){via}', ja: '{prop} に AdministratorAccess が含まれています（{fn}）{via}' },
    'built-maybe-admin': {
      en: '{prop} has an ARN built with {fn} from values only known at deployment, which could be AdministratorAccess',
      ja: '{prop} に、デプロイ時にしか決まらない値から {fn} で組み立てた ARN があり、AdministratorAccess である可能性があります',
    },
    'opaque-maybe-admin': {
      en: '{prop} has an ARN from {value}, only known at deployment, which could be AdministratorAccess',
      ja: '{prop} に、デプロイ時にしか決まらない {value} から得た ARN があり、AdministratorAccess である可能性があります',
    },
    'non-string': { en: '{prop} has a non-string entry', ja: '{prop} に文字列でないエントリがあります' },
  },
  check(resource, ctx) {
    const prop = PROPERTY[resource.type];
    if (!prop) return NOT_APPLICABLE;
    const outcomes: Outcome[] = [COMPLIANT];
    for (const listAlt of resource.prop(prop)) {
      if (!listAlt.known) { outcomes.push(unverifiable('at', { what: prop, why: listAlt.why })); continue; }
      const list = listAlt.value;
      if (list === undefined) continue;
      if (typeof list === 'string') { outcomes.push(arnOutcome(resource, list, prop, ctx.template.resource.bind(ctx.template))); continue; }
      if (!Array.isArray(list)) { outcomes.push(unverifiable('known-at-deployment', { what: prop })); continue; }
      for (const element of list) outcomes.push(arnOutcome(resource, element, prop, ctx.template.resource.bind(ctx.template)));
    }
    return worst(...outcomes);
  },
});

function arnOutcome(resource: Resource, raw: unknown, prop: string, lookup: (id: string) => Resource | undefined): Outcome {
  const outcomes: Outcome[] = [COMPLIANT];
  for (const alt of resource.resolve(raw)) {
    if (!alt.known) { outcomes.push(unverifiable('at', { what: prop, why: alt.why })); continue; }
    const v = alt.value;
    const via = viaNote(alt.via);
    if (v === undefined) continue;
    if (typeof v === 'string') {
      // A CommaDelimitedList parameter's value lists several ARNs.
      if (v.split(',').some((s) => ADMIN_ARN.test(s.trim()))) outcomes.push(nonCompliant('includes-admin', { prop, via }));
      continue;
    }
    if (isOpaque(v)) {
      const target = v.target ? lookup(v.target) : undefined;
      if ((v.fn === 'Ref' || v.fn === 'Fn::GetAtt') && target?.type === 'AWS::IAM::ManagedPolicy') continue; // a policy of this template
      if (v.fn === 'Fn::Join' || v.fn === 'Fn::Sub') {
        const texts = textsOf(resource, v.raw);
        if (texts.some((t) => !hasHoles(t) && ADMIN_ARN.test(t))) {
          outcomes.push(nonCompliant('includes-admin-built', { prop, fn: v.fn, via }));
        } else if (texts.some((t) => hasHoles(t) && holePattern(t).test(ADMIN_SAMPLE))) {
          outcomes.push(unverifiable('built-maybe-admin', { prop, fn: v.fn }));
        }
        continue;
      }
      outcomes.push(unverifiable('opaque-maybe-admin', { prop, value: String(v) }));
      continue;
    }
    outcomes.push(unverifiable('non-string', { prop }));
  }
  return worst(...outcomes);
}
