/**
 * The AWS Config managed rules of the baseline: root (CA-2, CA-4, EX-1), people (CA-1, CA-5, CA-6),
 * account-wide defaults (DM-1, DM-5; watched whether or not the baseline sets them) and patching (CM-4,
 * CF-3), and what the baseline implies for workloads (VPC flow logs, default security groups, ECR).
 * Each rule is named `fintech-<identifier>` and describes its items. More rules: `add` them.
 */
import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import { getItem } from '../../catalog';
import { PasswordPolicy } from '../account-baseline-props';

export class ConfigRules {
  /** The managed rules, by identifier. */
  public readonly rules: Record<string, config.ManagedRule> = {};

  /**
   * @param recorder the baseline's recorder, which every rule waits for; undefined when the account
   *   already has one (`configRecorder: false`)
   */
  constructor(
    private readonly stack: Stack,
    private readonly recorder: config.CfnConfigurationRecorder | undefined,
    policy: PasswordPolicy,
  ) {
    const id = config.ManagedRuleIdentifiers;
    // Root (CA-2, EX-1)
    this.add(id.ROOT_ACCOUNT_MFA_ENABLED, ['CA-2', 'EX-1']);
    this.add(id.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED, ['CA-2', 'EX-1']);
    this.add(id.IAM_ROOT_ACCESS_KEY_CHECK, ['CA-4', 'EX-1']);
    // People (CA-1, CA-6)
    this.add(id.IAM_USER_MFA_ENABLED, ['CA-1']);
    this.add(id.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS, ['CA-1']);
    this.add(id.IAM_USER_UNUSED_CREDENTIALS_CHECK, ['CA-6', 'CA-5'], { maxCredentialUsageAge: '90' });
    this.add(id.IAM_PASSWORD_POLICY, ['CA-1'], {
      RequireUppercaseCharacters: 'true',
      RequireLowercaseCharacters: 'true',
      RequireSymbols: 'true',
      RequireNumbers: 'true',
      MinimumPasswordLength: String(policy.minimumPasswordLength),
      PasswordReusePrevention: String(policy.passwordReusePrevention),
      MaxPasswordAge: String(policy.maxPasswordAge),
    });
    // Account-wide defaults (DM-1, DM-5): watched whether or not the baseline sets them.
    this.add(id.EC2_EBS_ENCRYPTION_BY_DEFAULT, ['DM-1']);
    this.add(id.S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC, ['DM-5']);
    // Patching (CM-4, CF-3)
    this.add(id.EC2_INSTANCE_MANAGED_BY_SSM, ['CM-4']);
    this.add(id.EC2_MANAGED_INSTANCE_PATCH_COMPLIANCE_STATUS_CHECK, ['CM-4', 'CF-3']);
    // What the baseline implies for the workloads, beside the pack rules FTG-EC2-6, FTG-ECR-1/2 and
    // FTG-EC2-1: flow logs on every VPC (LA-2), closed default security groups (BP-1, CF-4), ECR
    // repositories that scan on push (CF-3, CM-4) and have immutable tags (NT-2, CM-1). Config judges
    // what exists, CDK or not; the pack judges what is about to be deployed.
    this.add(id.VPC_FLOW_LOGS_ENABLED, ['LA-2']);
    this.add(id.VPC_DEFAULT_SECURITY_GROUP_CLOSED, ['BP-1', 'CF-4']);
    this.add(id.ECR_PRIVATE_IMAGE_SCANNING_ENABLED, ['CF-3', 'CM-4']);
    this.add(id.ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED, ['NT-2', 'CM-1']);
  }

  /** The managed rule `identifier` (construct ID `<PascalCase identifier>Rule`), serving `items`. */
  public add(identifier: string, items: string[], inputParameters?: Record<string, string>): config.ManagedRule {
    const name = `fintech-${identifier.toLowerCase().replace(/_/g, '-')}`;
    const rule = new config.ManagedRule(this.stack, constructIdOf(identifier), {
      identifier,
      configRuleName: name,
      description: `${identifier} (fintech-guardrails ${items.join(', ')}: ${items.map((i) => getItem(i).en).join(' / ')})`.slice(0, 256),
      inputParameters,
    });
    if (this.recorder) rule.node.addDependency(this.recorder);
    this.rules[identifier] = rule;
    return rule;
  }
}

function constructIdOf(identifier: string): string {
  return identifier
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('') + 'Rule';
}

