/**
 * `fintech-guardrails report PATH...`: the compliance report, every guideline item with its status in
 * the app and the evidence (rule results, acknowledgments, team decisions, attestations, constructs).
 *
 * Exit code 0 whenever the report is written, fail rows included: the report is evidence, not a gate
 * (`check` is the gate). Exit 2 for input, configuration, attestation and usage errors; nothing is
 * written then.
 */
import * as fs from 'fs';
import { resolveItemLevels } from '../../packs/engine/levels';
import { loadInputs } from '../../packs/engine/load';
import { runRules } from '../../packs/engine/runner';
import { TemplateModel } from '../../packs/engine/template';
import { ALL_RULES } from '../../packs/rules';
import { AttestationFile, DEFAULT_ATTESTATION_FILE, readAttestationFile } from '../../lib/report/attestations';
import { buildComplianceReport } from '../../lib/report/build';
import { findConstructs } from '../../lib/report/constructs';
import { REPORT_LANGUAGES } from '../../lib/report/i18n';
import { renderReport, REPORT_FORMATS } from '../../lib/report/render';
import { choice, emit, Io, packageVersion, parseOptions, UsageError } from '../cli';
import { readDecisions } from './check';

export function reportCommand(args: readonly string[], io: Io): number {
  const { positionals, options } = parseOptions('report', args, ['format', 'lang', 'attestations', 'config', 'out']);
  if (positionals.length === 0) throw new UsageError('report needs at least one PATH (a template, a directory of templates, or a cloud assembly such as cdk.out)');
  const format = choice('format', options.format, REPORT_FORMATS, 'md');
  const lang = choice('lang', options.lang, REPORT_LANGUAGES, 'both');
  const levels = resolveItemLevels(readDecisions(options.config));
  const attestations = readAttestations(options.attestations);
  const { templates, skipped } = loadInputs(positionals);
  for (const s of skipped) io.stderr(`fintech-guardrails: skipped ${s.file} (${s.why})\n`);
  const inputs = templates.map((t) => ({ model: new TemplateModel(t.json, t.file), stack: t.stack }));
  const evaluation = runRules(inputs, { rules: ALL_RULES, levels });
  const report = buildComplianceReport({
    evaluation,
    attestations,
    now: new Date(),
    constructsFound: findConstructs(inputs),
    rules: ALL_RULES,
    decisionSource: options.config ? `--config ${options.config}` : undefined,
    sources: positionals,
    version: packageVersion(),
  });
  emit(io, renderReport(report, format, lang), options.out);
  return 0;
}

/** The attestation file given, or `fintech-attestations.yaml` in the current directory when it exists. */
function readAttestations(file: string | undefined): AttestationFile | undefined {
  if (file !== undefined) return readAttestationFile(file);
  return fs.existsSync(DEFAULT_ATTESTATION_FILE) ? readAttestationFile(DEFAULT_ATTESTATION_FILE) : undefined;
}
