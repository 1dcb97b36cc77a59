/**
 * `fintech-guardrails report PATH...`: the compliance report, every guideline item with its status in
 * the app and the evidence (rule results, acknowledgments, team decisions, attestations, constructs).
 *
 * Exit code 0 whenever the report is written, fail rows included: the report is evidence, not a gate
 * (`check` is the gate). Exit 2 for input, configuration, attestation and usage errors; nothing is
 * written then.
 */
import { readBaseline } from '../../packs/engine/findings-baseline';
import { resolveItemLevels } from '../../packs/engine/levels';
import { loadInputs } from '../../packs/engine/load';
import { runRules } from '../../packs/engine/runner';
import { TemplateModel } from '../../packs/engine/template';
import { ALL_RULES } from '../../packs/rules';
import { buildComplianceReport } from '../../lib/report/build';
import { findConstructs } from '../../lib/report/constructs';
import { REPORT_LANGUAGES } from '../../lib/report/i18n';
import { renderReport, REPORT_FORMATS } from '../../lib/report/render';
import { packageVersion } from '../../packs/engine/version';
import { DEPLOYMENT_OPTIONS, deploymentOptions, readAttestations, readDecisions } from '../config';
import { choice, CommandSpec, COMMON_OPTIONS, emit, Io, parseCommandArgs, stringOption, UsageError } from '../options';

export const REPORT_SPEC: CommandSpec = {
  name: 'report',
  args: 'PATH...',
  summary: 'The compliance report: every guideline item with its status in this app and the evidence.',
  details: ['Exit 0 whenever the report is written, failing items included: the report is evidence; check is the gate.'],
  options: {
    format: { type: 'string', value: 'FORMAT', description: `output format: ${REPORT_FORMATS.join(', ')} (default: md)` },
    lang: { type: 'string', value: 'LANG', description: 'en, ja or both (default: both)' },
    attestations: { type: 'string', value: 'FILE', description: 'YAML file with the attestations of the process items\n(default: fintech-attestations.yaml when it exists)' },
    config: COMMON_OPTIONS.config,
    out: COMMON_OPTIONS.out,
    baseline: { type: 'string', value: 'FILE', description: 'findings baseline: its findings are shown as open, with the day they were\nfirst recorded' },
    ...DEPLOYMENT_OPTIONS,
  },
};

export function reportCommand(args: readonly string[], io: Io): number {
  const parsed = parseCommandArgs(REPORT_SPEC, args);
  const positionals = parsed.positionals;
  if (positionals.length === 0) throw new UsageError('report needs at least one PATH (a template, a directory of templates, or a cloud assembly such as cdk.out)');
  const format = choice('format', stringOption(parsed, 'format'), REPORT_FORMATS, 'md');
  const lang = choice('lang', stringOption(parsed, 'lang'), REPORT_LANGUAGES, 'both');
  const config = stringOption(parsed, 'config');
  const deployment = deploymentOptions(parsed);
  const levels = resolveItemLevels(readDecisions(config));
  const attestations = readAttestations(stringOption(parsed, 'attestations'));
  const baselineFile = stringOption(parsed, 'baseline');
  const baseline = baselineFile !== undefined ? readBaseline(baselineFile) : undefined;
  const { templates, skipped } = loadInputs(positionals);
  for (const s of skipped) io.stderr(`fintech-guardrails: skipped ${s.file} (${s.why})\n`);
  const inputs = templates.map((t) => ({ model: new TemplateModel(t.json, t.file), stack: t.stack }));
  const evaluation = runRules(inputs, { rules: ALL_RULES, levels, ...deployment });
  const report = buildComplianceReport({
    evaluation,
    attestations,
    ...(baseline ? { baseline } : {}),
    now: new Date(),
    constructsFound: findConstructs(inputs),
    rules: ALL_RULES,
    decisionSource: config ? `--config ${config}` : undefined,
    sources: positionals,
    version: packageVersion(),
  });
  emit(io, renderReport(report, format, lang), stringOption(parsed, 'out'));
  return 0;
}
