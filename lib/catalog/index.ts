/** The guideline catalog: the single source of the guideline's items. */
import { CHAPTERS, ITEMS } from './items';
import { GuidelineItem } from './types';

export * from './types';
export { CHAPTERS, ITEMS };

const BY_ID: ReadonlyMap<string, GuidelineItem> = new Map(ITEMS.map((i) => [i.id, i]));

/** The item with this ID, or undefined. */
export function findItem(id: string): GuidelineItem | undefined {
  return BY_ID.get(id);
}

/** The item with this ID; throws for an unknown ID. */
export function getItem(id: string): GuidelineItem {
  const item = BY_ID.get(id);
  if (!item) throw new Error(`Unknown guideline item "${id}". Known items: ${ITEMS.map((i) => i.id).join(', ')}`);
  return item;
}
