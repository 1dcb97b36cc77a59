/**
 * Test helpers for rules: run one rule over a CDK stack (L2/L1 constructs, escape hatches) or over
 * a raw CloudFormation template (parameters, Fn::If, GetAtt), and get its outcome per logical ID.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Outcome, RuleDefinition } from '../../packs/engine/rule';
import { CfnTemplate, TemplateModel } from '../../packs/engine/template';

export type Status = Outcome['status'];

/** The outcome of `rule` for every resource of the template, by logical ID (not-applicable included). */
export function outcomes(rule: RuleDefinition, template: CfnTemplate | Stack): Record<string, Outcome> {
  const json = template instanceof Stack ? (Template.fromStack(template).toJSON() as CfnTemplate) : template;
  const model = new TemplateModel(json);
  const out: Record<string, Outcome> = {};
  for (const r of model.resources) {
    out[r.logicalId] = rule.resourceTypes.includes(r.type) ? rule.check(r, { template: model }) : { status: 'not-applicable' };
  }
  return out;
}

/** The status of `rule` for every resource of the given type (logical ID → status). */
export function statuses(rule: RuleDefinition, template: CfnTemplate | Stack, type?: string): Record<string, Status> {
  const json = template instanceof Stack ? (Template.fromStack(template).toJSON() as CfnTemplate) : template;
  const all = outcomes(rule, json);
  const out: Record<string, Status> = {};
  for (const [id, o] of Object.entries(all)) {
    if (!type || json.Resources[id].Type === type) out[id] = o.status;
  }
  return out;
}

/** The status of `rule` on the only resource of `type` in the template (fails if there is not exactly one). */
export function statusOf(rule: RuleDefinition, template: CfnTemplate | Stack, type: string): Status {
  const s = Object.values(statuses(rule, template, type));
  if (s.length !== 1) throw new Error(`expected exactly one ${type}, found ${s.length}`);
  return s[0];
}

/** A template with the given resources (and optional parameters/conditions). */
export function cfn(resources: Record<string, any>, extra: Partial<CfnTemplate> = {}): CfnTemplate {
  return { ...extra, Resources: resources };
}
