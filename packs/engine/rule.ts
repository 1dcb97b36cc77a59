/**
 * The shape of a rule, after cdk-nag (one rule per file, a plain function that narrows to its
 * resource types, resolves values, then decides), with what cdk-nag lacks: every rule names its
 * guideline items, carries a fix in Japanese and English, and says "cannot be verified" instead of
 * throwing when a value is unknown before deployment.
 */
import { LocalizedText } from '../../lib/catalog/types';
import { Alt, Opaque } from './values';
import { Resource, TemplateModel } from './template';

/** The verdict of one rule on one resource. */
export type Outcome =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly detail?: string }
  | { readonly status: 'unverifiable'; readonly detail: string };

export const COMPLIANT: Outcome = { status: 'compliant' };
export const NOT_APPLICABLE: Outcome = { status: 'not-applicable' };
export function nonCompliant(detail?: string): Outcome {
  return { status: 'non-compliant', detail };
}
export function unverifiable(detail: string): Outcome {
  return { status: 'unverifiable', detail };
}

const RANK: Record<Outcome['status'], number> = { 'not-applicable': 0, 'compliant': 1, 'unverifiable': 2, 'non-compliant': 3 };

/** The worst of several outcomes: non-compliant > unverifiable > compliant > not applicable. */
export function worst(...outcomes: Outcome[]): Outcome {
  let w: Outcome = NOT_APPLICABLE;
  for (const o of outcomes) if (RANK[o.status] > RANK[w.status]) w = o;
  return w;
}

const BEST_RANK: Record<Outcome['status'], number> = { 'not-applicable': 0, 'non-compliant': 1, 'unverifiable': 2, 'compliant': 3 };

/** The best of several outcomes (one good element is enough): compliant > unverifiable > non-compliant > not applicable. */
export function best(...outcomes: Outcome[]): Outcome {
  let b: Outcome = NOT_APPLICABLE;
  for (const o of outcomes) if (BEST_RANK[o.status] > BEST_RANK[b.status]) b = o;
  return b;
}

/**
 * Judge every alternative of a value. `ok` returns true (compliant), false (non-compliant), or
 * undefined (this alternative cannot be judged: unverifiable). The value is compliant only if every
 * alternative is (both branches of an `Fn::If`, every allowed value of a parameter).
 *
 * @param what a short name of the value, used in the finding's detail (e.g. `StorageEncrypted`).
 */
export function judge(alts: readonly Alt[], what: string, ok: (value: unknown) => boolean | undefined): Outcome {
  const outcomes: Outcome[] = alts.map((a) => {
    if (!a.known) return unverifiable(`${what}: ${a.why}`);
    const verdict = ok(a.value);
    const via = a.via ? ` (${a.via})` : '';
    if (verdict === true) return COMPLIANT;
    if (verdict === false) return nonCompliant(`${what} is ${describe(a.value)}${via}`);
    return unverifiable(`${what} is ${describe(a.value)}${via}, which cannot be verified before deployment`);
  });
  return outcomes.length === 0 ? COMPLIANT : worst(...outcomes);
}

/** A value, shortly, for messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'not set';
  if (value instanceof Opaque) return String(value);
  const s = JSON.stringify(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The context a rule runs in. */
export interface RuleContext {
  readonly template: TemplateModel;
}

export interface RuleDefinition {
  /** Stable rule ID, e.g. `FTG-S3-1`. Never reused for another check. */
  readonly id: string;
  /** Descriptive name, e.g. `S3BucketEncrypted`. */
  readonly name: string;
  /** Guideline item IDs (catalog IDs) the rule gives evidence for. */
  readonly items: readonly string[];
  /** CloudFormation resource types the rule looks at; other resources are not applicable without calling `check`. */
  readonly resourceTypes: readonly string[];
  /** What must be true (shown when the rule fails). */
  readonly info: LocalizedText;
  /** Why the guideline asks for it. */
  readonly explanation: LocalizedText;
  /** How to fix it, in CDK and CloudFormation terms. */
  readonly fix: LocalizedText;
  /** The check: narrow, resolve, decide. Must not throw for any template content. */
  check(resource: Resource, ctx: RuleContext): Outcome;
}

/** Declare a rule (identity function that keeps the literal types checked). */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}
