/**
 * The `fintech-guardrails` command.
 *
 * Exit codes: 0 success (no error-level finding), 1 error-level findings, 2 bad input or usage
 * (unknown command or option, missing or malformed file), 3 an internal error.
 * Errors are one line on stderr, without a stack trace (set FINTECH_GUARDRAILS_DEBUG=1 for one).
 *
 * Imports go one way: this file → `commands/*` → `options.ts`, `config.ts` → the library.
 */
import { AttestationError } from '../lib/report/attestations';
import { LevelConfigurationError } from '../packs/engine/levels';
import { InputError } from '../packs/engine/load';
import { packageVersion } from '../packs/engine/version';
import { CliError, CommandSpec, commandHelp, EXIT, EXIT_CODES_HELP, ExitCode, Io, UsageError, usageLine } from './options';


type Run = (args: readonly string[], io: Io) => number | Promise<number>;
interface Command { readonly spec: CommandSpec; readonly run: Run }

/** The commands, loaded when used (a command's module loads the rules, the report or cfn-guard). */
const COMMANDS: Record<string, () => Command> = {
  items: () => { const m = require('./commands/items') as typeof import('./commands/items'); return { spec: m.ITEMS_SPEC, run: m.itemsCommand }; },
  check: () => { const m = require('./commands/check') as typeof import('./commands/check'); return { spec: m.CHECK_SPEC, run: m.checkCommand }; },
  report: () => { const m = require('./commands/report') as typeof import('./commands/report'); return { spec: m.REPORT_SPEC, run: m.reportCommand }; },
  'conformance-pack': () => { const m = require('./commands/conformance-pack') as typeof import('./commands/conformance-pack'); return { spec: m.CONFORMANCE_PACK_SPEC, run: m.conformancePackCommand }; },
  init: () => { const m = require('./commands/init') as typeof import('./commands/init'); return { spec: m.INIT_SPEC, run: m.initCommand }; },
};

/** `fintech-guardrails --help`: every command's usage and summary; `<command> --help` has the details. */
function generalHelp(): string {
  const lines = ['fintech-guardrails: the FinTech Association of Japan security guideline as AWS CDK code', '', 'Usage:'];
  for (const load of Object.values(COMMANDS)) {
    const { spec } = load();
    lines.push(`  ${usageLine(spec, 2)}`);
    for (const s of spec.summary.split('\n')) lines.push(`      ${s}`);
  }
  lines.push('  fintech-guardrails --help | --version', '', 'Run `fintech-guardrails <command> --help` for the options of a command.', '', EXIT_CODES_HELP);
  return lines.join('\n') + '\n';
}

/** The exit code of an error that ends a command: data on CLI errors, usage for the library's input errors. */
function exitCodeOf(e: unknown): ExitCode {
  if (e instanceof CliError) return e.exitCode;
  if (e instanceof InputError || e instanceof LevelConfigurationError || e instanceof AttestationError) return EXIT.USAGE;
  // Loaded only with --engine guard; recognized by name so that this file does not load cfn-guard's runner.
  if ((e as Error)?.name === 'GuardUnavailableError') return EXIT.USAGE;
  return EXIT.INTERNAL;
}

/** Run the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      if (first === 'help' && rest[0] !== undefined && COMMANDS[rest[0]]) {
        io.stdout(commandHelp(COMMANDS[rest[0]]().spec));
        return EXIT.OK;
      }
      io.stdout(generalHelp());
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
    const command = load();
    const beforeSeparator = rest.indexOf('--') < 0 ? rest : rest.slice(0, rest.indexOf('--'));
    if (beforeSeparator.includes('--help') || beforeSeparator.includes('-h')) {
      io.stdout(commandHelp(command.spec));
      return EXIT.OK;
    }
    return await command.run(rest, io);
  } catch (e) {
    const err = e as Error;
    if (process.env.FINTECH_GUARDRAILS_DEBUG) io.stderr(`${err?.stack}\n`);
    const code = exitCodeOf(e);
    const message = String(err?.message ?? e).split('\n')[0];
    if (code === EXIT.INTERNAL) {
      io.stderr(`fintech-guardrails: internal error: ${message} (set FINTECH_GUARDRAILS_DEBUG=1 for details)\n`);
    } else {
      io.stderr(`fintech-guardrails: ${message}\n`);
    }
    return code;
  }
}

if (require.main === module) {
  const io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}
