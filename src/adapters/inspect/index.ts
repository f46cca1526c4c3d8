/** adapters/inspect: redaction of XState inspection events, for the engine's `inspect` option. */
export * from './redaction-rules.js';
export * from './redact-value.js';
export * from './redact-machine-config.js';
export * from './redact-inspection-event.js';
export * from './create-redacting-inspector.js';
export * from './machine-to-mermaid.js';
