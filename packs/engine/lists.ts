/**
 * Walking list properties (security group rules, cache behaviours, container definitions, ...) over
 * all their alternatives: the list itself may be an `Fn::If`, and so may each element.
 */
import { best, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from './rule';
import { Detail, describeValue, TEXT, Via, viaOf } from './messages';
import { Resource } from './template';
import { Alt, isOpaque } from './values';

export interface ListOptions {
  /** Outcome when the list property is absent. */
  readonly absent: Outcome;
  /** Outcome when the list is empty (or all its elements are `AWS::NoValue`). Defaults to `absent`. */
  readonly empty?: Outcome;
  /**
   * `every`: every element must pass (worst of the elements).
   * `some`: at least one element must pass (best of the elements).
   */
  readonly mode: 'every' | 'some';
  /** Pass elements that are references (`Opaque`, e.g. a Ref to a role) to `check` instead of judging them unverifiable. */
  readonly opaqueElements?: boolean;
}

/**
 * Judge the elements of a list property. `alts` are the alternatives of the list (from
 * `resource.prop(path)`); every alternative is judged, and the worst one wins. Within an alternative,
 * every element is resolved (an element can be an `Fn::If` itself); an element that is only known at
 * deployment is unverifiable, an element that is `AWS::NoValue` is skipped. `check` receives the
 * resolved element (an object for lists of structures, a string for lists of IDs) and its index.
 */
export function judgeList(
  resource: Resource,
  alts: readonly Alt[],
  /** The list's name in details: a property name, or a detail of the rule (`{container} Environment`). */
  what: string | Detail,
  options: ListOptions,
  check: (element: unknown, index: number, via?: Via) => Outcome,
): Outcome {
  const empty = options.empty ?? options.absent;
  const perAlternative = alts.map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what, why: alt.why });
    if (alt.value === undefined || alt.value === null) return options.absent;
    if (isOpaque(alt.value) || !Array.isArray(alt.value)) {
      return unverifiable('only-at-deployment', { what, value: describeValue(alt.value) });
    }
    const perElement = alt.value.map((raw, i) => {
      const elementAlts = resource.resolve(raw);
      return worst(...elementAlts.map((e): Outcome => {
        if (!e.known) return unverifiable('element-at', { what, index: i, why: e.why });
        if (e.value === undefined || e.value === null) return NOT_APPLICABLE;
        if (isOpaque(e.value) && !options.opaqueElements) return unverifiable('element-only-at-deployment', { what, index: i, value: describeValue(e.value) });
        const steps = [...(alt.via ?? []), ...(e.via ?? [])];
        const via = steps.length > 0 ? viaOf(steps) : undefined;
        return check(e.value, i, via);
      }));
    });
    const combined = options.mode === 'every' ? worst(...perElement) : best(...perElement);
    return combined.status === 'not-applicable' ? empty : combined;
  });
  return perAlternative.length === 0 ? options.absent : worst(...perAlternative);
}


/**
 * A failing outcome with where it was found written before its detail (`MethodSettings[0] (GET /):
 * DataTraceEnabled is true`); `where` is a name or a detail of the rule. Other outcomes are kept.
 */
export function within(where: string | Detail, o: Outcome): Outcome {
  if (o.status === 'non-compliant') return o.detail ? nonCompliant('at', { what: where, why: o.detail }) : nonCompliant(TEXT, { text: where });
  if (o.status === 'unverifiable') return unverifiable('at', { what: where, why: o.detail });
  return o;
}
