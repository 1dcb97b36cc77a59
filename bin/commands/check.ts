/** `fintech-guardrails check PATH...`: the FinTechChecks rules over templates and cloud assemblies. */
import * as fs from 'fs';
import { CHECK_FORMATS, formatFindings, summarize } from '../../packs/engine/formats';
import { ItemDecision, resolveItemLevels } from '../../packs/engine/levels';
import { loadInputs } from '../../packs/engine/load';
import { LANGUAGES } from '../../packs/engine/messages';
import { runRules } from '../../packs/engine/runner';
import { TemplateModel } from '../../packs/engine/template';
import { ALL_RULES } from '../../packs/rules';
import { choice, emit, Io, packageVersion, parseOptions, UsageError } from '../cli';

export function checkCommand(args: readonly string[], io: Io): number {
  const { positionals, options } = parseOptions('check', args, ['format', 'lang', 'config', 'out', 'engine']);
  const engine = choice('engine', options.engine, ['pack', 'guard'] as const, 'pack');
  // The guard engine (cfn-guard through its binary) is loaded only when asked for.
  if (engine === 'guard') return (require('./check-guard') as typeof import('./check-guard')).checkWithGuard(positionals, options, io);
  if (positionals.length === 0) throw new UsageError('check needs at least one PATH (a template, a directory of templates, or a cloud assembly such as cdk.out)');
  const format = choice('format', options.format, CHECK_FORMATS, 'table');
  const language = choice('lang', options.lang, LANGUAGES, 'en');
  const levels = resolveItemLevels(readDecisions(options.config));
  const { templates, skipped } = loadInputs(positionals);
  for (const s of skipped) io.stderr(`fintech-guardrails: skipped ${s.file} (${s.why})\n`);
  const inputs = templates.map((t) => ({ model: new TemplateModel(t.json, t.file), stack: t.stack }));
  const evaluation = runRules(inputs, { rules: ALL_RULES, levels });
  const summary = summarize(evaluation.findings, templates.length, evaluation.resources, evaluation.ruleStats.size);
  emit(io, formatFindings(format, { findings: evaluation.findings, summary, rules: ALL_RULES, language, version: packageVersion() }), options.out);
  return summary.errors > 0 ? 1 : 0;
}

/** Item decisions from a JSON config file: `{ "items": { "BP-4": { "level": "off", "reason": "..." } } }`. */
export function readDecisions(file: string | undefined): Record<string, ItemDecision> {
  if (!file) return {};
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch {
    throw new UsageError(`${file}: no such config file`);
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: malformed JSON (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  if (!json || typeof json !== 'object' || (json.items !== undefined && (typeof json.items !== 'object' || Array.isArray(json.items)))) {
    throw new UsageError(`${file}: expected { "items": { "<item ID>": { "level": "error|warning|off", "reason": "..." } } }`);
  }
  return json.items ?? {};
}
