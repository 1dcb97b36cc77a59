/**
 * Levels: the risk-based approach of the guideline (section 2.1).
 *
 * Mandatory items (必須) are errors; selectable items (選択) are warnings. A team may raise a
 * selectable item to an error, or turn it off, but always with a written reason, which is kept so
 * that the decision can be checked afterwards (事後検証可能). Mandatory items cannot be lowered or
 * turned off: a justified exception is an acknowledgment on the resource, where it can be seen.
 */
import { findItem, ITEMS } from '../../lib/catalog';

export type FindingLevel = 'error' | 'warning';

/** A team's decision about one item. */
export interface ItemDecision {
  /** `error` raises a selectable item; `off` turns it off; `warning` keeps a selectable item at its default. */
  readonly level: 'error' | 'warning' | 'off';
  /** Why: required, kept in the compliance report and the validation report. */
  readonly reason: string;
}

/** The effective level of an item, and who decided it. */
export interface EffectiveLevel {
  readonly level: FindingLevel | 'off';
  readonly decidedBy: 'guideline' | 'team';
  readonly reason?: string;
}

/** A bad decision given to the pack or the CLI. */
export class LevelConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LevelConfigurationError';
  }
}

/** Validate the team's decisions and compute the level of every catalog item. Throws {@link LevelConfigurationError}. */
export function resolveItemLevels(decisions: Readonly<Record<string, ItemDecision>> = {}): ReadonlyMap<string, EffectiveLevel> {
  const out = new Map<string, EffectiveLevel>();
  for (const item of ITEMS) {
    out.set(item.id, { level: item.level === 'mandatory' ? 'error' : 'warning', decidedBy: 'guideline' });
  }
  for (const [id, decision] of Object.entries(decisions)) {
    const item = findItem(id);
    if (!item) throw new LevelConfigurationError(`Unknown guideline item "${id}" in item levels. Use an ID of the catalog, e.g. BP-4 (run: fintech-guardrails items).`);
    if (!decision || !['error', 'warning', 'off'].includes(decision.level)) {
      throw new LevelConfigurationError(`Item ${id}: level must be "error", "warning" or "off", got ${JSON.stringify(decision?.level)}.`);
    }
    if (typeof decision.reason !== 'string' || decision.reason.trim().length < 10) {
      throw new LevelConfigurationError(`Item ${id}: a decision needs a written reason of at least 10 characters, so that it can be checked later (got ${JSON.stringify(decision.reason)}).`);
    }
    if (item.level === 'mandatory' && decision.level !== 'error') {
      throw new LevelConfigurationError(`Item ${id} is mandatory (必須) and cannot be set to "${decision.level}". Acknowledge a justified exception on the resource instead: Validations.of(construct).acknowledge({ id: 'FinTechChecks::<rule ID>', reason: '...' }).`);
    }
    out.set(id, { level: decision.level, decidedBy: 'team', reason: decision.reason.trim() });
  }
  return out;
}

/** A rule's level: error if any of its items is an error, warning if any is a warning, else off. */
export function ruleLevel(items: readonly string[], levels: ReadonlyMap<string, EffectiveLevel>): FindingLevel | 'off' {
  let level: FindingLevel | 'off' = 'off';
  for (const id of items) {
    const l = levels.get(id)?.level ?? 'error';
    if (l === 'error') return 'error';
    if (l === 'warning') level = 'warning';
  }
  return level;
}
