/** Helpers of the Route 53 rules. */
import { describe, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';

/** Judge a hosted zone only for the alternatives in which it is public (no VPCs); private zones are not applicable. */
export function forPublicZone(zone: Resource, then: () => Outcome): Outcome {
  let result: Outcome | undefined;
  return worst(...zone.prop('VPCs').map((v): Outcome => {
    if (!v.known) return unverifiable(`VPCs: ${v.why}`);
    if (v.value === undefined || (Array.isArray(v.value) && v.value.length === 0)) return (result ??= then());
    if (Array.isArray(v.value)) return NOT_APPLICABLE;
    return unverifiable(`VPCs is ${describe(v.value)}${isOpaque(v.value) ? ', only known at deployment' : ''}, so whether the zone is public cannot be verified`);
  }));
}
