/**
 * Helpers shared by the IAM rules (not a rule): the identity policy documents a resource carries,
 * (condition look-ups are the engine's: Statement.conditionBlocks and conditionValues in policy.ts).
 */
import { PolicyAlternative, readPolicy, readPolicyValue } from '../../engine/policy';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';
import { reason } from '../../engine/messages';
import type { LocalizedText } from '../../../lib/catalog/types';

/** The details of {@link identityPolicies}, for the `details` of the rules that use it. */
export const IDENTITY_POLICY_DETAILS: Readonly<Record<string, LocalizedText>> = {
  'policies-unknown': { en: 'the Policies list is only known at deployment', ja: 'Policies のリストはデプロイ時にしか決まりません' },
  'inline-policy-unknown': { en: 'the inline policy is only known at deployment', ja: 'インラインポリシーはデプロイ時にしか決まりません' },
};

/** Resource types whose policy is the `PolicyDocument` property. */
export const POLICY_DOCUMENT_TYPES: readonly string[] = [
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
];

/** Resource types with inline policies in a `Policies` list (`PolicyName` + `PolicyDocument`). */
export const INLINE_POLICY_TYPES: readonly string[] = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

/** One policy document of a resource, with where it was found (for the finding's detail). */
export interface LocatedPolicy {
  readonly where: string;
  readonly alternatives: readonly PolicyAlternative[];
}

/**
 * The identity policy documents of an IAM resource: `PolicyDocument` of the policy resources, and
 * each `Policies[i].PolicyDocument` of roles, users and groups (every alternative of `Fn::If`).
 */
export function identityPolicies(resource: Resource): LocatedPolicy[] {
  if (POLICY_DOCUMENT_TYPES.includes(resource.type)) {
    return [{ where: 'PolicyDocument', alternatives: readPolicy(resource, 'PolicyDocument') }];
  }
  if (!INLINE_POLICY_TYPES.includes(resource.type)) return [];
  const out: LocatedPolicy[] = [];
  for (const listAlt of resource.prop('Policies')) {
    if (!listAlt.known) {
      out.push({ where: 'Policies', alternatives: [{ unknown: listAlt.why }] });
      continue;
    }
    const list = listAlt.value;
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out.push({ where: 'Policies', alternatives: [{ unknown: reason('policies-unknown') }] });
      continue;
    }
    list.forEach((element, i) => {
      for (const el of resource.resolve(element)) {
        if (!el.known) {
          out.push({ where: `Policies[${i}]`, alternatives: [{ unknown: el.why }] });
          continue;
        }
        if (el.value === undefined) continue;
        if (isOpaque(el.value) || typeof el.value !== 'object' || Array.isArray(el.value)) {
          out.push({ where: `Policies[${i}]`, alternatives: [{ unknown: reason('inline-policy-unknown') }] });
          continue;
        }
        const raw = el.value as Record<string, unknown>;
        const name = typeof raw.PolicyName === 'string' ? ` (${raw.PolicyName})` : '';
        out.push({ where: `Policies[${i}]${name}`, alternatives: readPolicyValue(resource, raw.PolicyDocument) });
      }
    });
  }
  return out;
}
