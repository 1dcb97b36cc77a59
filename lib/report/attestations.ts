/**
 * The attestation file (`fintech-attestations.yaml`): for the items that cannot be seen in a template,
 * who confirmed them, when, with what evidence, and until when the confirmation holds.
 *
 *   attestations:
 *     - item: AS-1
 *       confirmedBy: Taro Yamada (CTO)
 *       date: 2026-04-01
 *       evidence: "Penetration test report, Example Security KK, 2026-03"
 *       until: 2027-03-31
 *       note: optional free text
 *
 * Every problem is one line naming the file and the line: an {@link AttestationError}.
 */
import * as fs from 'fs';
import type { Document, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { findItem, ITEMS } from '../catalog';

/** The default file name, looked up in the current directory by the `report` command. */
export const DEFAULT_ATTESTATION_FILE = 'fintech-attestations.yaml';

/** The required fields of an attestation, in the order they are checked. */
export const ATTESTATION_FIELDS = ['item', 'confirmedBy', 'date', 'evidence', 'until'] as const;
const OPTIONAL_FIELDS = ['note'] as const;

export interface Attestation {
  /** Guideline item ID, e.g. `AS-1`. */
  readonly item: string;
  /** Who confirmed it (name and role). */
  readonly confirmedBy: string;
  /** When it was confirmed (YYYY-MM-DD). */
  readonly date: string;
  /** The evidence: a link or a document name. */
  readonly evidence: string;
  /** Until when the confirmation holds (YYYY-MM-DD, inclusive). */
  readonly until: string;
  readonly note?: string;
  /** The line of the entry in its file (set by {@link parseAttestationFile}). */
  readonly line?: number;
}

export interface AttestationFile {
  /** The file name, as given (shown in the report). */
  readonly file?: string;
  readonly attestations: readonly Attestation[];
}

/** A problem in the attestation file: exit code 2 in the CLI. The message is `FILE:LINE: problem`. */
export class AttestationError extends Error {
  constructor(public readonly file: string, public readonly line: number | undefined, public readonly problem: string) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
    this.name = 'AttestationError';
  }
}

/** Read and validate an attestation file. Throws {@link AttestationError} (a missing file included). */
export function readAttestationFile(file: string): AttestationFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AttestationError(file, undefined, code === 'ENOENT' ? 'no such attestation file' : `cannot be read (${code ?? (e as Error).message})`);
  }
  return parseAttestationFile(text, file);
}

/** Parse and validate the text of an attestation file. Throws {@link AttestationError} with the line number. */
export function parseAttestationFile(text: string, file = DEFAULT_ATTESTATION_FILE): AttestationFile {
  const YAML = require('yaml') as typeof import('yaml');
  const lineCounter = new YAML.LineCounter();
  const source = text.replace(/^\uFEFF/, '');
  const doc: Document = YAML.parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // A problem found at the end of the input (an unclosed quote) is on the last line with content.
  const last = Math.max(0, source.trimEnd().length - 1);
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(Math.min(offset, last)).line);
  const fail = (line: number, problem: string): never => {
    throw new AttestationError(file, line, problem);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    fail(lineAt(e.pos?.[0]), `malformed YAML (${oneLine(e.message)})`);
  }
  const nodeLine = (node: YamlNode | Pair | null | undefined, fallback = 1): number => {
    const n = node && YAML.isPair(node) ? (node.key as YamlNode) : node;
    return n && (n as YamlNode).range ? lineAt((n as YamlNode).range![0]) : fallback;
  };

  const root = doc.contents;
  const shape = 'expected a mapping with the key "attestations": a list of entries with item, confirmedBy, date, evidence, until';
  if (root === null || root === undefined || (YAML.isScalar(root) && (root.value === null || root.value === ''))) fail(1, `the file is empty (${shape})`);
  if (!YAML.isMap(root)) fail(nodeLine(root as YamlNode), shape);
  const top = root as YAMLMap;
  let list: YamlNode | null | undefined;
  let listLine = 1;
  for (const pair of top.items) {
    const key = scalarText(YAML, pair.key);
    if (key !== 'attestations') fail(nodeLine(pair), `unknown key ${JSON.stringify(key ?? String(pair.key))} at the top level (the file has one key: attestations)`);
    list = pair.value as YamlNode | null;
    listLine = nodeLine(pair);
  }
  if (list === undefined) fail(1, `no "attestations" key (${shape})`);
  if (list === null || (YAML.isScalar(list) && list.value === null)) return { file, attestations: [] };
  if (!YAML.isSeq(list)) fail(nodeLine(list, listLine), '"attestations" must be a list of entries, each starting with "- item: <ID>"');

  const out: Attestation[] = [];
  (list as YAMLSeq).items.forEach((entryNode, index) => {
    const n = index + 1;
    const entry = entryNode as YamlNode | null;
    const entryLine = nodeLine(entry, listLine);
    if (!entry || !YAML.isMap(entry)) fail(entryLine, `attestation ${n} must be a mapping of item, confirmedBy, date, evidence, until`);
    const fields = new Map<string, { value: unknown; line: number }>();
    for (const pair of (entry as YAMLMap).items) {
      const key = scalarText(YAML, pair.key);
      const line = nodeLine(pair, entryLine);
      if (key === undefined || !([...ATTESTATION_FIELDS, ...OPTIONAL_FIELDS] as readonly string[]).includes(key)) {
        fail(line, `attestation ${n}: unknown field ${JSON.stringify(key ?? String(pair.key))} (fields: ${ATTESTATION_FIELDS.join(', ')}, and optionally note)`);
      }
      const v = pair.value as YamlNode | null;
      const value = v === null ? null : YAML.isScalar(v) ? v.value : v.toJSON();
      fields.set(key!, { value, line: v ? nodeLine(v, line) : line });
    }
    out.push(validateEntry(fields, n, entryLine, fail));
  });
  return { file, attestations: out };
}

/**
 * Validate attestations given as objects (for example by a CDK app that keeps them in code).
 * Problems name the entry number instead of a line. Throws {@link AttestationError}.
 */
export function validateAttestations(list: readonly Partial<Attestation>[], file = '(attestations)'): AttestationFile {
  const fail = (_line: number, problem: string): never => {
    throw new AttestationError(file, undefined, problem);
  };
  const out = list.map((a, i) => {
    if (!a || typeof a !== 'object') return fail(0, `attestation ${i + 1} must be an object with item, confirmedBy, date, evidence, until`);
    const fields = new Map<string, { value: unknown; line: number }>();
    for (const [k, v] of Object.entries(a)) {
      if (k === 'line') continue;
      if (!([...ATTESTATION_FIELDS, ...OPTIONAL_FIELDS] as readonly string[]).includes(k)) fail(0, `attestation ${i + 1}: unknown field ${JSON.stringify(k)} (fields: ${ATTESTATION_FIELDS.join(', ')}, and optionally note)`);
      if (v !== undefined) fields.set(k, { value: v, line: 0 });
    }
    return validateEntry(fields, i + 1, 0, fail);
  });
  return { file, attestations: out };
}

function validateEntry(
  fields: Map<string, { value: unknown; line: number }>,
  n: number,
  entryLine: number,
  fail: (line: number, problem: string) => never,
): Attestation {
  const itemField = fields.get('item');
  const label = () => `attestation ${n}${typeof itemField?.value === 'string' ? ` (${itemField.value})` : ''}`;
  for (const f of ATTESTATION_FIELDS) {
    if (!fields.has(f) || fields.get(f)!.value === null) {
      fail(fields.get(f)?.line ?? entryLine, `${label()}: missing field "${f}" (each entry needs ${ATTESTATION_FIELDS.join(', ')})`);
    }
  }
  const text = (f: string): string => {
    const { value, line } = fields.get(f)!;
    if (typeof value !== 'string' || value.trim() === '') {
      fail(line, `${label()}: "${f}" must be a non-empty text, got ${describe(value)}`);
    }
    return (value as string).trim();
  };
  const item = text('item');
  if (!findItem(item)) {
    const upper = findItem(item.toUpperCase()) ? ` (did you mean ${item.toUpperCase()}?)` : '';
    fail(fields.get('item')!.line, `${label()}: unknown guideline item "${item}"${upper}; use an ID of the catalog such as ${ITEMS[0].id} (run: fintech-guardrails items)`);
  }
  const confirmedBy = text('confirmedBy');
  const evidence = text('evidence');
  const date = dateField(fields.get('date')!, 'date', label(), fail);
  const until = dateField(fields.get('until')!, 'until', label(), fail);
  if (until < date) fail(fields.get('until')!.line, `${label()}: "until" ${until} is before "date" ${date}`);
  let note: string | undefined;
  if (fields.has('note') && fields.get('note')!.value !== null) note = text('note');
  return { item, confirmedBy, date, evidence, until, ...(note ? { note } : {}), ...(entryLine > 0 ? { line: entryLine } : {}) };
}

function dateField(
  field: { value: unknown; line: number },
  name: string,
  label: string,
  fail: (line: number, problem: string) => never,
): string {
  const v = field.value instanceof Date && !isNaN(field.value.getTime()) ? field.value.toISOString().slice(0, 10) : field.value;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) {
    return fail(field.line, `${label}: "${name}" must be a date written YYYY-MM-DD, got ${describe(field.value)}`);
  }
  const s = v.trim();
  if (!isCalendarDate(s)) fail(field.line, `${label}: "${name}" ${s} is not a calendar date`);
  return s;
}

/** Whether `YYYY-MM-DD` names a real day (2026-02-30 does not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function scalarText(YAML: typeof import('yaml'), key: unknown): string | undefined {
  if (YAML.isScalar(key)) return key.value === null || key.value === undefined ? undefined : String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return `${v} (${typeof v})`;
  return Array.isArray(v) ? 'a list' : 'a mapping';
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
