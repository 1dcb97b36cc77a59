/** Every rule of the FinTechChecks pack, by group, in rule-ID order within each group. */
import { RuleDefinition } from '../engine/rule';
import { COMPUTE_RULES } from './compute';
import { DATA_RULES } from './data';
import { EDGE_RULES } from './edge';
import { IDENTITY_RULES } from './identity';

export const ALL_RULES: readonly RuleDefinition[] = [...DATA_RULES, ...COMPUTE_RULES, ...EDGE_RULES, ...IDENTITY_RULES];
