// fintech-guardrails: the package's public entry. Re-exports only, layer by layer (ARCHITECTURE.md):
// catalog → engine → rules → report → pack and guard runner → constructs and baseline.
export * from './lib/catalog';
export { LevelConfigurationError } from './packs/engine/levels';
export type { ItemDecision, EffectiveLevel } from './packs/engine/levels';
export { findingMessage, findingFix, renderScenario } from './packs/engine/runner';
export type { Finding, FindingTexts, Acknowledgment, Evaluation } from './packs/engine/runner';
export type { RuleDefinition, Outcome, Detail } from './packs/engine/rule';
export { renderDetail } from './packs/engine/messages';
export type { Language } from './packs/engine/messages';
export type { Scenario, Assumption, DeploymentContext } from './packs/engine/scenario';
export { ALL_RULES } from './packs/rules';
export * from './lib/report';
export { FinTechChecks, ACK_METADATA_KEY } from './packs/fintech-checks';
export type { FinTechChecksProps, ComplianceReportOptions } from './packs/fintech-checks';
export { acknowledgeCdkInternals, CDK_INTERNALS } from './packs/cdk-internals';
export * from './lib/constructs';
export * from './lib/baseline';
