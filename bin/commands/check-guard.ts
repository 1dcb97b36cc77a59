/**
 * `fintech-guardrails check --engine guard PATH...`: the same inputs, options, output formats and
 * exit codes as `check`, with the rules of `packs/guard` run by cfn-guard instead of the pack's own
 * engine. `check.ts` hands over to {@link checkWithGuard} when `--engine guard` is given.
 */
import { CHECK_FORMATS, formatFindings, summarize } from '../../packs/engine/formats';
import { guardCheck } from '../../packs/guard/runner';
import { resolveItemLevels } from '../../packs/engine/levels';
import { loadInputs } from '../../packs/engine/load';
import { LANGUAGES } from '../../packs/engine/messages';
import { choice, emit, Io, packageVersion, UsageError } from '../cli';
import { readDecisions } from './check';

/** Values of `check --engine`: `pack` (the default: the FinTechChecks engine) or `guard` (cfn-guard). */
export const CHECK_ENGINES = ['pack', 'guard'] as const;
export type CheckEngine = typeof CHECK_ENGINES[number];

/**
 * Run `check` with cfn-guard. `positionals` and `options` are what `check` parsed (`format`, `lang`,
 * `config`, `out`; `engine` is ignored here). Returns the exit code: 1 when an error-level finding is
 * open, else 0; usage and input problems throw (exit code 2).
 */
export function checkWithGuard(positionals: readonly string[], options: Readonly<Record<string, string | undefined>>, io: Io): number {
  if (positionals.length === 0) throw new UsageError('check needs at least one PATH (a template, a directory of templates, or a cloud assembly such as cdk.out)');
  const format = choice('format', options.format, CHECK_FORMATS, 'table');
  const language = choice('lang', options.lang, LANGUAGES, 'en');
  const levels = resolveItemLevels(readDecisions(options.config));
  const { templates, skipped } = loadInputs(positionals);
  for (const s of skipped) io.stderr(`fintech-guardrails: skipped ${s.file} (${s.why})\n`);
  const result = guardCheck(templates, { levels, language });
  const summary = summarize(result.findings, templates.length, result.resources, result.rules.length);
  emit(io, formatFindings(format, { findings: result.findings, summary, rules: result.rules, language, version: packageVersion() }), options.out);
  return summary.errors > 0 ? 1 : 0;
}
