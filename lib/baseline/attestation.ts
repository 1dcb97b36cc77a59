/**
 * The guideline items that no template can show (coverage `attest`), as AWS Config process-check
 * rules: each appears in the account's AWS Config compliance view, where the person who signs the item
 * off marks it COMPLIANT or NON_COMPLIANT (with a note pointing to the evidence).
 */
import { GuidelineItem, ITEMS } from '../catalog';

/** The prefix of the names of the process-check rules (`fintech-as-1`, ...). */
export const ATTESTATION_RULE_PREFIX = 'fintech-';

/** AWS Config's limit on a rule description. */
const MAX_DESCRIPTION = 256;

/** The catalog items a person signs off: every item whose coverage includes `attest`. */
export function attestationItems(): GuidelineItem[] {
  return ITEMS.filter((i) => i.coverage.includes('attest'));
}

/** The name of an item's process-check rule: `fintech-` and the item ID in lower case (`fintech-as-1`). */
export function attestationRuleName(itemId: string): string {
  return `${ATTESTATION_RULE_PREFIX}${itemId.toLowerCase()}`;
}

/**
 * The description of an item's process-check rule: its ID and its Japanese and English text from the
 * catalog, shortened (English first) to AWS Config's 256 characters if the texts ever grow that long.
 */
export function attestationRuleDescription(item: GuidelineItem): string {
  const head = `[${item.id}] ${item.ja} / `;
  const full = head + item.en;
  if ([...full].length <= MAX_DESCRIPTION) return full;
  const room = MAX_DESCRIPTION - [...head].length - 1;
  if (room > 20) return head + [...item.en].slice(0, room).join('') + '…';
  return [...`[${item.id}] ${item.ja}`].slice(0, MAX_DESCRIPTION - 1).join('') + '…';
}
