/**
 * The findings baseline: the open findings a team has accepted as known debt on a given day (after
 * Checkov's `--baseline`). With a baseline, only new findings fail `check` and `cdk synth`; known ones
 * are still reported, with the date they were first recorded, until they are fixed.
 *
 * What is recorded: every open finding, that is every finding that is not acknowledged, both
 * `non-compliant` and `unverifiable` ("cannot be verified"), at error and at warning level. An
 * acknowledged finding already carries its written reason and needs no baseline entry (if the
 * acknowledgment is removed later, the finding comes back as new). Findings of items turned off are
 * not produced, so they are not recorded either.
 *
 * The fingerprint of a finding is its stack, its construct path (the `aws:cdk:path` metadata, or the
 * construct tree at synthesis) or, without one, its logical ID, and its rule ID. Never a line number,
 * never message text: editing a message, reordering a template, adding resources or changing the
 * wording of a detail keep the fingerprint. For a plain template file (no cloud assembly) the stack is
 * the file name without its extension (`templates/app.yaml` → `app`). A finding matches an entry by
 * fingerprint; when one of the two has no construct path (a `cdk.out` synthesized without path
 * metadata), it also matches by stack, logical ID and rule.
 *
 * File format (version 1), JSON, diff-friendly: entries sorted by fingerprint, keys in a fixed order,
 * two-space indent, a final newline, and no "generated at" timestamp, so that updating an unchanged
 * baseline rewrites the same bytes:
 *
 *   {
 *     "format": "fintech-guardrails/findings-baseline",
 *     "version": 1,
 *     "findings": [
 *       { "fingerprint": "FTG-S3-1|MyStack|path:MyStack/Bucket/Resource", "ruleId": "FTG-S3-1",
 *         "items": ["DM-1", "DM-2"], "stack": "MyStack", "path": "MyStack/Bucket/Resource",
 *         "resource": "Bucket83908E77", "firstRecorded": "2025-04-01" }
 *     ]
 *   }
 *
 * `firstRecorded` is the local calendar date of the update that first recorded the finding.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from './load';
import type { Finding } from './runner';

/** The `format` marker of a findings baseline file. */
export const BASELINE_FORMAT = 'fintech-guardrails/findings-baseline';
/** The version of the file format this module reads and writes. */
export const BASELINE_VERSION = 1;

/** A findings baseline file that cannot be read: one line, `file: problem` (exit code 2 in the CLI, as for every input). */
export class BaselineError extends InputError {
  // The name stays `InputError` (set by the base class) so that the CLI reports it as an input error.
}

/** One recorded finding. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** The guideline item IDs of the rule (for the reader; not part of the fingerprint). */
  readonly items: readonly string[];
  /** The stack (artifact display name), or the template file's name for plain templates. */
  readonly stack: string;
  /** The construct path, when known. */
  readonly path?: string;
  /** The logical ID. */
  readonly resource: string;
  /** YYYY-MM-DD: the day the finding was first recorded. */
  readonly firstRecorded: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  /** Sorted by fingerprint. */
  readonly findings: readonly BaselineEntry[];
  /** The file it was read from, when read from a file. */
  readonly file?: string;
}

/** What a fingerprint is made of. */
export type FingerprintSource = Pick<Finding, 'file' | 'stack' | 'resource' | 'path' | 'ruleId'>;

/** Whether a finding is open debt that a baseline records (not acknowledged; non-compliant or unverifiable). */
export function isOpen(f: Pick<Finding, 'acknowledged'>): boolean {
  return !f.acknowledged;
}

/** The stack a finding belongs to: the artifact name, or the template file's name without its extension. */
export function stackName(f: Pick<Finding, 'file' | 'stack'>): string {
  if (f.stack) return f.stack;
  const base = path.basename(f.file.split('\\').join('/'));
  return base.replace(/(\.template)?\.(json|ya?ml)$/i, '').replace(/\.template$/i, '') || base;
}

function fingerprintOf(ruleId: string, stack: string, constructPath: string | undefined, logicalId: string): string {
  return `${ruleId}|${stack}|${constructPath ? `path:${constructPath}` : `id:${logicalId}`}`;
}

/** The stable fingerprint of a finding: rule ID, stack, and construct path (or logical ID). */
export function fingerprint(f: FingerprintSource): string {
  return fingerprintOf(f.ruleId, stackName(f), f.path, f.resource);
}

/** The local calendar date of `d`, YYYY-MM-DD. */
export function calendarDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function entryOf(f: Finding, firstRecorded: string): BaselineEntry {
  return {
    fingerprint: fingerprint(f),
    ruleId: f.ruleId,
    items: [...f.items],
    stack: stackName(f),
    ...(f.path ? { path: f.path } : {}),
    resource: f.resource,
    firstRecorded,
  };
}

function byFingerprint(a: { fingerprint: string }, b: { fingerprint: string }): number {
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

/** Looks findings up in a baseline: by fingerprint, or by stack, logical ID and rule when one side has no construct path. */
export function baselineMatcher(baseline: Baseline): (f: FingerprintSource) => BaselineEntry | undefined {
  const byPrint = new Map<string, BaselineEntry>();
  const byLogical = new Map<string, BaselineEntry>();
  const logicalKey = (ruleId: string, stack: string, logicalId: string) => `${ruleId}\u0000${stack}\u0000${logicalId}`;
  for (const e of baseline.findings) {
    byPrint.set(e.fingerprint, e);
    const k = logicalKey(e.ruleId, e.stack, e.resource);
    if (!byLogical.has(k) || !e.path) byLogical.set(k, e);
  }
  return (f) => {
    const exact = byPrint.get(fingerprint(f));
    if (exact) return exact;
    const e = byLogical.get(logicalKey(f.ruleId, stackName(f), f.resource));
    return e && (!e.path || !f.path) ? e : undefined;
  };
}

/**
 * The baseline after this run: every open finding, with the `firstRecorded` date of `previous` for
 * those already in it and `now`'s date for the others. Entries of `previous` that no longer have an
 * open finding (fixed, acknowledged, or their resource removed) are dropped.
 */
export function updateBaseline(findings: readonly Finding[], previous: Baseline | undefined, now: Date): Baseline {
  const today = calendarDate(now);
  const match = previous ? baselineMatcher(previous) : undefined;
  const out = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (!isOpen(f)) continue;
    const known = match?.(f);
    const e = entryOf(f, known?.firstRecorded ?? today);
    const seen = out.get(e.fingerprint);
    // Two findings with one fingerprint (two template files of the same name): keep the earlier date.
    if (!seen || e.firstRecorded < seen.firstRecorded) out.set(e.fingerprint, e);
  }
  return { version: BASELINE_VERSION, findings: [...out.values()].sort(byFingerprint) };
}

/** A finding that the baseline knows, with the day it was first recorded. */
export interface KnownFinding {
  readonly finding: Finding;
  readonly firstRecorded: string;
  readonly entry: BaselineEntry;
}

export interface BaselineComparison {
  /** Open findings that the baseline does not know: these fail. In the order of the findings. */
  readonly new: Finding[];
  /** Open findings that the baseline knows: reported as known debt, not failing. In the order of the findings. */
  readonly known: KnownFinding[];
  /** Baseline entries with no open finding any more (fixed, acknowledged, or removed), by fingerprint. */
  readonly fixed: BaselineEntry[];
}

/** Split the open findings into new and known, and list what the baseline holds that is gone. Acknowledged findings are in none of the lists. */
export function compareWithBaseline(findings: readonly Finding[], baseline: Baseline): BaselineComparison {
  const match = baselineMatcher(baseline);
  const added: Finding[] = [];
  const known: KnownFinding[] = [];
  const used = new Set<string>();
  for (const f of findings) {
    if (!isOpen(f)) continue;
    const entry = match(f);
    if (!entry) { added.push(f); continue; }
    used.add(entry.fingerprint);
    known.push({ finding: f, firstRecorded: entry.firstRecorded, entry });
  }
  const fixed = baseline.findings.filter((e) => !used.has(e.fingerprint));
  return { new: added, known, fixed };
}

/** The baseline as file text (stable: the same baseline gives the same bytes). */
export function serializeBaseline(baseline: Baseline): string {
  const findings = [...baseline.findings].sort(byFingerprint).map((e) => ({
    fingerprint: e.fingerprint,
    ruleId: e.ruleId,
    items: [...e.items],
    stack: e.stack,
    ...(e.path ? { path: e.path } : {}),
    resource: e.resource,
    firstRecorded: e.firstRecorded,
  }));
  return `${JSON.stringify({ format: BASELINE_FORMAT, version: BASELINE_VERSION, findings }, undefined, 2)}\n`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const REGENERATE = 'regenerate it with --update-baseline';

/** Parse baseline file text; every problem is one {@link BaselineError} line naming `file`. */
export function parseBaseline(text: string, file: string): Baseline {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(file, `malformed findings baseline JSON (${(e as Error).message.replace(/\s+/g, ' ').trim()})`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json) || json.format !== BASELINE_FORMAT) {
    throw new BaselineError(file, `not a findings baseline (expected "format": "${BASELINE_FORMAT}"; create one with --update-baseline)`);
  }
  if (json.version !== BASELINE_VERSION) {
    throw new BaselineError(file, `unsupported findings baseline version ${JSON.stringify(json.version)} (this version of fintech-guardrails reads version ${BASELINE_VERSION})`);
  }
  if (!Array.isArray(json.findings)) throw new BaselineError(file, '"findings" must be an array');
  const seen = new Set<string>();
  const findings = json.findings.map((e: any, i: number): BaselineEntry => {
    const bad = (problem: string) => new BaselineError(file, `findings[${i}]: ${problem}`);
    if (!e || typeof e !== 'object' || Array.isArray(e)) throw bad('must be an object');
    for (const k of ['fingerprint', 'ruleId', 'stack', 'resource'] as const) {
      if (typeof e[k] !== 'string' || e[k] === '') throw bad(`"${k}" must be a non-empty string`);
    }
    if (e.path !== undefined && (typeof e.path !== 'string' || e.path === '')) throw bad('"path" must be a non-empty string when given');
    if (!Array.isArray(e.items) || !e.items.every((x: unknown) => typeof x === 'string')) throw bad('"items" must be an array of item IDs');
    if (!isDate(e.firstRecorded)) throw bad(`"firstRecorded" must be a date YYYY-MM-DD (got ${JSON.stringify(e.firstRecorded)})`);
    const expected = fingerprintOf(e.ruleId, e.stack, e.path, e.resource);
    if (e.fingerprint !== expected) throw bad(`fingerprint "${e.fingerprint}" does not match its ruleId, stack and path (expected "${expected}"; edited by hand? ${REGENERATE})`);
    if (seen.has(e.fingerprint)) throw bad(`fingerprint "${e.fingerprint}" is listed twice (${REGENERATE})`);
    seen.add(e.fingerprint);
    return { fingerprint: e.fingerprint, ruleId: e.ruleId, items: [...e.items], stack: e.stack, ...(e.path ? { path: e.path } : {}), resource: e.resource, firstRecorded: e.firstRecorded };
  });
  return { version: BASELINE_VERSION, findings: findings.sort(byFingerprint), file };
}

/** Read a findings baseline file. A missing file is an error (use {@link readBaselineIfExists} for `--update-baseline`). */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(file, code === 'ENOENT'
      ? 'no such findings baseline file (create it with --update-baseline)'
      : `findings baseline cannot be read (${code ?? (e as Error).message})`);
  }
  return parseBaseline(text, file);
}

/** The baseline in `file`, or undefined when there is no such file (the first `--update-baseline`). */
export function readBaselineIfExists(file: string): Baseline | undefined {
  return fs.existsSync(file) ? readBaseline(file) : undefined;
}

/**
 * Write `text` to `file` atomically: a temporary file in the same directory, then a rename, so a
 * reader never sees half a file and a failed write leaves the old file as it was.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Write a baseline file atomically; a failure is a {@link BaselineError}. */
export function writeBaseline(file: string, baseline: Baseline): void {
  try {
    writeFileAtomic(file, serializeBaseline(baseline));
  } catch (e) {
    throw new BaselineError(file, `findings baseline cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
