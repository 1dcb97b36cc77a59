import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Statement, wildcardMatch } from '../../engine/policy';
import { Resource } from '../../engine/template';
import { Detail } from '../../engine/messages';
import { IDENTITY_POLICY_DETAILS, identityPolicies, INLINE_POLICY_TYPES, POLICY_DOCUMENT_TYPES } from './identityPolicies';

const TYPES = [...POLICY_DOCUMENT_TYPES, ...INLINE_POLICY_TYPES];

/** Actions that let a principal give itself any other permission: a NotAction statement that leaves one of them allowed is as good as `iam:*`. */
const ESCALATION_ACTIONS = [
  'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:CreatePolicyVersion',
  'iam:UpdateAssumeRolePolicy', 'iam:CreateAccessKey', 'iam:PassRole',
];

/** No identity policy allows every action (`*`, `*:*`) or every IAM action (`iam:*`) on every resource (`*`). */
export const IamNoAdminWildcard = defineRule({
  id: 'FTG-IAM-1',
  name: 'IamNoAdminWildcard',
  items: ['CA-5'],
  resourceTypes: TYPES,
  info: {
    en: 'An IAM policy allows every action ("*") or every IAM action ("iam:*") on every resource ("*").',
    ja: 'IAM ポリシーが全リソース ("*") に対して全アクション ("*") または全 IAM アクション ("iam:*") を許可しています。',
  },
  explanation: {
    en: 'CA-5 asks for access levels written down per job and least privilege. "*" on "*" is full administrator access, and "iam:*" on "*" (or a NotAction that leaves IAM open) lets the holder grant itself anything, so the documented access level no longer means anything.',
    ja: 'CA-5 は業務ごとにアクセス権限のレベルを書面化し、最低限のアクセスに絞ることを求めています。"*" に対する "*" は管理者権限そのものであり、"*" に対する "iam:*"（または IAM を除外しない NotAction）は自分に任意の権限を付与できる（権限昇格）ため、書面化した権限レベルが意味をなさなくなります。',
  },
  fix: {
    en: 'List only the actions and resources the job needs: `new iam.PolicyStatement({ actions: [...], resources: [...] })`, or better the `grant*()` methods of the resources (e.g. `bucket.grantRead(role)`). In CloudFormation, replace Action "*" / "iam:*" and Resource "*" in PolicyDocument.Statement (or Policies[].PolicyDocument) with the specific actions and ARNs.',
    ja: '業務に必要なアクションとリソースだけを列挙してください: `new iam.PolicyStatement({ actions: [...], resources: [...] })`、できればリソース側の `grant*()` メソッド（例: `bucket.grantRead(role)`）を使います。CloudFormation では PolicyDocument.Statement（または Policies[].PolicyDocument）の Action "*" / "iam:*" と Resource "*" を具体的なアクションと ARN に置き換えてください。',
  },
  details: {
    ...IDENTITY_POLICY_DETAILS,
    'allows': { en: '{where}: statement{sid} allows {what} on {on}', ja: '{where}: ステートメント{sid}が {on} に対して {what} を許可しています' },
    'allows-unverifiable': {
      en: '{where}: statement{sid} allows {what} on {on}{effect}, which cannot be verified before deployment',
      ja: '{where}: ステートメント{sid}が {on} に対して {what} を許可しており{effect}、デプロイ前には検証できません',
    },
    'effect-unknown': { en: ' (its Effect is only known at deployment)', ja: '（Effect はデプロイ時にしか決まりません）' },
    'action': { en: 'Action "{action}"', ja: 'Action "{action}"' },
    'not-action': { en: 'NotAction {list} (which leaves {open} allowed)', ja: 'NotAction {list}（{open} が許可されたままになります）' },
    'action-unknown': { en: 'an Action only known at deployment', ja: 'デプロイ時にしか決まらない Action' },
    'on-star': { en: 'Resource "*"', ja: 'Resource "*"' },
    'on-not-resource': { en: 'NotResource (every other resource)', ja: 'NotResource（それ以外のすべてのリソース）' },
    'on-unknown': { en: 'a Resource only known at deployment', ja: 'デプロイ時にしか決まらない Resource' },
  },
  check(resource) {
    if (!TYPES.includes(resource.type)) return NOT_APPLICABLE;
    const outcomes: Outcome[] = [COMPLIANT];
    for (const policy of identityPolicies(resource)) {
      for (const alt of policy.alternatives) {
        if (alt.unknown) outcomes.push(unverifiable('at', { what: policy.where, why: alt.unknown }));
        else for (const s of alt.statements ?? []) outcomes.push(statementOutcome(resource, s, policy.where));
      }
    }
    return worst(...outcomes);
  },
});

function statementOutcome(resource: Resource, s: Statement, where: string): Outcome {
  const sid = typeof s.raw.Sid === 'string' ? ` "${s.raw.Sid}"` : '';
  // Effect: Deny statements never grant. A non-literal effect may be Allow.
  const effects = resource.resolve(s.raw.Effect);
  if (effects.every((e) => e.known && e.value === 'Deny')) return COMPLIANT;
  const effectUnknown = !effects.some((e) => e.known && e.value === 'Allow');

  // Resource "*" (or NotResource, which covers nearly everything).
  let onEverything = s.raw.NotResource !== undefined;
  let resourceUnknown = false;
  const rawResources = s.raw.Resource;
  for (const entry of Array.isArray(rawResources) ? rawResources : rawResources === undefined ? [] : [rawResources]) {
    for (const a of resource.resolve(entry)) {
      if (!a.known) resourceUnknown = true;
      else if (a.value === '*') onEverything = true;
      else if (Array.isArray(a.value) && a.value.includes('*')) onEverything = true;
    }
  }
  if (!onEverything && !resourceUnknown) return COMPLIANT;

  // Actions: "*", "*:*", "iam:*" (any pattern covering every IAM action), or a NotAction that leaves escalation open.
  let grant: Detail | undefined;
  let actionUnknown = false;
  const actions = s.actions;
  const notActions = s.notActions;
  if (actions) {
    const action = actions.find((p) => wildcardMatch(p, 'iam:*'));
    if (action !== undefined) grant = { key: 'action', params: { action } };
  } else if (notActions) {
    const open = ESCALATION_ACTIONS.find((a) => s.coversAction(a));
    if (open) grant = { key: 'not-action', params: { list: JSON.stringify(notActions), open } };
  } else if (s.raw.Action !== undefined || s.raw.NotAction !== undefined) {
    actionUnknown = true;
  }
  if (!grant && !actionUnknown) return COMPLIANT;

  const what: Detail = grant ?? { key: 'action-unknown' };
  const on: Detail = { key: onEverything ? (s.raw.NotResource !== undefined ? 'on-not-resource' : 'on-star') : 'on-unknown' };
  if (grant && onEverything && !effectUnknown) return nonCompliant('allows', { where, sid, what, on });
  return unverifiable('allows-unverifiable', { where, sid, what, on, effect: effectUnknown ? { key: 'effect-unknown' } : undefined });
}
