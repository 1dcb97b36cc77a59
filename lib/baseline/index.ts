// The FinTech account baseline. Re-exports only.
export * from './account-baseline';
export * from './activity';
export * from './attestation';
export * from './cis-alarms';
export * from './coverage';
export * from './global-event-forwarder';
export * from './organization';
export * from './conformance-pack';
export * from './guard-hook';
