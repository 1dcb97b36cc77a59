/** Helpers of the Route 53 rules. */
import { NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import type { LocalizedText } from '../../../lib/catalog/types';
import { describeValue } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';

/** The details of {@link forPublicZone}, for the `details` of the rules that use it. */
export const PUBLIC_ZONE_DETAILS: Readonly<Record<string, LocalizedText>> = {
  vpcsValue: {
    en: 'VPCs is {value}, so whether the zone is public cannot be verified',
    ja: 'VPCs が {value} のため、パブリックホストゾーンかどうかを検証できません',
  },
  vpcsOpaque: {
    en: 'VPCs is {value}, only known at deployment, so whether the zone is public cannot be verified',
    ja: 'VPCs が {value} でデプロイ時にしか決まらないため、パブリックホストゾーンかどうかを検証できません',
  },
};

/** Judge a hosted zone only for the alternatives in which it is public (no VPCs); private zones are not applicable. */
export function forPublicZone(zone: Resource, then: () => Outcome): Outcome {
  let result: Outcome | undefined;
  return worst(...zone.prop('VPCs').map((v): Outcome => {
    if (!v.known) return unverifiable('at', { what: 'VPCs', why: v.why });
    if (v.value === undefined || (Array.isArray(v.value) && v.value.length === 0)) return (result ??= then());
    if (Array.isArray(v.value)) return NOT_APPLICABLE;
    return unverifiable(isOpaque(v.value) ? 'vpcsOpaque' : 'vpcsValue', { value: describeValue(v.value) });
  }));
}
