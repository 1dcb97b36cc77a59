/**
 * Reading IAM-style policy documents (identity policies, bucket/topic/queue policies, key policies,
 * trust policies) the way the rules need: statements with their alternatives resolved, actions,
 * principals and conditions normalized. Shared by every rule that reads a policy.
 */
import { Alt, Opaque } from './values';
import { Resource } from './template';
import { reason } from './messages';
import type { Reason } from './messages';

/** One statement of a policy, with literal parts normalized. Unknown parts stay `Opaque`/raw. */
export class Statement {
  constructor(public readonly raw: Record<string, unknown>, private readonly resource: Resource) {}

  /** `Allow`, `Deny`, or undefined when not literal. */
  public get effect(): 'Allow' | 'Deny' | undefined {
    const e = this.literal('Effect');
    return e === 'Allow' || e === 'Deny' ? e : undefined;
  }

  /** Actions (lower-cased), `undefined` when the statement uses NotAction or actions are not literal. */
  public get actions(): string[] | undefined {
    return this.stringList('Action')?.map((a) => a.toLowerCase());
  }

  public get notActions(): string[] | undefined {
    return this.stringList('NotAction')?.map((a) => a.toLowerCase());
  }

  /** Resources as strings; non-literal entries become `'?'`. */
  public get resources(): string[] {
    return this.stringList('Resource', true) ?? [];
  }

  /** Whether an action of the statement (with IAM wildcards) covers `action` (e.g. `s3:GetObject`). */
  public coversAction(action: string): boolean {
    const a = action.toLowerCase();
    const acts = this.actions;
    if (acts) return acts.some((p) => wildcardMatch(p, a));
    const not = this.notActions;
    if (not) return !not.some((p) => wildcardMatch(p, a));
    return false;
  }

  /** True when the principal is everyone (`*`, `{"AWS": "*"}`), ignoring conditions. */
  public get principalIsEveryone(): boolean {
    if (this.raw.NotPrincipal !== undefined) return true;
    const p = this.raw.Principal;
    if (p === '*') return true;
    if (p && typeof p === 'object' && !Array.isArray(p)) {
      const aws = (p as Record<string, unknown>).AWS;
      const list = Array.isArray(aws) ? aws : [aws];
      return list.includes('*');
    }
    return false;
  }

  /** The principals of one kind (`AWS`, `Service`, `Federated`), as strings; non-literal entries become `'?'`. */
  public principals(kind: 'AWS' | 'Service' | 'Federated'): string[] {
    const p = this.raw.Principal;
    if (!p || typeof p !== 'object' || Array.isArray(p)) return [];
    const v = (p as Record<string, unknown>)[kind];
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    return list.map((e) => {
      const alts = this.resource.resolve(e);
      const lit = alts.length === 1 && alts[0].known && typeof alts[0].value === 'string' ? alts[0].value : undefined;
      if (lit) return lit;
      // A Join/Sub that builds an account root ARN ("arn:...:iam::123:root") is recognisable from its raw form.
      return JSON.stringify(e).includes(':root') ? '?:root' : '?';
    });
  }

  /**
   * The alternatives of the statement's `Condition` block (an `Fn::If` around the block gives
   * several; in a scenario, one).
   */
  public conditionBlocks(): ConditionBlock[] {
    return this.resource.resolve(this.raw.Condition).map((block): ConditionBlock => {
      if (!block.known) return { kind: 'unknown', why: block.why };
      if (block.value === undefined) return { kind: 'absent' };
      if (block.value instanceof Opaque || typeof block.value !== 'object' || Array.isArray(block.value)) {
        return { kind: 'unknown', why: reason('condition-block-unknown') };
      }
      return { kind: 'block', block: block.value as Record<string, unknown> };
    });
  }

  /**
   * The values of the condition (`operator`, `key`) across every alternative of the Condition block,
   * resolved (operator and key match case-insensitively); undefined when no block has it.
   */
  public condition(operator: string, key: string): Alt[][] | undefined {
    let found: Alt[][] | undefined;
    for (const b of this.conditionBlocks()) {
      if (b.kind !== 'block') continue;
      const v = conditionValueGroups(this.resource, b.block, operator, key);
      if (v !== undefined) found = [...(found ?? []), ...v];
    }
    return found;
  }

  private literal(key: string): unknown {
    const alts = this.resource.resolve(this.raw[key]);
    return alts.length === 1 && alts[0].known ? alts[0].value : undefined;
  }

  private stringList(key: string, allowUnknown = false): string[] | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    const list = Array.isArray(v) ? v : [v];
    const out: string[] = [];
    for (const e of list) {
      const alts = this.resource.resolve(e);
      for (const a of alts) {
        if (a.known && typeof a.value === 'string') out.push(a.value);
        else if (allowUnknown) out.push(a.known && a.value instanceof Opaque ? '?' : '?');
        else return undefined;
      }
    }
    return out;
  }
}

/** One alternative of a statement's `Condition` block. */
export type ConditionBlock =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly why: Reason }
  | { readonly kind: 'block'; readonly block: Record<string, unknown> };

/** Case-insensitive look-up of a key in a plain object. */
function entry(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || obj instanceof Opaque) return undefined;
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : (obj as Record<string, unknown>)[k];
}

/**
 * The values of the condition (`operator`, `key`) in one Condition block, each with its
 * alternatives resolved (operator and key are matched case-insensitively): `undefined` when the
 * block has no such condition.
 */
export function conditionValues(resource: Resource, block: Record<string, unknown>, operator: string, key: string): Alt[] | undefined {
  return conditionValueGroups(resource, block, operator, key)?.flat();
}

/** Like {@link conditionValues}, one group of alternatives per value listed (values are ORed; alternatives are not). */
export function conditionValueGroups(resource: Resource, block: Record<string, unknown>, operator: string, key: string): Alt[][] | undefined {
  const groups: Alt[][] = [];
  let found = false;
  for (const opAlt of resource.resolve(entry(block, operator))) {
    if (!opAlt.known) { groups.push([opAlt]); found = true; continue; }
    const raw = entry(opAlt.value, key);
    if (raw === undefined) continue;
    found = true;
    // A scalar with alternatives (a parameter, an Fn::If) is one value; a list is several.
    const scalar: Alt[] = [];
    for (const listAlt of resource.resolve(raw)) {
      if (listAlt.known && Array.isArray(listAlt.value)) for (const v of listAlt.value) groups.push(resource.resolve(v));
      else scalar.push(listAlt);
    }
    if (scalar.length) groups.push(scalar);
  }
  return found ? groups : undefined;
}

/** IAM wildcard match (`*` and `?`), case-insensitive. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(value.toLowerCase());
}

/** The statements of a policy document, one list per alternative of the document. */
export interface PolicyAlternative {
  readonly statements?: Statement[];
  /** Set when this alternative of the document cannot be read. */
  readonly unknown?: Reason;
  /** Set when the document is absent in this alternative. */
  readonly absent?: boolean;
}

/**
 * Read the policy document at `path` of `resource` (e.g. `PolicyDocument`, `KeyPolicy`,
 * `AssumeRolePolicyDocument`) into statements. `Fn::If` around the document yields one alternative
 * per branch; the branches of an `Fn::If` around a single statement are all included in the list, so
 * a rule that needs a statement to exist in every branch (a deny) reads statement slots with
 * `readStatementSlots` in `resource-policy.ts` instead.
 */
export function readPolicy(resource: Resource, path: string): PolicyAlternative[] {
  return resource.prop(path).map((alt) => toPolicy(alt, resource));
}

/** Same as {@link readPolicy} for a raw document value (e.g. an inline policy in a list). */
export function readPolicyValue(resource: Resource, raw: unknown): PolicyAlternative[] {
  return resource.resolve(raw).map((alt) => toPolicy(alt, resource));
}

function toPolicy(alt: Alt, resource: Resource): PolicyAlternative {
  if (!alt.known) return { unknown: alt.why };
  if (alt.value === undefined) return { absent: true };
  if (alt.value instanceof Opaque || typeof alt.value !== 'object') {
    // A policy given as a JSON string is parsed; otherwise it is only known at deployment.
    if (typeof alt.value === 'string') {
      try {
        return toPolicy({ known: true, value: JSON.parse(alt.value) }, resource);
      } catch {
        return { unknown: reason('document-not-json') };
      }
    }
    return { unknown: reason('document-unknown') };
  }
  const statements: Statement[] = [];
  for (const sAlt of resource.resolve(alt.value, 'Statement')) {
    if (!sAlt.known) return { unknown: sAlt.why };
    const list = Array.isArray(sAlt.value) ? sAlt.value : sAlt.value === undefined ? [] : [sAlt.value];
    for (const raw of list) {
      for (const st of resource.resolve(raw)) {
        if (!st.known) return { unknown: st.why };
        if (st.value && typeof st.value === 'object' && !(st.value instanceof Opaque)) {
          statements.push(new Statement(st.value as Record<string, unknown>, resource));
        } else if (st.value !== undefined) {
          return { unknown: reason('statement-unknown') };
        }
      }
    }
  }
  return { statements };
}
