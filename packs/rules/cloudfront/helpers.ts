/**
 * Small helpers shared by the edge and serverless rules (CloudFront, API Gateway, Lambda,
 * CloudWatch): walking list properties over all their alternatives, naming where in a resource a
 * finding is, following a reference to another resource of the template, and visiting every cache
 * behaviour of a CloudFront distribution. Nothing here throws; what cannot be known becomes
 * `unverifiable`.
 */
import { nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { judgeList, within } from '../../engine/lists';
import { Detail, describeValue } from '../../engine/messages';
import type { LocalizedText } from '../../../lib/catalog/types';
import { Resource } from '../../engine/template';
import { Alt, isOpaque } from '../../engine/values';
import { literalString } from '../../engine/lookup';

export { best } from '../../engine/rule';

/** Prefix the detail of a failing outcome with where it was found (e.g. `CacheBehaviors[1] (/api/*)`). */
export function at(where: string | Detail, o: Outcome): Outcome {
  return within(where, o);
}

/** The details of {@link eachCacheBehavior}, for the `details` of the rules that use it. */
export const CACHE_BEHAVIOR_DETAILS: Readonly<Record<string, LocalizedText>> = {
  'default-behavior-not-set': { en: 'DistributionConfig.DefaultCacheBehavior is not set', ja: 'DistributionConfig.DefaultCacheBehavior が未設定です' },
};

export interface EachOptions {
  /** Outcome when the list property is absent. */
  readonly absent: Outcome;
  /** Outcome when the list is empty (or every element is `AWS::NoValue`); defaults to `absent`. */
  readonly empty?: Outcome;
  /** Give elements that are references (`Opaque`) to `check` instead of judging them unverifiable. */
  readonly opaqueElements?: boolean;
}

/**
 * Judge every element of a list property (worst wins). `alts` are the alternatives of the list;
 * each alternative is judged. An element can be an `Fn::If` itself: each of its alternatives is
 * judged, `AWS::NoValue` elements are skipped, elements only known at deployment are unverifiable.
 */
export function eachElement(
  resource: Resource,
  alts: readonly Alt[],
  what: string,
  options: EachOptions,
  check: (element: unknown, index: number) => Outcome,
): Outcome {
  return judgeList(resource, alts, what, { ...options, mode: 'every' }, (element, index) => check(element, index));
}

/**
 * Visit the default cache behaviour and every entry of `CacheBehaviors` of a CloudFront
 * distribution (worst wins). `check` receives the behaviour object and a label for the finding,
 * e.g. `DefaultCacheBehavior` or `CacheBehaviors[0] (/api/*)`.
 */
export function eachCacheBehavior(dist: Resource, check: (behavior: Record<string, unknown>, label: string) => Outcome): Outcome {
  const onDefault = dist.prop('DistributionConfig.DefaultCacheBehavior').map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: 'DefaultCacheBehavior', why: alt.why });
    if (alt.value === undefined) return nonCompliant('default-behavior-not-set', {});
    if (isOpaque(alt.value) || typeof alt.value !== 'object') return unverifiable('only-at-deployment', { what: 'DefaultCacheBehavior', value: describeValue(alt.value) });
    return check(alt.value as Record<string, unknown>, 'DefaultCacheBehavior');
  });
  const others = eachElement(dist, dist.prop('DistributionConfig.CacheBehaviors'), 'CacheBehaviors', { absent: NOT_APPLICABLE }, (b, i) => {
    if (typeof b !== 'object') return unverifiable('value-is', { what: `CacheBehaviors[${i}]`, value: describeValue(b) });
    const pattern = literalString(dist.resolve(b, 'PathPattern'));
    return check(b as Record<string, unknown>, `CacheBehaviors[${i}]${pattern ? ` (${pattern})` : ''}`);
  });
  return worst(...onDefault, others);
}
