/**
 * Runs the rules over templates and turns outcomes into findings. This is the one implementation
 * shared by the CDK pack (`FinTechChecks`) and the `check` command.
 */
import type { LocalizedText } from '../../lib/catalog/types';
import { evaluateRule } from './evaluate';
import { Detail, Language, renderDetail } from './messages';
import { EffectiveLevel, FindingLevel, resolveItemLevels, ruleLevel } from './levels';
import { RuleDefinition } from './rule';
import { DeploymentContext, Scenario } from './scenario';
import { Resource, TemplateModel } from './template';

/** An acknowledgment of a rule on a resource (or on a construct above it), with its reason. */
export interface Acknowledgment {
  /** The rule ID as written, e.g. `FinTechChecks::FTG-S3-1` or `FTG-S3-1`. */
  readonly id: string;
  readonly reason: string;
  /** Where it was given: a construct path or `template metadata`. */
  readonly where: string;
}

export interface Finding {
  /** The template file. */
  readonly file: string;
  /** The stack (artifact) name, when known. */
  readonly stack?: string;
  /** The logical ID. */
  readonly resource: string;
  readonly resourceType: string;
  /** The construct path, when known. */
  readonly path?: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly items: readonly string[];
  readonly level: FindingLevel;
  /** `non-compliant`, or `unverifiable` when the value cannot be known before deployment. */
  readonly status: 'non-compliant' | 'unverifiable';
  /** What exactly was found, as data (rendered with `findingMessage` in the reader's language). */
  readonly detail?: Detail;
  /** The conditions the finding happens under (omitted when it happens in every scenario). */
  readonly scenario?: Scenario;
  /** Notes on how the verdict was reached (e.g. too many scenarios to link conditions). */
  readonly notes?: readonly Detail[];
  /** The rule's texts: what must be true, how to fix it, and its detail texts. */
  readonly texts: FindingTexts;
  readonly acknowledged?: Acknowledgment;
}

/** The texts a finding is rendered from, in both languages. */
export interface FindingTexts {
  readonly info: LocalizedText;
  readonly fix: LocalizedText;
  readonly details?: Readonly<Record<string, LocalizedText>>;
}

const UNVERIFIABLE_PREFIX: LocalizedText = {
  en: '[Cannot be verified] The value is not known before deployment: ',
  ja: '[検証不能] デプロイ前に値を確定できないため確認できません: ',
};

/** The scenario of a finding in words ("when IsProd = false and UseKms = true"), or '' when it has none. */
export function renderScenario(scenario: Scenario | undefined, lang: Language): string {
  if (!scenario || scenario.length === 0) return '';
  const parts = scenario.map((a) => `${a.condition} = ${a.value}`);
  return lang === 'ja' ? `${parts.join('、')} の場合` : `when ${parts.join(' and ')}`;
}

/** A finding's message in `lang`: what must be true, in which scenario, and the detail. */
export function findingMessage(f: Finding, lang: Language): string {
  const prefix = f.status === 'unverifiable' ? UNVERIFIABLE_PREFIX[lang] : '';
  const scenario = f.scenario?.length ? (lang === 'ja' ? ` 条件: ${renderScenario(f.scenario, lang)}。` : ` Scenario: ${renderScenario(f.scenario, lang)}.`) : '';
  const detail = f.detail ? ` ${lang === 'ja' ? '詳細' : 'Detail'}: ${renderDetail(f.detail, lang, f.texts.details)}${lang === 'ja' ? '。' : '.'}` : '';
  const notes = (f.notes ?? []).map((n) => ` ${lang === 'ja' ? '注' : 'Note'}: ${renderDetail(n, lang, f.texts.details)}${lang === 'ja' ? '。' : '.'}`).join('');
  return `${prefix}${f.texts.info[lang]}${scenario}${detail}${notes}`;
}

/** A finding's fix in `lang`. */
export function findingFix(f: Finding, lang: Language): string {
  return f.texts.fix[lang];
}

/** How often a rule applied, for the compliance report (pass versus not applicable). */
export interface RuleStats {
  applicable: number;
  compliant: number;
}

export interface Evaluation {
  readonly findings: Finding[];
  readonly ruleStats: Map<string, RuleStats>;
  readonly levels: ReadonlyMap<string, EffectiveLevel>;
  /** Number of resources looked at. */
  readonly resources: number;
}

export interface TemplateInput {
  readonly model: TemplateModel;
  readonly stack?: string;
}

export interface RunOptions {
  readonly rules: readonly RuleDefinition[];
  readonly levels?: ReadonlyMap<string, EffectiveLevel>;
  /** The regions the templates may be deployed to (`--region`); conditions on `AWS::Region` are decided by them. */
  readonly regions?: readonly string[];
  /** The account the templates are deployed to (`--account`). */
  readonly accountId?: string;
  /** Parameter values for the deployment (`--parameter Name=Value`). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Acknowledgments for a resource, beyond those in its template metadata. */
  readonly acknowledgmentsFor?: (resource: Resource, input: TemplateInput) => readonly Acknowledgment[];
  /** Construct path of a resource, when the template does not record it. */
  readonly pathOf?: (resource: Resource, input: TemplateInput) => string | undefined;
}

/** The pack's namespace in CDK acknowledgments (`FinTechChecks::FTG-S3-1`). */
export const PACK_NAME = 'FinTechChecks';

/** Whether an acknowledgment ID names this rule (accepts `FinTechChecks::ID`, `FinTechChecks-ID` and the bare `ID`). */
export function acknowledges(ackId: string, ruleId: string): boolean {
  const id = ackId.trim();
  return id === ruleId || id === `${PACK_NAME}::${ruleId}` || id === `${PACK_NAME}-${ruleId}`;
}

/** Acknowledgments written into a resource's template metadata: ours, cdk-nag's, and cfn-guard's. */
export function metadataAcknowledgments(resource: Resource): Acknowledgment[] {
  const md = resource.json.Metadata ?? {};
  const out: Acknowledgment[] = [];
  const push = (list: unknown, source: string) => {
    if (!Array.isArray(list)) return;
    for (const e of list) {
      if (typeof e === 'string') out.push({ id: e, reason: '', where: source });
      else if (e && typeof e === 'object' && typeof (e as any).id === 'string') {
        // FinTechChecks records where in the construct tree the acknowledgment was given.
        const where = typeof (e as any).where === 'string' && (e as any).where ? (e as any).where : source;
        out.push({ id: (e as any).id, reason: String((e as any).reason ?? ''), where });
      }
    }
  };
  push(md['fintech-guardrails']?.acknowledged, 'template metadata fintech-guardrails');
  push(md.cdk_nag?.rules_to_suppress, 'template metadata cdk_nag');
  push(md.guard?.SuppressedRules, 'template metadata guard');
  return out;
}

/** Run `rules` over `inputs`. Never throws for template content: a rule that throws becomes an unverifiable finding. */
export function runRules(given: readonly TemplateInput[], options: RunOptions): Evaluation {
  const inputs = withDeployment(given, options);
  const levels = options.levels ?? resolveItemLevels();
  const byType = new Map<string, { rule: RuleDefinition; level: FindingLevel }[]>();
  const ruleStats = new Map<string, RuleStats>();
  for (const rule of options.rules) {
    const level = ruleLevel(rule.items, levels);
    if (level === 'off') continue;
    ruleStats.set(rule.id, { applicable: 0, compliant: 0 });
    for (const t of rule.resourceTypes) {
      const list = byType.get(t) ?? [];
      list.push({ rule, level });
      byType.set(t, list);
    }
  }

  const findings: Finding[] = [];
  let resources = 0;
  for (const input of inputs) {
    const ctx = { template: input.model };
    for (const resource of input.model.resources) {
      resources++;
      const rules = byType.get(resource.type);
      if (!rules) continue;
      let acks: Acknowledgment[] | undefined;
      for (const { rule, level } of rules) {
        const { outcome, scenario, notes } = evaluateRule(rule, resource, ctx);
        if (outcome.status === 'not-applicable') continue;
        const stats = ruleStats.get(rule.id)!;
        stats.applicable++;
        if (outcome.status === 'compliant') { stats.compliant++; continue; }
        acks ??= [...metadataAcknowledgments(resource), ...(options.acknowledgmentsFor?.(resource, input) ?? [])];
        const ack = acks.find((a) => acknowledges(a.id, rule.id));
        const unverifiable = outcome.status === 'unverifiable';
        findings.push({
          file: input.model.file,
          stack: input.stack,
          resource: resource.logicalId,
          resourceType: resource.type,
          path: resource.cdkPath ?? options.pathOf?.(resource, input),
          ruleId: rule.id,
          ruleName: rule.name,
          items: rule.items,
          level,
          status: unverifiable ? 'unverifiable' : 'non-compliant',
          ...(outcome.detail ? { detail: outcome.detail } : {}),
          ...(scenario ? { scenario } : {}),
          ...(notes ? { notes } : {}),
          texts: rule,
          acknowledged: ack,
        });
      }
    }
  }
  return { findings, ruleStats, levels, resources };
}

/** Templates bound to what the options say of the deployment (region, account, parameters). */
function withDeployment(inputs: readonly TemplateInput[], options: RunOptions): readonly TemplateInput[] {
  if (!options.regions?.length && !options.accountId && !options.parameters) return inputs;
  return inputs.map((input) => {
    const own = input.model.deployment;
    const deployment: DeploymentContext = {
      regions: options.regions?.length ? options.regions : own.regions,
      accountId: options.accountId ?? own.accountId,
      parameters: { ...own.parameters, ...options.parameters },
    };
    return { ...input, model: new TemplateModel(input.model.json, input.model.file, deployment) };
  });
}
