/**
 * Test helpers for rules: run one rule over a CDK stack (L2/L1 constructs, escape hatches) or over
 * a raw CloudFormation template (parameters, Fn::If, GetAtt), and get its outcome per logical ID.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { evaluateRule } from '../../packs/engine/evaluate';
import { Language, renderDetail } from '../../packs/engine/messages';
import { Outcome, RuleDefinition } from '../../packs/engine/rule';
import { DeploymentContext } from '../../packs/engine/scenario';
import { renderScenario } from '../../packs/engine/runner';
import { CfnTemplate, TemplateModel } from '../../packs/engine/template';

export type Status = Outcome['status'];

/**
 * An outcome as a reader sees it: the status, the detail rendered (English unless asked), and the
 * scenario it happens in ("when IsProd = false"), when it does not happen in every scenario.
 */
export type Seen =
  | { readonly status: 'compliant' | 'not-applicable' }
  | { readonly status: 'non-compliant' | 'unverifiable'; readonly detail?: string; readonly scenario?: string; readonly notes?: string[] };

export interface OutcomeOptions {
  /** What is known of the deployment (region, account, parameter values). */
  readonly deployment?: DeploymentContext;
  /** Language of the rendered detail. @default 'en' */
  readonly language?: Language;
}

/**
 * The outcome of `rule` for every resource of the template, by logical ID (not-applicable included),
 * judged as the runner judges it: scenario by scenario when the template has conditions.
 */
export function outcomes(rule: RuleDefinition, template: CfnTemplate | Stack, options: OutcomeOptions = {}): Record<string, Seen> {
  const json = template instanceof Stack ? (Template.fromStack(template).toJSON() as CfnTemplate) : template;
  const model = new TemplateModel(json, '<template>', options.deployment);
  const lang = options.language ?? 'en';
  const out: Record<string, Seen> = {};
  for (const r of model.resources) {
    if (!rule.resourceTypes.includes(r.type)) { out[r.logicalId] = { status: 'not-applicable' }; continue; }
    const { outcome, scenario, notes } = evaluateRule(rule, r, { template: model });
    if (outcome.status === 'compliant' || outcome.status === 'not-applicable') { out[r.logicalId] = { status: outcome.status }; continue; }
    out[r.logicalId] = {
      status: outcome.status,
      ...(outcome.detail ? { detail: renderDetail(outcome.detail, lang, rule.details) } : {}),
      ...(scenario ? { scenario: renderScenario(scenario, lang) } : {}),
      ...(notes ? { notes: notes.map((n) => renderDetail(n, lang, rule.details)) } : {}),
    };
  }
  return out;
}

/** The status of `rule` for every resource of the given type (logical ID → status). */
export function statuses(rule: RuleDefinition, template: CfnTemplate | Stack, type?: string, options: OutcomeOptions = {}): Record<string, Status> {
  const json = template instanceof Stack ? (Template.fromStack(template).toJSON() as CfnTemplate) : template;
  const all = outcomes(rule, json, options);
  const out: Record<string, Status> = {};
  for (const [id, o] of Object.entries(all)) {
    if (!type || json.Resources[id]?.Type === type) out[id] = o.status;
  }
  return out;
}

/** The status of `rule` on the only resource of `type` in the template (fails if there is not exactly one). */
export function statusOf(rule: RuleDefinition, template: CfnTemplate | Stack, type: string, options: OutcomeOptions = {}): Status {
  const s = Object.values(statuses(rule, template, type, options));
  if (s.length !== 1) throw new Error(`expected exactly one ${type}, found ${s.length}`);
  return s[0];
}

/** A template with the given resources (and optional parameters/conditions). */
export function cfn(resources: Record<string, any>, extra: Partial<CfnTemplate> = {}): CfnTemplate {
  return { ...extra, Resources: resources };
}
