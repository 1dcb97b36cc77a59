/**
 * Attestations: one AWS Config process-check rule per catalog item a person signs off (coverage
 * `attest`), named `fintech-<item>` and described with the item's texts, so that those items also
 * appear, and can be marked, in the account's compliance view.
 */
import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import { attestationItems, attestationRuleDescription, attestationRuleName } from '../attestation';

/** The process-check rules (construct IDs `Attest<item ID without dashes>`), by item ID. */
export function createAttestationRules(
  stack: Stack,
  recorder: config.CfnConfigurationRecorder | undefined,
): Record<string, config.CfnConfigRule> {
  const rules: Record<string, config.CfnConfigRule> = {};
  for (const item of attestationItems()) {
    const rule = new config.CfnConfigRule(stack, `Attest${item.id.replace(/[^A-Za-z0-9]/g, '')}`, {
      configRuleName: attestationRuleName(item.id),
      description: attestationRuleDescription(item),
      source: { owner: 'AWS', sourceIdentifier: 'AWS_CONFIG_PROCESS_CHECK' },
    });
    if (recorder) rule.addResourceDependency(recorder);
    rules[item.id] = rule;
  }
  return rules;
}
