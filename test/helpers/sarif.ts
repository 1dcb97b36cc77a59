/**
 * Validation of SARIF logs against the SARIF 2.1.0 JSON schema, as published by Microsoft's SARIF SDK
 * in `@microsoft/jest-sarif` (`sarif-2.1.0-rtm.5.json`, the schema of the OASIS standard, draft-04),
 * with pinned validators: Ajv's draft-04 class (`ajv-draft-04`) and `ajv-formats` (uri, date-time).
 */
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validator: ((log: unknown) => boolean) & { errors?: unknown[] | null } | undefined;

/** The schema errors of `log` (an empty list when it is a valid SARIF 2.1.0 log). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    // unicodeRegExp off: the schema's pattern for `language` has a stray bracket that the `u` flag rejects.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(require(SCHEMA_FILE));
  }
  if (validator(log)) return [];
  return (validator.errors ?? []).map((e: any) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}
