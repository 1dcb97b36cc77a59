/**
 * What every command of `fintech-guardrails` shares: exit codes, errors that carry their exit code,
 * option parsing (Node's `util.parseArgs`, driven by each command's {@link CommandSpec}), the help text
 * generated from the same specs, and output (`--out FILE` written atomically).
 *
 * This module imports no command and is imported by all of them: `bin/` has no import circle
 * (`cli.ts` → `commands/*` → `options.ts`, `config.ts`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { writeFileAtomic } from '../packs/engine/findings-baseline';

export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2, INTERNAL: 3 } as const;
export type ExitCode = typeof EXIT[keyof typeof EXIT];

/** An error the CLI reports in one line, with the exit code it carries. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage or input problem: one line, exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.USAGE);
    this.name = 'UsageError';
  }
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** One option of a command. Every option but a flag takes a value (`--name V` or `--name=V`). */
export interface OptionSpec {
  /** `string` takes a value; `boolean` is a flag. */
  readonly type: 'string' | 'boolean';
  /** May be given more than once (`--region a --region b`). */
  readonly multiple?: boolean;
  /** Placeholder of the value in the help text, e.g. `FILE`. */
  readonly value?: string;
  readonly description: string;
}

export interface CommandSpec {
  readonly name: string;
  /** The positional arguments as shown in the help text, e.g. `PATH...`. */
  readonly args: string;
  /** One line: what the command does. */
  readonly summary: string;
  /** More lines for `<command> --help`. */
  readonly details?: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** A string (or string[] for `multiple`) per value option given, `true` per flag given. */
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}

/** Parse `args` against `spec` with `util.parseArgs` (strict); problems become one-line usage errors. */
export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}) };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(usageProblem(spec, e as Error & { code?: string }));
  }
  for (const [name, o] of Object.entries(spec.options)) {
    if (o.type !== 'string') continue;
    const given = parsed.values[name];
    // parseArgs takes the next argument as the value even when it is an option (`--format --lang`).
    for (const v of Array.isArray(given) ? given : given === undefined ? [] : [given]) {
      if (typeof v === 'string' && v.startsWith('--')) throw new UsageError(`option --${name} needs a value`);
    }
  }
  return { positionals: parsed.positionals, values: parsed.values as ParsedArgs['values'] };
}

/** parseArgs' multi-line explanations, said in one line naming the command. */
function usageProblem(spec: CommandSpec, e: Error & { code?: string }): string {
  const accepted = Object.keys(spec.options).map((o) => `--${o}`).join(', ') || 'none';
  const option = /'(-[^' ]+)/.exec(e.message)?.[1]?.split('=')[0];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''} for "${spec.name}" (accepted: ${accepted})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([\w-]+)/.exec(e.message)?.[1];
      if (name && spec.options[name]?.type === 'boolean') return `option --${name} takes no value`;
      return `option --${name ?? option} needs a value`;
    }
    default:
      return `${e.message.split('\n')[0]} (command "${spec.name}")`;
  }
}

/** The value of a single-value option. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === 'string' ? v : undefined;
}

/** The values of a repeatable option, in order. */
export function listOption(parsed: ParsedArgs, name: string): readonly string[] {
  const v = parsed.values[name];
  if (Array.isArray(v)) return v;
  return typeof v === 'string' ? [v] : [];
}

export function flagOption(parsed: ParsedArgs, name: string): boolean {
  return parsed.values[name] === true;
}

/** One of `allowed`, or a usage error naming the option. */
export function choice<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`bad value "${value}" for --${option} (use one of: ${allowed.join(', ')})`);
  return value as T;
}

/** Write `text` to `--out FILE` atomically (nothing half-way), or to stdout. */
export function emit(io: Io, text: string, out?: string): void {
  if (!out) { io.stdout(text); return; }
  writeFileAtomically(out, text);
}

/** Write `file` through a temporary file and a rename: it is either the old or the whole new content. */
export function writeFileAtomically(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new UsageError(`cannot write ${file}: directory ${dir} does not exist`);
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    throw new UsageError(`cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** The usage of a command, broken before options so that lines stay under 100 columns (`indent` more on every line). */
export function usageLine(spec: CommandSpec, indent = 0): string {
  const head = `fintech-guardrails ${spec.name}${spec.args ? ` ${spec.args}` : ''}`;
  const opts = Object.entries(spec.options).map(([name, o]) => `[--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}]${o.multiple ? '...' : ''}`);
  const lines: string[] = [];
  let current = head;
  for (const o of opts) {
    if (indent + current.length + 1 + o.length > 96) { lines.push(current); current = `${' '.repeat(head.length + 1)}${o}`; } else current += ` ${o}`;
  }
  lines.push(current);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** `fintech-guardrails <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${usageLine(spec, 'Usage: '.length)}`, '', spec.summary, ...(spec.details ?? [])];
  const entries = Object.entries(spec.options);
  if (entries.length > 0) {
    lines.push('', 'Options:');
    const heads = entries.map(([name, o]) => `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`);
    const width = Math.max(...heads.map((h) => h.length)) + 2;
    entries.forEach(([, o], i) => {
      const [first, ...more] = `${o.description}${o.multiple ? '\n(repeatable)' : ''}`.split('\n');
      lines.push(`  ${heads[i].padEnd(width)}${first}`);
      for (const m of more) lines.push(`  ${''.padEnd(width)}${m}`);
    });
  }
  lines.push('', EXIT_CODES_HELP);
  return lines.join('\n') + '\n';
}

export const EXIT_CODES_HELP = 'Exit codes: 0 no error-level finding, 1 error-level findings, 2 bad input or usage,\n            3 internal error.';

/** Options several commands share, described once. */
export const COMMON_OPTIONS = {
  lang: { type: 'string', value: 'LANG', description: 'language of messages: en (default) or ja' },
  out: { type: 'string', value: 'FILE', description: 'write the output to FILE instead of standard output\n(atomically: nothing is written on an error)' },
  config: { type: 'string', value: 'FILE', description: 'JSON file with the team\'s item decisions:\n{ "items": { "BP-4": { "level": "off", "reason": "..." } } }' },
} as const satisfies Record<string, OptionSpec>;
