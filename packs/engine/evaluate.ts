/**
 * Judging one rule on one resource, scenario by scenario.
 *
 * The rule runs first in the scenario that assumes nothing. While it runs, every `Fn::If` and every
 * conditional resource whose condition is still open is recorded (`ConditionModel.touched`). If the
 * rule touched an open condition, its verdict is set aside and the rule runs again once for each
 * truth value of that condition that is consistent with the others (a condition defined from the
 * same parameter as another cannot disagree with it), until no run touches an open condition. Each
 * run's scenario is then complete: every branch the verdict depends on is fixed, across the
 * properties of the resource and the resources it relates to.
 *
 * The verdict is the worst of the scenarios; a finding names the scenario it happens in unless it
 * happens in all of them. Past `MAX_SCENARIOS` the rule is judged as before scenarios existed (both
 * branches of every open `Fn::If`, independently), and the finding says so.
 */
import { Detail } from './messages';
import { Outcome, RuleContext, RuleDefinition, worst } from './rule';
import { ConditionModel, Scenario, scenarioOf } from './scenario';
import { Resource } from './template';

/** The most scenarios judged per resource and rule. */
export const MAX_SCENARIOS = 64;

/** The outcome of a rule on a resource, with what the scenarios add. */
export interface Evaluated {
  readonly outcome: Outcome;
  /** The scenario the outcome happens in (omitted when it happens in every scenario). */
  readonly scenario?: Scenario;
  /** Notes for the reader (e.g. the scenario cap was reached). */
  readonly notes?: readonly Detail[];
}

function safeCheck(rule: RuleDefinition, resource: Resource, ctx: RuleContext): Outcome {
  try {
    return rule.check(resource, ctx);
  } catch (e) {
    return { status: 'unverifiable', detail: { key: 'rule-failed', params: { error: (e as Error).message } } };
  }
}

const RANK: Record<Outcome['status'], number> = { 'not-applicable': 0, 'compliant': 1, 'unverifiable': 2, 'non-compliant': 3 };

/** Judge `rule` on `resource` in every consistent scenario (never throws). */
export function evaluateRule(rule: RuleDefinition, resource: Resource, ctx: RuleContext): Evaluated {
  const conditions = resource.template.conditions;
  if (!conditions.any) return { outcome: safeCheck(rule, resource, ctx) };

  // A conditional resource is judged only where it exists.
  const start = new Map<string, boolean>();
  const own = resource.json.Condition;
  if (typeof own === 'string') {
    const s = conditions.staticValue(own);
    if (s === false) return { outcome: { status: 'not-applicable' } };
    if (s === undefined && conditions.names.has(own)) start.set(own, true);
  }

  const leaves: { scenario: Map<string, boolean>; outcome: Outcome }[] = [];
  const pending: Map<string, boolean>[] = [start];
  let runs = 0;
  let capped = false;
  while (pending.length > 0) {
    const scenario = pending.pop()!;
    conditions.assume(scenario);
    const outcome = safeCheck(rule, resource, ctx);
    runs++;
    const open = [...conditions.touched].find((c) => !scenario.has(c));
    if (open === undefined) {
      leaves.push({ scenario, outcome });
      continue;
    }
    for (const value of [false, true]) {
      const next = new Map(scenario).set(open, value);
      if (conditions.consistent(next)) pending.push(next);
    }
    if (leaves.length + pending.length > MAX_SCENARIOS || runs > 4 * MAX_SCENARIOS) { capped = true; break; }
  }

  if (capped) {
    conditions.assume(start, true);
    const outcome = safeCheck(rule, resource, ctx);
    conditions.assume(new Map());
    const notes = outcome.status === 'non-compliant' || outcome.status === 'unverifiable'
      ? [{ key: 'too-many-scenarios', params: { max: MAX_SCENARIOS } }] : undefined;
    return { outcome, notes };
  }
  conditions.assume(new Map());

  const outcome = worst(...leaves.map((l) => l.outcome));
  if (outcome.status !== 'non-compliant' && outcome.status !== 'unverifiable') return { outcome };
  const failing = leaves.filter((l) => RANK[l.outcome.status] === RANK[outcome.status]);
  // A verdict that holds in every scenario names only the condition the resource exists under.
  const where = failing.length === leaves.length ? start : sharedScenario(failing.map((l) => l.scenario), leaves) ?? failing[0].scenario;
  const scenario = scenarioOf(withoutImplied(conditions, where));
  return { outcome: failing[0].outcome, scenario: scenario.length ? scenario : undefined };
}

/**
 * The assumptions every failing scenario shares, when they describe the failing scenarios exactly
 * (every scenario with those assumptions fails): "when HasEncryption = false" rather than the
 * first failing scenario with the unrelated conditions it happened to split on as well. Undefined
 * when the shared assumptions also cover a scenario that does not fail.
 */
function sharedScenario(
  failing: readonly Map<string, boolean>[],
  leaves: readonly { scenario: Map<string, boolean>; outcome: Outcome }[],
): Map<string, boolean> | undefined {
  if (failing.length < 2) return undefined;
  const shared = new Map([...failing[0]].filter(([c, v]) => failing.every((s) => s.get(c) === v)));
  const covered = leaves.filter((l) => [...shared].every(([c, v]) => l.scenario.get(c) === v));
  return covered.length === failing.length ? shared : undefined;
}

/** `scenario` without the assumptions the others imply (HasPublicReadAccess = true implies NeedsBucketPolicy = true). */
function withoutImplied(conditions: ConditionModel, scenario: ReadonlyMap<string, boolean>): Map<string, boolean> {
  const out = new Map(scenario);
  for (const [c, v] of [...out]) {
    const rest = new Map(out);
    rest.delete(c);
    if (!conditions.consistent(rest.set(c, !v))) out.delete(c);
  }
  return out;
}
