/** `fintech-guardrails check PATH...`: the FinTechChecks rules over templates and cloud assemblies. */
import { CHECK_FORMATS, formatFindings, summarize } from '../../packs/engine/formats';
import { compareWithBaseline, readBaseline, readBaselineIfExists, updateBaseline, writeBaseline } from '../../packs/engine/findings-baseline';
import { resolveItemLevels } from '../../packs/engine/levels';
import { loadInputs } from '../../packs/engine/load';
import { LANGUAGES } from '../../packs/engine/messages';
import { RuleDefinition } from '../../packs/engine/rule';
import { Finding, runRules } from '../../packs/engine/runner';
import { TemplateModel } from '../../packs/engine/template';
import { ALL_RULES } from '../../packs/rules';
import { packageVersion } from '../../packs/engine/version';
import { DEPLOYMENT_OPTIONS, deploymentOptions, hasDeployment, readDecisions } from '../config';
import { choice, CommandSpec, COMMON_OPTIONS, emit, Io, parseCommandArgs, stringOption, UsageError } from '../options';

/** Values of `check --engine`: `pack` (the default: the FinTechChecks engine) or `guard` (cfn-guard). */
export const CHECK_ENGINES = ['pack', 'guard'] as const;
export type CheckEngine = typeof CHECK_ENGINES[number];

export const CHECK_SPEC: CommandSpec = {
  name: 'check',
  args: 'PATH...',
  summary: 'Check CloudFormation templates (JSON or YAML), directories of them, or cloud\nassemblies (cdk.out) against the FinTechChecks rules. Exit 1 when an error-level\nfinding is open.',
  details: [
    '',
    'Conditions in the templates are judged per scenario: what the deployment options below leave',
    'unknown keeps both truth values, and a finding names the scenario it holds in.',
  ],
  options: {
    format: { type: 'string', value: 'FORMAT', description: `output format: ${CHECK_FORMATS.join(', ')} (default: table)` },
    lang: COMMON_OPTIONS.lang,
    config: COMMON_OPTIONS.config,
    out: COMMON_OPTIONS.out,
    engine: { type: 'string', value: 'ENGINE', description: 'pack (default, the FinTechChecks rules) or guard (the same items as\ncfn-guard rules in packs/guard, run by the cfn-guard binary)' },
    baseline: { type: 'string', value: 'FILE', description: 'findings baseline: fail only on findings not in FILE; the known ones are listed\nwith the day they were first recorded, the ones gone are reported as fixed' },
    'update-baseline': { type: 'string', value: 'FILE', description: 'record the open findings in FILE (first-recorded dates kept, fixed ones\ndropped); then only findings not in it fail' },
    ...DEPLOYMENT_OPTIONS,
  },
};

export function checkCommand(args: readonly string[], io: Io): number {
  const parsed = parseCommandArgs(CHECK_SPEC, args);
  const engine = choice('engine', stringOption(parsed, 'engine'), CHECK_ENGINES, 'pack');
  const paths = parsed.positionals;
  if (paths.length === 0) throw new UsageError('check needs at least one PATH (a template, a directory of templates, or a cloud assembly such as cdk.out)');
  const format = choice('format', stringOption(parsed, 'format'), CHECK_FORMATS, 'table');
  const language = choice('lang', stringOption(parsed, 'lang'), LANGUAGES, 'en');
  const deployment = deploymentOptions(parsed);
  const levels = resolveItemLevels(readDecisions(stringOption(parsed, 'config')));
  if (engine === 'guard' && hasDeployment(deployment)) {
    throw new UsageError('--region, --account and --parameter decide template conditions, which only --engine pack evaluates');
  }
  const baselineFile = stringOption(parsed, 'baseline');
  const updateFile = stringOption(parsed, 'update-baseline');
  const given = baselineFile !== undefined ? readBaseline(baselineFile) : undefined;
  const { templates, skipped } = loadInputs(paths);
  for (const s of skipped) io.stderr(`fintech-guardrails: skipped ${s.file} (${s.why})\n`);

  let result: { findings: readonly Finding[]; resources: number; rules: readonly RuleDefinition[]; ruleCount: number };
  if (engine === 'guard') {
    // cfn-guard (its binary) is loaded only when asked for.
    const { guardCheck } = require('../../packs/guard/runner') as typeof import('../../packs/guard/runner');
    const r = guardCheck(templates, { levels, language });
    result = { findings: r.findings, resources: r.resources, rules: r.rules, ruleCount: r.rules.length };
  } else {
    const inputs = templates.map((t) => ({ model: new TemplateModel(t.json, t.file), stack: t.stack }));
    const r = runRules(inputs, { rules: ALL_RULES, levels, ...deployment });
    result = { findings: r.findings, resources: r.resources, rules: ALL_RULES, ruleCount: r.ruleStats.size };
  }
  // The gate: --baseline when given, else the baseline just recorded by --update-baseline.
  let baseline = given;
  if (updateFile !== undefined) {
    baseline = updateBaseline(result.findings, given ?? readBaselineIfExists(updateFile), new Date());
    writeBaseline(updateFile, baseline);
    io.stderr(`fintech-guardrails: ${updateFile}: ${baseline.findings.length} open findings recorded\n`);
    baseline = given ?? baseline;
  }
  const summary = summarize(result.findings, templates.length, result.resources, result.ruleCount, baseline);
  emit(io, formatFindings(format, { findings: result.findings, summary, rules: result.rules, language, version: packageVersion(), baseline }), stringOption(parsed, 'out'));
  if (baseline) for (const e of compareWithBaseline(result.findings, baseline).fixed) io.stderr(`fintech-guardrails: fixed since the baseline: ${e.ruleId} ${e.stack} ${e.path ?? e.resource} (recorded ${e.firstRecorded})\n`);
  return summary.errors > 0 ? 1 : 0;
}
