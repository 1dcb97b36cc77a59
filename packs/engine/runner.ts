/**
 * Runs the rules over templates and turns outcomes into findings. This is the one implementation
 * shared by the CDK pack (`FinTechChecks`) and the `check` command.
 */
import { Language } from './messages';
import { EffectiveLevel, FindingLevel, resolveItemLevels, ruleLevel } from './levels';
import { RuleDefinition } from './rule';
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
  readonly message: string;
  readonly fix: string;
  readonly acknowledged?: Acknowledgment;
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
  readonly language?: Language;
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
export function runRules(inputs: readonly TemplateInput[], options: RunOptions): Evaluation {
  const language = options.language ?? 'en';
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
        let outcome;
        try {
          outcome = rule.check(resource, ctx);
        } catch (e) {
          outcome = { status: 'unverifiable' as const, detail: `the rule could not evaluate this resource (${(e as Error).message})` };
        }
        if (outcome.status === 'not-applicable') continue;
        const stats = ruleStats.get(rule.id)!;
        stats.applicable++;
        if (outcome.status === 'compliant') { stats.compliant++; continue; }
        acks ??= [...metadataAcknowledgments(resource), ...(options.acknowledgmentsFor?.(resource, input) ?? [])];
        const ack = acks.find((a) => acknowledges(a.id, rule.id));
        const detail = outcome.detail ? ` ${language === 'ja' ? '詳細' : 'Detail'}: ${outcome.detail}.` : '';
        const unverifiable = outcome.status === 'unverifiable';
        const prefix = unverifiable
          ? (language === 'ja' ? '[検証不能] デプロイ前に値を確定できないため確認できません: ' : '[Cannot be verified] The value is not known before deployment: ')
          : '';
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
          message: `${prefix}${rule.info[language]}${detail}`,
          fix: rule.fix[language],
          acknowledged: ack,
        });
      }
    }
  }
  return { findings, ruleStats, levels, resources };
}
