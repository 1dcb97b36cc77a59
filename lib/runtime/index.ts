// Entry point `fintech-guardrails/runtime`: code that runs inside applications.
// Re-exports only. Nothing reachable from here may import aws-cdk-lib or constructs.
export * from './envelope-cipher';
