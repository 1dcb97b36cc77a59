// fintech-guardrails: re-exports only.
export * from './catalog';
export * from './constructs';
export * from './baseline';
export * from './report';
export { FinTechChecks, ACK_METADATA_KEY } from '../packs/fintech-checks';
export type { FinTechChecksProps } from '../packs/fintech-checks';
export { LevelConfigurationError } from '../packs/engine/levels';
export type { ItemDecision, EffectiveLevel } from '../packs/engine/levels';
export type { Finding, Acknowledgment } from '../packs/engine/runner';
export type { RuleDefinition, Outcome } from '../packs/engine/rule';
export { ALL_RULES } from '../packs/rules';
export { acknowledgeCdkInternals, CDK_INTERNALS } from '../packs/cdk-internals';
