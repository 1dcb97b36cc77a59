// The library layers of fintech-guardrails (catalog, report, constructs, baseline). Re-exports only.
// The package's public entry is the root index.ts, which adds the engine, the rules and the pack.
export * from './catalog';
export * from './constructs';
export * from './baseline';
export * from './report';
