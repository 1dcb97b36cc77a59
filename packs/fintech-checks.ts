/**
 * FinTechChecks: the guideline's rule-coverable items as a cdk-nag v3 pack (a CDK policy-validation
 * plugin).
 *
 *   Validations.of(app).addPlugins(new FinTechChecks(app));
 *   Validations.of(app).addPlugins(new FinTechChecks(app, { baseline: 'fintech-baseline.json' }));
 *
 * The rules run over the templates that synthesis wrote (so escape-hatch overrides are seen, and the
 * `check` command runs exactly the same code); logical IDs are mapped back to construct paths so that
 * messages and acknowledgments point at the user's constructs.
 *
 * Next to CDK's validation report the pack writes `cdk.out/fintech-checks.sarif` (SARIF 2.1.0, the
 * same renderer as `check --format sarif`). With a findings baseline (`baseline` prop, the file of
 * `check --update-baseline`), findings the baseline knows are still reported, marked as known with
 * the date they were first recorded, but do not fail synthesis; only new error-level findings do.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Aspects, CfnResource, IAspect, IPolicyValidationContext, PolicyValidationPluginReport, PolicyViolation, Stack, Stage, Validations } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import type { ReportFormat, ReportLanguage } from '../lib/report';
import { Baseline, BaselineComparison, baselineMatcher, BaselineEntry, compareWithBaseline, isOpen, readBaseline, writeFileAtomic } from './engine/findings-baseline';
import { sarifLog } from './engine/formats';
import { ItemDecision, resolveItemLevels, EffectiveLevel } from './engine/levels';
import { Language } from './engine/messages';
import { Acknowledgment, Evaluation, Finding, findingFix, findingMessage, PACK_NAME, runRules, TemplateInput } from './engine/runner';
import { DeploymentContext } from './engine/scenario';
import { RuleDefinition } from './engine/rule';
import { CfnTemplate, TemplateModel } from './engine/template';
import { packageVersion } from './engine/version';
import { acknowledgeCdkInternals } from './cdk-internals';
import { ALL_RULES } from './rules';

export interface FinTechChecksProps extends NagPackProps {
  /**
   * Language of finding messages and fixes.
   * @default 'en'
   */
  readonly language?: Language;
  /**
   * The team's risk-based decisions, by guideline item ID: raise a selectable item to `error`, or
   * turn it `off`, each with a written reason (kept in the validation report and the compliance
   * report so that it can be checked later). Mandatory items cannot be lowered.
   * @default - every item at its guideline level: mandatory → error, selectable → warning
   */
  readonly items?: Readonly<Record<string, ItemDecision>>;
  /**
   * Record every acknowledgment (`Validations.of(x).acknowledge(...)`) in the template metadata of
   * the resources it covers (`Metadata["fintech-guardrails"].acknowledged`), so that the `check` and
   * `report` commands and the cfn-guard rules see them in `cdk.out`. Requires `scope`.
   * @default true
   */
  readonly recordAcknowledgments?: boolean;
  /**
   * Acknowledge the rules on aws-cdk-lib's own internal constructs (custom-resource providers,
   * BucketDeployment, log-retention and bucket-notification functions), with reasons. Requires `scope`.
   * @default true
   */
  readonly acknowledgeCdkInternals?: boolean;
  /**
   * Write the compliance report (every guideline item with its status and evidence) into the cloud
   * assembly at synthesis: `cdk.out/fintech-compliance-report.{md,json,html,csv}`. `true` writes
   * Markdown, JSON and HTML in both languages.
   * @default - no report
   */
  readonly report?: boolean | ComplianceReportOptions;
  /**
   * A findings baseline file (written by `fintech-guardrails check cdk.out --update-baseline FILE`):
   * findings it records are known debt. They are still reported (in CDK's validation report, the
   * SARIF file and the compliance report) with the date they were first recorded, but do not fail
   * synthesis; a finding that is not in it fails as usual. Read when the pack is created: a missing
   * or malformed file is an error.
   * @default - no baseline: every open error-level finding fails synthesis
   */
  readonly baseline?: string;
  /**
   * Write the findings as SARIF 2.1.0 into the cloud assembly at synthesis:
   * `cdk.out/fintech-checks.sarif` (for code-scanning upload).
   * @default true
   */
  readonly sarif?: boolean;
  /**
   * Rules to run instead of the full set (for tests and custom packs).
   * @default - all rules of the pack
   */
  readonly rules?: readonly RuleDefinition[];
}

export interface ComplianceReportOptions {
  /** @default ['md', 'json', 'html'] */
  readonly formats?: readonly ReportFormat[];
  /** @default 'both' */
  readonly lang?: ReportLanguage;
  /**
   * The team's attestation file (YAML).
   * @default - `fintech-attestations.yaml` in the current directory, when present
   */
  readonly attestations?: string;
}

/** The file name (without extension) of the compliance report in the cloud assembly. */
export const REPORT_FILE_BASENAME = 'fintech-compliance-report';

/** The file name of the SARIF log in the cloud assembly. */
export const SARIF_FILE_NAME = 'fintech-checks.sarif';

/** The metadata key under which acknowledgments are written into templates. */
export const ACK_METADATA_KEY = 'fintech-guardrails';

export class FinTechChecks extends NagPack {
  public readonly name = PACK_NAME;
  public readonly version: string;
  public readonly ruleIds: string[];
  /** Effective level of every catalog item, after the team's decisions. */
  public readonly levels: ReadonlyMap<string, EffectiveLevel>;
  /** The evaluation of the last `validate` call (for the compliance report and tests). */
  public lastEvaluation?: Evaluation;
  /** The findings baseline read from the `baseline` prop. */
  public readonly baseline?: Baseline;
  /** New, known and fixed findings of the last `validate` call, when a baseline is given. */
  public lastComparison?: BaselineComparison;
  private readonly language: Language;
  private readonly rules: readonly RuleDefinition[];
  private readonly verboseMessages: boolean;
  private readonly reportOptions?: ComplianceReportOptions;
  private readonly writeSarif: boolean;

  constructor(scope?: IConstruct, props: FinTechChecksProps = {}) {
    super(scope, props);
    this.packName = PACK_NAME;
    this.version = packageVersion();
    this.language = props.language ?? 'en';
    this.rules = props.rules ?? ALL_RULES;
    this.ruleIds = this.rules.map((r) => r.id);
    this.verboseMessages = props.verbose ?? false;
    this.levels = resolveItemLevels(props.items);
    this.reportOptions = props.report === true ? {} : props.report || undefined;
    this.writeSarif = props.sarif !== false;
    if (props.baseline !== undefined) this.baseline = readBaseline(props.baseline);
    if (scope && props.acknowledgeCdkInternals !== false) acknowledgeCdkInternals(scope, this.rules);
    if (scope && props.recordAcknowledgments !== false) {
      Aspects.of(scope).add(new RecordAcknowledgments());
    }
  }

  /** Rules run over the synthesized templates in {@link validate}, not per construct. */
  protected checkResource(_node: CfnResource): void {
    // Intentionally empty: see validate().
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const stacks = context.stackTemplates ?? context.templatePaths.map((p) => ({ templatePath: p, stackConstructPath: undefined }));
    const inputs: TemplateInput[] = stacks.map((s) => ({
      model: new TemplateModel(JSON.parse(fs.readFileSync(s.templatePath, 'utf-8')) as CfnTemplate, s.templatePath, deploymentOf(s)),
      stack: s.stackConstructPath,
    }));
    const tree = context.appConstruct ? indexConstructTree(context.appConstruct) : undefined;
    const key = (r: { logicalId: string }, input: TemplateInput) => `${input.stack ?? ''}\u0000${r.logicalId}`;
    const evaluation = runRules(inputs, {
      rules: this.rules,
      levels: this.levels,
      acknowledgmentsFor: (r, input) => tree?.get(key(r, input))?.acks ?? [],
      pathOf: (r, input) => tree?.get(key(r, input))?.path,
    });
    this.lastEvaluation = evaluation;
    this.lastComparison = this.baseline ? compareWithBaseline(evaluation.findings, this.baseline) : undefined;
    const outdir = assemblyDir(context, inputs);
    if (this.writeSarif) this.writeSarifLog(evaluation.findings, outdir);
    if (this.reportOptions) this.writeComplianceReport(evaluation, inputs, outdir);
    return this.toReport(evaluation.findings);
  }

  /**
   * Validate a construct tree directly (cdk-nag's entry point for tests). Synthesizes the app that
   * holds `scope` (so aspects such as Tags run, as they do before CDK's own validation) and checks
   * the stacks under `scope`.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    const root = scope.node.root;
    if (!Stage.isStage(root)) throw new Error('validateScope needs a construct inside an App or Stage');
    const assembly = root.synth();
    const wanted = new Set(scope.node.findAll().filter((c): c is Stack => Stack.isStack(c)).map((s) => s.artifactId));
    const stackTemplates = assembly.stacksRecursively
      .filter((s) => wanted.has(s.id) || wanted.has(s.stackName))
      .map((s) => ({ templatePath: s.templateFullPath, stackConstructPath: s.hierarchicalId, accountId: s.environment.account, region: s.environment.region }));
    return this.validate({ templatePaths: stackTemplates.map((s) => s.templatePath), stackTemplates, appConstruct: root });
  }

  private toReport(findings: readonly Finding[]): PolicyValidationPluginReport {
    const groups = new Map<string, { violation: PolicyViolation & { violatingResources: any[] }; level: string; known: boolean }>();
    const match = this.baseline ? baselineMatcher(this.baseline) : undefined;
    for (const f of findings) {
      // Acknowledged with the CDK form (FinTechChecks::ID): CDK suppresses it and records the reason in
      // its validation report. Acknowledged in another form: handled here.
      if (f.acknowledged && !f.acknowledged.id.startsWith(`${PACK_NAME}::`)) continue;
      // Known debt (in the baseline): reported with its date, at its level, but it does not fail.
      const known: BaselineEntry | undefined = isOpen(f) ? match?.(f) : undefined;
      const description = `[${f.items.join(', ')}] ${known ? `${knownTag(known, this.language)} ` : ''}${findingMessage(f, this.language)}${this.verboseMessages ? ` ${this.explanation(f.ruleId)}` : ''}`;
      const k = `${f.ruleId}\u0000${description}`;
      let g = groups.get(k);
      if (!g) {
        g = {
          level: f.level,
          known: !!known,
          violation: {
            ruleName: f.ruleId,
            description,
            fix: findingFix(f, this.language),
            severity: f.level,
            ruleMetadata: {
              items: f.items.join(','), rule: f.ruleName, status: f.status,
              ...(known ? { baseline: 'known', firstRecorded: known.firstRecorded } : this.baseline ? { baseline: 'new' } : {}),
            },
            violatingResources: [],
          },
        };
        groups.set(k, g);
      }
      g.violation.violatingResources.push({
        resourceLogicalId: f.resource,
        templatePath: f.file,
        constructPath: f.path,
        locations: ['Properties'],
      });
    }
    const violations = [...groups.values()].map((g) => g.violation);
    return {
      success: ![...groups.values()].some((g) => g.violation.severity === 'error' && !g.known),
      violations,
      pluginVersion: this.version,
      metadata: this.decisionMetadata(),
    };
  }

  /** `fintech-checks.sarif` next to CDK's validation report; artifact URIs relative to the working directory (the project). */
  private writeSarifLog(findings: readonly Finding[], outdir: string): void {
    const log = sarifLog({
      findings, rules: this.rules, language: this.language, version: this.version, baseline: this.baseline, baseDir: process.cwd(),
      summary: { templates: 0, resources: 0, rules: 0, errors: 0, warnings: 0, acknowledged: 0, unverifiable: 0 },
    });
    writeFileAtomic(path.join(outdir, SARIF_FILE_NAME), `${JSON.stringify(log, undefined, 2)}\n`);
  }

  /** New files only: CDK forbids plugins to change what synthesis wrote. */
  private writeComplianceReport(evaluation: Evaluation, inputs: TemplateInput[], outdir: string): void {
    const report = require('../lib/report') as typeof import('../lib/report');
    const opts = this.reportOptions!;
    const attestationFile = opts.attestations ?? (fs.existsSync(report.DEFAULT_ATTESTATION_FILE) ? report.DEFAULT_ATTESTATION_FILE : undefined);
    const model = report.buildComplianceReport({
      evaluation,
      rules: this.rules,
      constructsFound: report.findConstructs(inputs),
      attestations: attestationFile ? report.readAttestationFile(attestationFile) : undefined,
      decisionSource: 'FinTechChecks props.items',
      version: this.version,
      baseline: this.baseline,
    });
    for (const format of opts.formats ?? ['md', 'json', 'html']) {
      fs.writeFileSync(path.join(outdir, `${REPORT_FILE_BASENAME}.${format}`), report.renderReport(model, format, opts.lang ?? 'both'));
    }
  }

  private explanation(ruleId: string): string {
    return this.rules.find((r) => r.id === ruleId)?.explanation[this.language] ?? '';
  }

  /** The team's decisions (raised or turned-off items, with reasons) travel with the validation report. */
  private decisionMetadata(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, l] of this.levels) {
      if (l.decidedBy === 'team') out[`item:${id}`] = `${l.level}: ${l.reason}`;
    }
    return out;
  }
}

/** "[Known since DATE]" in the pack's language: a finding the baseline records. */
function knownTag(entry: BaselineEntry, language: Language): string {
  return language === 'ja' ? `[既知の指摘: ${entry.firstRecorded} にベースラインへ記録]` : `[Known since ${entry.firstRecorded}, in the findings baseline]`;
}

/** The cloud assembly's root directory (where CDK writes validation-report.json), also for nested stages. */
function assemblyDir(context: IPolicyValidationContext, inputs: readonly TemplateInput[]): string {
  return Stage.isStage(context.appConstruct) && context.appConstruct.outdir
    ? context.appConstruct.outdir
    : path.dirname(inputs[0]?.model.file ?? '.');
}

/** What the stack's environment says of the deployment (nothing for an environment-agnostic stack). */
function deploymentOf(s: { readonly accountId?: string; readonly region?: string }): DeploymentContext {
  const region = typeof s.region === 'string' && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(s.region) ? s.region : undefined;
  const account = typeof s.accountId === 'string' && /^\d{12}$/.test(s.accountId) ? s.accountId : undefined;
  return { ...(region ? { regions: [region] } : {}), ...(account ? { accountId: account } : {}) };
}

interface TreeEntry {
  readonly path: string;
  readonly acks: Acknowledgment[];
}

/** Construct path and inherited acknowledgments of every CfnResource, by stack path and logical ID. */
function indexConstructTree(root: IConstruct): Map<string, TreeEntry> {
  const out = new Map<string, TreeEntry>();
  const visit = (node: IConstruct, inherited: Acknowledgment[]) => {
    const own = ownAcknowledgments(node);
    const acks = own.length ? [...inherited, ...own] : inherited;
    if (CfnResource.isCfnResource(node)) {
      const stack = Stack.of(node);
      const logicalId = stack.resolve(node.logicalId);
      out.set(`${stack.node.path}\u0000${logicalId}`, { path: node.node.path, acks });
    }
    for (const child of node.node.children) visit(child, acks);
  };
  visit(root, []);
  return out;
}

function ownAcknowledgments(node: IConstruct): Acknowledgment[] {
  const out: Acknowledgment[] = [];
  for (const entry of node.node.metadata) {
    if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
    for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
      out.push({ id: id.replace(/^annotation::/i, ''), reason: String(reason), where: node.node.path || '(app)' });
    }
  }
  return out;
}

/** Writes the acknowledgments that apply to each CfnResource into its template metadata. */
class RecordAcknowledgments implements IAspect {
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const acks: Acknowledgment[] = [];
    for (let c: IConstruct | undefined = node; c; c = c.node.scope) acks.push(...ownAcknowledgments(c));
    const ours = acks.filter((a) => /FTG-/.test(a.id));
    if (ours.length === 0) return;
    node.addMetadata(ACK_METADATA_KEY, { acknowledged: ours.map((a) => ({ id: a.id, reason: a.reason, where: a.where })) });
  }
}
