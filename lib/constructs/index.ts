// Secure constructs of fintech-guardrails. Re-exports only.
export * from './errors';
export * from './envelope-encryption-key';
export * from './write-once-log-archive';
export * from './root-login-notification';
export * from './immutable-server-fleet';
