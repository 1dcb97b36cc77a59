/**
 * Helpers shared by the IAM rules (not a rule): the identity policy documents a resource carries,
 * and condition look-ups that resolve intrinsic functions inside a statement.
 */
import { PolicyAlternative, readPolicy, readPolicyValue } from '../../engine/policy';
import { Resource } from '../../engine/template';
import { Alt, isOpaque } from '../../engine/values';
import type { Reason } from '../../engine/messages';

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
      out.push({ where: 'Policies', alternatives: [{ unknown: 'the Policies list is only known at deployment' }] });
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
          out.push({ where: `Policies[${i}]`, alternatives: [{ unknown: 'the inline policy is only known at deployment' }] });
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

/** Case-insensitive look-up of a key in a plain object. */
function entry(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || isOpaque(obj)) return undefined;
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : (obj as Record<string, unknown>)[k];
}

/** One alternative of a statement's `Condition` block. */
export type ConditionBlock =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly why: Reason }
  | { readonly kind: 'block'; readonly block: Record<string, unknown> };

/** The alternatives of a raw statement's `Condition` block (`Fn::If` around the block gives several). */
export function conditionBlocks(resource: Resource, statement: Record<string, unknown>): ConditionBlock[] {
  return resource.resolve(statement.Condition).map((block): ConditionBlock => {
    if (!block.known) return { kind: 'unknown', why: block.why };
    if (block.value === undefined) return { kind: 'absent' };
    if (isOpaque(block.value) || typeof block.value !== 'object' || Array.isArray(block.value)) {
      return { kind: 'unknown', why: 'the Condition block is only known at deployment' };
    }
    return { kind: 'block', block: block.value as Record<string, unknown> };
  });
}

/**
 * The values of the condition (`operator`, `key`) in one Condition block, each with its
 * alternatives resolved (operator and key are matched case-insensitively): `undefined` when the
 * block has no such condition.
 */
export function conditionValues(resource: Resource, block: Record<string, unknown>, operator: string, key: string): Alt[] | undefined {
  const values: Alt[] = [];
  let found = false;
  for (const opAlt of resource.resolve(entry(block, operator))) {
    if (!opAlt.known) { values.push(opAlt); found = true; continue; }
    const raw = entry(opAlt.value, key);
    if (raw === undefined) continue;
    found = true;
    for (const listAlt of resource.resolve(raw)) {
      if (!listAlt.known) { values.push(listAlt); continue; }
      const list = Array.isArray(listAlt.value) ? listAlt.value : [listAlt.value];
      for (const v of list) values.push(...resource.resolve(v));
    }
  }
  return found ? values : undefined;
}
