/** Helpers of the load balancer rules. */
import type { LocalizedText } from '../../../lib/catalog/types';
import { describeValue } from '../../engine/messages';
import { judge, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { asBoolean } from '../../engine/values';
import { keyValueEntry } from '../ec2/helpers';

/** The details of {@link attributeIsTrue}, for the `details` of the rules that use it. */
export const ATTRIBUTE_DETAILS: Readonly<Record<string, LocalizedText>> = {
  'attribute-missing': { en: 'LoadBalancerAttributes has no {key} = true', ja: 'LoadBalancerAttributes に {key} = true がありません' },
};

/**
 * Judge a v2 load balancer only for the alternatives of its `Type` listed in `types` (`application`
 * when Type is absent); other types are not applicable.
 */
export function forTypes(lb: Resource, types: readonly string[], then: () => Outcome): Outcome {
  let result: Outcome | undefined;
  return worst(...lb.prop('Type').map((t): Outcome => {
    if (!t.known) return unverifiable('at', { what: 'Type', why: t.why });
    const type = t.value === undefined ? 'application' : typeof t.value === 'string' ? t.value.toLowerCase() : undefined;
    if (type === undefined) return unverifiable('value-is', { what: 'Type', value: describeValue(t.value) });
    return types.includes(type) ? (result ??= then()) : NOT_APPLICABLE;
  }));
}

/** A boolean load balancer attribute (`LoadBalancerAttributes[].Key` = `key`) must be `true`. */
export function attributeIsTrue(lb: Resource, key: string): Outcome {
  return keyValueEntry(lb, 'LoadBalancerAttributes', key,
    (alts) => judge(alts, key, (v) => (v === undefined ? false : asBoolean(v))),
    nonCompliant('attribute-missing', { key }));
}
