/**
 * Reading IAM-style policy documents (identity policies, bucket/topic/queue policies, key policies,
 * trust policies) the way the rules need: statements with their alternatives resolved, actions,
 * principals and conditions normalized. Shared by every rule that reads a policy.
 */
import { Alt, Opaque } from './values';
import { Resource } from './template';
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

  /** Condition values for an operator and key, e.g. (`Bool`, `aws:SecureTransport`). Case-insensitive key. */
  public condition(operator: string, key: string): unknown[] | undefined {
    const c = this.raw.Condition;
    if (!c || typeof c !== 'object') return undefined;
    const op = Object.entries(c as Record<string, unknown>).find(([k]) => k.toLowerCase() === operator.toLowerCase())?.[1];
    if (!op || typeof op !== 'object') return undefined;
    const v = Object.entries(op as Record<string, unknown>).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v : [v];
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
        return { unknown: 'the policy document is a string that is not JSON' };
      }
    }
    return { unknown: 'the policy document is only known at deployment' };
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
          return { unknown: 'a statement is only known at deployment' };
        }
      }
    }
  }
  return { statements };
}
