/**
 * The shape of a rule, after cdk-nag (one rule per file, a plain function that narrows to its
 * resource types, resolves values, then decides), with what cdk-nag lacks: every rule names its
 * guideline items, carries a fix in Japanese and English, and says "cannot be verified" instead of
 * throwing when a value is unknown before deployment.
 *
 * Outcomes carry their detail as data (`Detail`: a message key and parameters), never as finished
 * text: the detail is rendered at the edge (table, JSON, SARIF, the CDK report, the compliance report)
 * in the language the reader chose (`renderDetail` in ./messages).
 */
import { LocalizedText } from '../../lib/catalog/types';
import { Detail, detailOf, DetailParam, describeValue } from './messages';
import type { Scenario } from './scenario';
import { Alt } from './values';
import { Resource, TemplateModel } from './template';

export type { Detail } from './messages';

/** The verdict of one rule on one resource (in one scenario, when the template has conditions). */
export type Outcome =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly detail?: Detail; readonly scenario?: Scenario }
  | { readonly status: 'unverifiable'; readonly detail: Detail; readonly scenario?: Scenario };

export const COMPLIANT: Outcome = { status: 'compliant' };
export const NOT_APPLICABLE: Outcome = { status: 'not-applicable' };
/**
 * A non-compliant outcome. `detail` is a key of the rule's `details` (or of the engine's messages)
 * with its parameters; a plain string is kept as it is (English only: prefer a key).
 */
export function nonCompliant(detail?: string | Detail, params?: Readonly<Record<string, DetailParam>>): Outcome {
  return { status: 'non-compliant', detail: detail === undefined ? undefined : detailOf(detail, params) };
}
export function unverifiable(detail: string | Detail, params?: Readonly<Record<string, DetailParam>>): Outcome {
  return { status: 'unverifiable', detail: detailOf(detail, params) };
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
 * @param what a short name of the value, used in the finding's detail (e.g. `StorageEncrypted`), or a
 *   detail of the rule when the name has words in it (`container "app" Privileged`).
 */
export function judge(alts: readonly Alt[], what: string | Detail, ok: (value: unknown) => boolean | undefined): Outcome {
  const outcomes: Outcome[] = alts.map((a) => {
    if (!a.known) return unverifiable('at', { what, why: a.why });
    const verdict = ok(a.value);
    if (verdict === true) return COMPLIANT;
    const value = describeValue(a.value);
    const via = a.via ?? '';
    if (verdict === false) return nonCompliant(via ? 'value-is-via' : 'value-is', { what, value, via });
    return unverifiable(via ? 'value-unverifiable-via' : 'value-unverifiable', { what, value, via });
  });
  return outcomes.length === 0 ? COMPLIANT : worst(...outcomes);
}

/** A value, shortly, for messages (English; `describeValue` keeps it as data for any language). */
export function describe(value: unknown): string {
  const d = describeValue(value);
  return typeof d === 'string' ? d : 'not set';
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
  /**
   * The rule's own finding details, by key: texts with `{name}` placeholders for the parameters the
   * rule passes (`nonCompliant('noPolicy', { bucket })`). Keys not found here are the engine's
   * (`ENGINE_DETAILS` in ./messages).
   */
  readonly details?: Readonly<Record<string, LocalizedText>>;
  /** The check: narrow, resolve, decide. Must not throw for any template content. */
  check(resource: Resource, ctx: RuleContext): Outcome;
}

/** Declare a rule (identity function that keeps the literal types checked). */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}
