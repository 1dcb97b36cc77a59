/**
 * The guideline as an AWS Config conformance pack: a template (YAML) whose resources are all
 * `AWS::Config::ConfigRule`:
 *
 * - one AWS managed rule for every managed rule the catalog maps to items (`GuidelineItem.aws.configRules`,
 *   identifiers from `lib/catalog/config-rules.ts`), named `ftg-<items>-<rule>` (e.g.
 *   `ftg-la-1-ex-1-cloud-trail-log-file-validation-enabled`) and described with its items;
 * - one process check (`AWS_CONFIG_PROCESS_CHECK`, a rule a person marks compliant or not in the AWS
 *   Config console) for every item a person signs off (coverage `attest`), named `ftg-<item>-attestation`.
 *
 * The output depends only on the catalog and the options: the same input gives the same bytes. The
 * CLI (`fintech-guardrails conformance-pack`) and the `GuidelineConformancePack` construct both use it.
 * This module does not load aws-cdk-lib.
 */
import { stringify } from 'yaml';
import { GuidelineItem, ITEMS } from '../catalog';
import { MANAGED_CONFIG_RULES } from '../catalog/config-rules';
import { EffectiveLevel, resolveItemLevels } from '../../packs/engine/levels';
import { attestationItems, attestationRuleDescription } from '../baseline/attestation';

/** The prefix of every rule name of the pack. */
export const CONFORMANCE_RULE_PREFIX = 'ftg-';

/**
 * The longest rule name the pack uses. AWS Config allows 128 characters for a rule name, but the
 * names of a conformance pack's rules get a suffix from AWS Config (`-conformance-pack-` and an ID),
 * and the rule-name filters of the conformance pack APIs (DescribeConformancePackCompliance) accept 64
 * characters: 64 keeps every name usable there.
 */
export const MAX_RULE_NAME_LENGTH = 64;

/** AWS Config's limit on a rule description. */
export const MAX_RULE_DESCRIPTION_LENGTH = 256;

/** AWS Config's limit on an inline conformance pack template (`TemplateBody`), in bytes. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

/** A rule name AWS Config and the conformance pack APIs accept, as this pack writes them. */
export const RULE_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface ConformancePackOptions {
  /**
   * The team's item levels (`resolveItemLevels(decisions)`): rules all of whose items are turned off,
   * and process checks of items turned off, are left out.
   * @default - the guideline's levels (nothing off)
   */
  readonly levels?: ReadonlyMap<string, EffectiveLevel>;
  /**
   * The IAM role AWS Config assumes to detect stack drift (`cloudformation-stack-drift-detection-check`
   * needs one). Without it that rule is left out.
   * @default - the drift-detection rule is left out
   */
  readonly driftDetectionRoleArn?: string;
}

/** One rule of the pack. */
export interface ConformancePackRule {
  /** The logical ID of the rule in the pack template. */
  readonly logicalId: string;
  /** `ConfigRuleName`. */
  readonly name: string;
  readonly kind: 'managed' | 'process-check';
  /** `Source.SourceIdentifier`. */
  readonly identifier: string;
  /** The managed rule's name (`multi-region-cloudtrail-enabled`); absent for process checks. */
  readonly managedRule?: string;
  /** The catalog items the rule checks, in catalog order. */
  readonly items: readonly string[];
  readonly description: string;
  readonly inputParameters?: Readonly<Record<string, string>>;
}

/** A managed rule of the catalog that the pack leaves out, and why. */
export interface ConformancePackOmission {
  readonly managedRule: string;
  readonly items: readonly string[];
  readonly reason: string;
}

const ORDER = new Map(ITEMS.map((item, i) => [item.id, i]));

/** The managed rules of the catalog, each with the items that name it (catalog order), in order of their first item. */
function managedRulesOfCatalog(): { name: string; items: GuidelineItem[] }[] {
  const byRule = new Map<string, GuidelineItem[]>();
  for (const item of ITEMS) {
    for (const rule of item.aws?.configRules ?? []) {
      const list = byRule.get(rule) ?? [];
      if (!list.includes(item)) list.push(item);
      byRule.set(rule, list);
    }
  }
  return [...byRule.entries()]
    .map(([name, items]) => ({ name, items }))
    .sort((a, b) => ORDER.get(a.items[0].id)! - ORDER.get(b.items[0].id)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `ftg-<items>-<suffix>`, dropping items from the end (the description keeps them all) to fit {@link MAX_RULE_NAME_LENGTH}. */
function ruleName(itemIds: readonly string[], suffix: string): string {
  const ids = itemIds.map((id) => id.toLowerCase());
  for (let n = ids.length; n >= 1; n--) {
    const name = `${CONFORMANCE_RULE_PREFIX}${ids.slice(0, n).join('-')}-${suffix}`;
    if (name.length <= MAX_RULE_NAME_LENGTH) return name;
  }
  return `${CONFORMANCE_RULE_PREFIX}${ids[0]}-${suffix}`.slice(0, MAX_RULE_NAME_LENGTH).replace(/-+$/, '');
}

/** `ftg-la-1-cloudtrail-enabled` → `FtgLa1CloudtrailEnabled`. */
function logicalIdOf(name: string): string {
  return name.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/** Cut a text to `max` characters (code points), ending with '…' when cut. */
function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

function managedDescription(items: readonly GuidelineItem[], name: string, identifier: string): string {
  const head = `FinTech guideline [${items.map((i) => i.id).join(', ')}] ${name} (${identifier}): `;
  return fit(head + items.map((i) => i.en).join(' / '), MAX_RULE_DESCRIPTION_LENGTH);
}

/** The rules of the pack, in template order, and the catalog's managed rules it leaves out. */
export function conformancePackContents(options: ConformancePackOptions = {}): { rules: ConformancePackRule[]; omitted: ConformancePackOmission[] } {
  const levels = options.levels ?? resolveItemLevels();
  const active = (id: string) => (levels.get(id)?.level ?? 'error') !== 'off';
  const rules: ConformancePackRule[] = [];
  const omitted: ConformancePackOmission[] = [];

  for (const { name, items } of managedRulesOfCatalog()) {
    const ids = items.map((i) => i.id);
    const spec = MANAGED_CONFIG_RULES[name];
    if (!spec) throw new Error(`lib/catalog/config-rules.ts has no identifier for the AWS Config rule ${name} (named by ${ids.join(', ')})`);
    if (!ids.some(active)) { omitted.push({ managedRule: name, items: ids, reason: 'All its items are turned off by the team.' }); continue; }
    if (spec.notInConformancePack) { omitted.push({ managedRule: name, items: ids, reason: spec.notInConformancePack }); continue; }
    let inputParameters: Record<string, string> | undefined;
    if (spec.requiredParameters?.length) {
      if (name === 'cloudformation-stack-drift-detection-check' && options.driftDetectionRoleArn) {
        inputParameters = { cloudformationRoleArn: options.driftDetectionRoleArn };
      } else {
        omitted.push({ managedRule: name, items: ids, reason: `It needs ${spec.requiredParameters.join(', ')}${name === 'cloudformation-stack-drift-detection-check' ? ' (give driftDetectionRoleArn to include it)' : ''}.` });
        continue;
      }
    }
    const ruleNameValue = ruleName(ids, name);
    rules.push({
      logicalId: logicalIdOf(ruleNameValue),
      name: ruleNameValue,
      kind: 'managed',
      identifier: spec.identifier,
      managedRule: name,
      items: ids,
      description: managedDescription(items, name, spec.identifier),
      ...(inputParameters ? { inputParameters } : {}),
    });
  }

  for (const item of attestationItems()) {
    if (!active(item.id)) continue;
    const name = ruleName([item.id], 'attestation');
    rules.push({
      logicalId: logicalIdOf(name),
      name,
      kind: 'process-check',
      identifier: 'AWS_CONFIG_PROCESS_CHECK',
      items: [item.id],
      description: attestationRuleDescription(item),
    });
  }

  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.name) || seen.has(r.logicalId)) throw new Error(`conformance pack: two rules are named ${r.name}`);
    seen.add(r.name);
    seen.add(r.logicalId);
  }
  return { rules, omitted };
}

/** The conformance pack template as an object (`Resources` only, all `AWS::Config::ConfigRule`). */
export function conformancePackTemplate(options: ConformancePackOptions = {}): { Resources: Record<string, unknown> } {
  const resources: Record<string, unknown> = {};
  for (const r of conformancePackContents(options).rules) {
    resources[r.logicalId] = {
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        ConfigRuleName: r.name,
        Description: r.description,
        ...(r.inputParameters ? { InputParameters: { ...r.inputParameters } } : {}),
        Source: { Owner: 'AWS', SourceIdentifier: r.identifier },
      },
    };
  }
  return { Resources: resources };
}

/**
 * The conformance pack template as YAML, for `aws configservice put-conformance-pack
 * --template-body file://...` or the console. Deterministic: the same catalog and options give the
 * same text.
 */
export function conformancePackYaml(options: ConformancePackOptions = {}): string {
  const { omitted } = conformancePackContents(options);
  const header = [
    'AWS Config conformance pack for the FinTech Association of Japan security guideline,',
    'generated by fintech-guardrails from its catalog (do not edit: regenerate).',
    'ftg-<items>-<rule>: AWS managed rules; ftg-<item>-attestation: process checks for the items a person signs off.',
    ...(omitted.length ? ['Left out:', ...omitted.map((o) => `  ${o.managedRule} [${o.items.join(', ')}]: ${o.reason}`)] : []),
  ];
  const body = stringify(conformancePackTemplate(options), { lineWidth: 0, aliasDuplicateObjects: false });
  return header.map((l) => `# ${l}`.trimEnd()).join('\n') + '\n' + body;
}
