/**
 * The `fintech-guardrails` command.
 *
 * Exit codes: 0 success (no error-level finding), 1 error-level findings, 2 bad input or usage
 * (unknown command or option, missing or malformed file), 3 an internal error.
 * Errors are one line on stderr, without a stack trace (set FINTECH_GUARDRAILS_DEBUG=1 for one).
 */
import * as fs from 'fs';
import * as path from 'path';
import { packageVersion } from '../packs/engine/version';

export { packageVersion };

export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2, INTERNAL: 3 } as const;

/** A usage or input problem: one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const HELP = `fintech-guardrails: the FinTech Association of Japan security guideline as AWS CDK code

Usage:
  fintech-guardrails items [--format table|json|markdown] [--lang en|ja]
      List the guideline items (the catalog) with their level, risk types and coverage.
  fintech-guardrails check PATH... [--format table|json|sarif|csv|markdown] [--lang en|ja]
                                   [--config FILE] [--out FILE] [--engine pack|guard]
      Check CloudFormation templates (JSON or YAML), directories of them, or cloud assemblies
      (cdk.out) against the FinTechChecks rules (--engine guard: the same items as cfn-guard
      rules, run by the cfn-guard binary). Exit 1 when an error-level finding is open.
  fintech-guardrails report PATH... [--format md|json|csv|html] [--lang en|ja|both]
                                    [--attestations FILE] [--config FILE] [--out FILE]
      The compliance report: every guideline item with its status in this app and the evidence.
  fintech-guardrails init DIR [--force]
      Write a new CDK app with the FinTech account baseline and FinTechChecks wired in.
  fintech-guardrails --help | --version

Options:
  --format FORMAT   output format (default: table)
  --lang LANG       language of messages: en (default) or ja
  --config FILE     JSON file with the team's item decisions:
                    { "items": { "BP-4": { "level": "off", "reason": "..." } } }
  --out FILE        write the output to FILE instead of standard output
  --engine ENGINE   check: pack (default, the FinTechChecks rules) or guard (packs/guard, cfn-guard)

Exit codes: 0 no error-level finding, 1 error-level findings, 2 bad input or usage, 3 internal error.
`;

interface Parsed {
  readonly positionals: string[];
  readonly options: Record<string, string>;
}

/** Parse `args` against the options a command accepts (all options take a value). */
export function parseOptions(command: string, args: readonly string[], accepted: readonly string[]): Parsed {
  const positionals: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (a.startsWith('-') && a !== '-') {
      const [name, inline] = a.startsWith('--') ? splitOnce(a.slice(2), '=') : [a.slice(1), undefined];
      if (!accepted.includes(name)) throw new UsageError(`unknown option ${a.split('=')[0]} for "${command}" (accepted: ${accepted.map((o) => `--${o}`).join(', ') || 'none'})`);
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`option --${name} needs a value`);
      options[name] = value;
    } else positionals.push(a);
  }
  return { positionals, options };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
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
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) throw new UsageError(`cannot write ${out}: directory ${dir} does not exist`);
  const tmp = path.join(dir, `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

type Command = (args: readonly string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, () => Command> = {
  items: () => require('./commands/items').itemsCommand,
  check: () => require('./commands/check').checkCommand,
  report: () => require('./commands/report').reportCommand,
  init: () => require('./commands/init').initCommand,
};

/** Run the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout(HELP);
      return first === undefined ? EXIT.USAGE : EXIT.OK;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(`${packageVersion()}\n`);
      return EXIT.OK;
    }
    const load = COMMANDS[first];
    if (!load) {
      throw new UsageError(first.startsWith('-')
        ? `unknown option ${first} (try --help)`
        : `unknown command "${first}" (commands: ${Object.keys(COMMANDS).join(', ')}; try --help)`);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP);
      return EXIT.OK;
    }
    return await load()(rest, io);
  } catch (e) {
    const err = e as Error;
    if (process.env.FINTECH_GUARDRAILS_DEBUG) io.stderr(`${err.stack}\n`);
    if (err.name === 'UsageError' || err.name === 'InputError' || err.name === 'LevelConfigurationError' || err.name === 'AttestationError') {
      io.stderr(`fintech-guardrails: ${err.message.split('\n')[0]}\n`);
      return EXIT.USAGE;
    }
    io.stderr(`fintech-guardrails: internal error: ${err.message.split('\n')[0]} (set FINTECH_GUARDRAILS_DEBUG=1 for details)\n`);
    return EXIT.INTERNAL;
  }
}

if (require.main === module) {
  const io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}
