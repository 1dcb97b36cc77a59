import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';
import { viaNote } from '../../engine/messages';

const TYPES = ['AWS::IAM::User', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::UserPolicy'];

/** Permissions are given to groups or roles per job, never attached to an IAM user directly. */
export const IamNoUserPolicies = defineRule({
  id: 'FTG-IAM-4',
  name: 'IamNoUserPolicies',
  items: ['CA-5'],
  resourceTypes: TYPES,
  info: {
    en: 'A policy is attached directly to an IAM user instead of to a group or role.',
    ja: 'ポリシーがグループやロールではなく IAM ユーザーに直接付与されています。',
  },
  explanation: {
    en: 'CA-5 asks for access levels documented per job, with least privilege. When permissions are attached user by user, the access level of a job exists only as the sum of many individual grants that drift apart and are never reviewed together. Attach policies to a group or role that stands for the job, and put people in it.',
    ja: 'CA-5 は業務ごとにアクセス権限のレベルを書面化し、最低限のアクセスに絞ることを求めています。ユーザーごとに権限を付与すると、業務の権限レベルは個別付与の寄せ集めになり、ばらばらに変化して全体を見直せなくなります。ポリシーは業務を表すグループまたはロールに付与し、人をそこに所属させてください。',
  },
  fix: {
    en: 'Create an `iam.Group` (or a role) per job, attach the policy to it (`group.addManagedPolicy(...)`, `group.addToPolicy(...)`, `policy.attachToGroup(group)`) and add the user with `group.addUser(user)` (CloudFormation: move Policies / ManagedPolicyArns from AWS::IAM::User to AWS::IAM::Group, remove Users from AWS::IAM::Policy / AWS::IAM::ManagedPolicy and use Groups or Roles, and replace AWS::IAM::UserPolicy with AWS::IAM::GroupPolicy).',
    ja: '業務ごとに `iam.Group`（またはロール）を作り、ポリシーをそこに付与し（`group.addManagedPolicy(...)`、`group.addToPolicy(...)`、`policy.attachToGroup(group)`）、`group.addUser(user)` でユーザーを追加してください（CloudFormation では AWS::IAM::User の Policies / ManagedPolicyArns を AWS::IAM::Group に移し、AWS::IAM::Policy / AWS::IAM::ManagedPolicy の Users をやめて Groups または Roles を使い、AWS::IAM::UserPolicy は AWS::IAM::GroupPolicy に置き換えます）。',
  },
  details: {
    'user-policy': { en: 'AWS::IAM::UserPolicy is an inline policy of a user', ja: 'AWS::IAM::UserPolicy はユーザーのインラインポリシーです' },
    'lists-value': { en: '{prop} lists {what}: {value}{via}', ja: '{prop} に{what}が指定されています: {value}{via}' },
    'lists-count': { en: '{prop} lists {count} {what}{via}', ja: '{prop} に{what}が {count} 件指定されています{via}' },
    'list-opaque': { en: '{prop} is {value}, only known at deployment', ja: '{prop} は {value} で、デプロイ時にしか決まりません' },
    'inline-policies': { en: 'inline policies', ja: 'インラインポリシー' },
    'managed-policies': { en: 'managed policies', ja: '管理ポリシー' },
    'users': { en: 'users', ja: 'ユーザー' },
  },
  check(resource) {
    switch (resource.type) {
      case 'AWS::IAM::User':
        return worst(COMPLIANT, listOutcome(resource, 'Policies', 'inline-policies'), listOutcome(resource, 'ManagedPolicyArns', 'managed-policies'));
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        const o = listOutcome(resource, 'Users', 'users');
        // A policy attached only to groups and roles is not what this rule is about.
        return o.status === 'compliant' ? NOT_APPLICABLE : o;
      }
      case 'AWS::IAM::UserPolicy':
        return nonCompliant('user-policy', {});
      default:
        return NOT_APPLICABLE;
    }
  },
});

/** Non-compliant when the list property holds at least one entry in some alternative. */
function listOutcome(resource: Resource, prop: string, kind: string): Outcome {
  const what = { key: kind };
  const outcomes: Outcome[] = [COMPLIANT];
  for (const alt of resource.prop(prop)) {
    const via = alt.known ? viaNote(alt.via) : undefined;
    if (!alt.known) { outcomes.push(unverifiable('at', { what: prop, why: alt.why })); continue; }
    const v = alt.value;
    if (v === undefined) continue;
    if (typeof v === 'string') {
      // A CommaDelimitedList parameter's default.
      if (v.trim() !== '') outcomes.push(nonCompliant('lists-value', { prop, what, value: v, via }));
      continue;
    }
    if (isOpaque(v) || !Array.isArray(v)) { outcomes.push(unverifiable('list-opaque', { prop, value: String(v) })); continue; }
    const present = v.filter((e) => resource.resolve(e).some((a) => !a.known || a.value !== undefined));
    if (present.length > 0) outcomes.push(nonCompliant('lists-count', { prop, count: present.length, what, via }));
  }
  return worst(...outcomes);
}
