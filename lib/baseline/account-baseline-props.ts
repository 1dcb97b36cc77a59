/**
 * The public types of `FinTechAccountBaseline`: its props and the options and values they take.
 * Re-exported by `account-baseline.ts` (kept apart so that the stack's file holds only its composition).
 */
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ObjectLockMode } from '../constructs/write-once-log-archive';
import type { GuidelineConformancePackProps } from './conformance-pack';
import type { GuardRulesHookProps } from './guard-hook';

/** The IAM password policy the baseline sets (CIS AWS Foundations 1.8–1.9 and stricter). */
export interface PasswordPolicy {
  /** At least 14. */
  readonly minimumPasswordLength: number;
  /** At least 24 (the IAM maximum). */
  readonly passwordReusePrevention: number;
  /** Days; 1 to 90. */
  readonly maxPasswordAge: number;
}

/** The strong values of the password policy; a stronger policy may be passed, never a weaker one. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumPasswordLength: 14,
  passwordReusePrevention: 24,
  maxPasswordAge: 90,
};

/**
 * How the account-wide settings that CloudFormation has no resource for (IAM password policy, EBS
 * encryption by default, S3 account-level public access block) are handled.
 *
 * - `enforce`: set them with `AwsCustomResource` calls (a Lambda function: the template needs the CDK
 *   asset bucket), and watch them with AWS Config rules.
 * - `detect`: only watch them with AWS Config rules (the template has no assets, as a StackSet template
 *   must). Set them another way (the management account, or once by hand) and let Config show drift.
 */
export type AccountSettingsMode = 'enforce' | 'detect';

/**
 * How console sign-in and IAM events, which AWS delivers only in us-east-1, reach the baseline.
 *
 * - `stack`: when the baseline's region is known and is not us-east-1, the baseline creates a
 *   `GlobalEventForwarderStack` in us-east-1 next to itself (same app, same account).
 * - `external`: another deployment forwards them (the organization form's forwarder StackSet).
 * - `none`: no forwarding; root console sign-ins, IAM changes and access-key creation are then only
 *   notified if the baseline runs in us-east-1 (RootLoginNotification warns).
 */
export type GlobalEventForwarding = 'stack' | 'external' | 'none';

/** An AWS Security Hub standard, by its ARN. */
export class SecurityHubStandard {
  /** AWS Foundational Security Best Practices v1.0.0. */
  public static readonly FOUNDATIONAL_BEST_PRACTICES = new SecurityHubStandard(
    'FoundationalBestPractices',
    'standards/aws-foundational-security-best-practices/v/1.0.0',
  );

  /** CIS AWS Foundations Benchmark v3.0.0. */
  public static readonly CIS_3_0 = new SecurityHubStandard('CisFoundations30', 'standards/cis-aws-foundations-benchmark/v/3.0.0');

  /** CIS AWS Foundations Benchmark v1.4.0. */
  public static readonly CIS_1_4 = new SecurityHubStandard('CisFoundations14', 'standards/cis-aws-foundations-benchmark/v/1.4.0');

  /** Another regional standard, by the part of its ARN after `arn:<partition>:securityhub:<region>::`. */
  public static of(id: string, standardPath: string): SecurityHubStandard {
    return new SecurityHubStandard(id, standardPath);
  }

  /**
   * @param id construct ID of the `CfnStandard` (public API)
   * @param standardPath the ARN after `arn:<partition>:securityhub:<region>::`
   */
  private constructor(public readonly id: string, public readonly standardPath: string) {}

  /** The standard's ARN in `stack`'s partition and region. */
  public arnIn(stack: Stack): string {
    return `arn:${stack.partition}:securityhub:${stack.region}::${this.standardPath}`;
  }
}

/** Vault Lock of the backup vault: nobody, root included, can delete recovery points early. */
export interface BackupVaultLockOptions {
  /** Recovery points are kept at least this long. At most 35 days (the daily rule's retention). */
  readonly minRetention: Duration;
  /** Recovery points are kept at most this long. At least 365 days (the monthly rule's retention). */
  readonly maxRetention?: Duration;
  /**
   * Time before the lock becomes immutable (compliance mode; at least 3 days).
   *
   * @default - governance mode: users with the right IAM permissions can remove the lock
   */
  readonly changeableFor?: Duration;
}

/** Where an organization trail delivers: the central log archive (see `FinTechLogArchiveStack`). */
export interface OrganizationTrailOptions {
  /** The organization's ID (`o-...`). */
  readonly organizationId: string;

  /** The name of the archive bucket in the log-archive account. */
  readonly bucketName: string;

  /** The ARN of the archive's KMS key, or of its alias, in the log-archive account. */
  readonly encryptionKeyArn: string;

  /**
   * The name of the organization trail.
   *
   * @default 'fintech-guardrails-organization'
   */
  readonly trailName?: string;
}

/**
 * Properties for `FinTechAccountBaseline`.
 */
export interface FinTechAccountBaselineProps extends StackProps {
  /**
   * Email addresses of the managers who receive every notification (root use, configuration changes,
   * sensitive work, findings, backup problems). They should not be the people who hold the root
   * credentials (EX-1). Each address must confirm the subscription email from AWS. At least one.
   */
  readonly managerEmails: string[];

  /**
   * The account whose principals may assume the everyday roles (with MFA): this account (IAM users),
   * or an identity account of your organization.
   *
   * @default - this account
   */
  readonly trustedAccountId?: string;

  /**
   * The prefix of the everyday roles' names (`<prefix>Administrator`, `<prefix>Engineer`,
   * `<prefix>ReadOnly`, `<prefix>Auditor`). Role names are account-wide: give a different prefix if
   * two baselines share an account.
   *
   * @default 'FinTech'
   */
  readonly roleNamePrefix?: string;

  /**
   * How long a session of an everyday role lasts at most (1 to 12 hours).
   *
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * Create the account's own multi-region CloudTrail trail into the write-once archive (and CloudWatch
   * Logs). Turn it off only in member accounts that an organization trail already records.
   *
   * @default true
   */
  readonly accountTrail?: boolean;

  /**
   * Make the account's trail an organization trail (`IsOrganizationTrail`) that records every account
   * of the organization into the central log archive, instead of a trail into this account's archive.
   * Only in the management account (or CloudTrail's delegated administrator); `FinTechOrganizationBaseline`
   * sets it.
   *
   * @default - an account trail (see `accountTrail`)
   */
  readonly organizationTrail?: OrganizationTrailOptions;

  /**
   * How long every log object is locked in the write-once archive.
   *
   * @default Duration.days(365)
   */
  readonly archiveRetention?: Duration;

  /**
   * Object Lock mode of the archive. GOVERNANCE adds a warning (see WriteOnceLogArchive).
   *
   * @default 'COMPLIANCE'
   */
  readonly archiveObjectLockMode?: ObjectLockMode;

  /**
   * How long the CloudWatch Logs copy of the trail is kept (used by alarms).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly trailLogRetention?: logs.RetentionDays;

  /**
   * How the account-wide settings without a CloudFormation resource are handled.
   *
   * @default 'enforce'
   */
  readonly accountSettings?: AccountSettingsMode;

  /**
   * A stronger IAM password policy than the default (never a weaker one).
   *
   * @default DEFAULT_PASSWORD_POLICY (14 characters, all character classes, 24 remembered, 90 days)
   */
  readonly passwordPolicy?: PasswordPolicy;

  /**
   * Create the AWS Config configuration recorder and delivery channel. Turn it off only when the account
   * already has a recorder (one per region; AWS Control Tower creates one): the rules then use it.
   *
   * @default true
   */
  readonly configRecorder?: boolean;

  /**
   * Enable Amazon GuardDuty (one detector per account and region: turn it off if GuardDuty is already
   * enabled, e.g. by a delegated administrator).
   *
   * @default true
   */
  readonly guardDuty?: boolean;

  /**
   * GuardDuty protection features to enable.
   *
   * @default ['S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS']
   */
  readonly guardDutyFeatures?: string[];

  /**
   * The lowest GuardDuty finding severity that is notified (1 to 8.9; 4 = medium, 7 = high).
   *
   * @default 4
   */
  readonly guardDutyMinSeverity?: number;

  /**
   * Enable AWS Security Hub (turn it off if it is already enabled in the account and region).
   *
   * @default true
   */
  readonly securityHub?: boolean;

  /**
   * The Security Hub standards to enable.
   *
   * @default [SecurityHubStandard.FOUNDATIONAL_BEST_PRACTICES, SecurityHubStandard.CIS_3_0]
   */
  readonly securityHubStandards?: SecurityHubStandard[];

  /**
   * Create an IAM Access Analyzer (account zone of trust) and notify its findings.
   *
   * @default true
   */
  readonly accessAnalyzer?: boolean;

  /**
   * Create the backup vault and plan (daily backups kept 35 days, monthly kept one year) for the
   * resources tagged `backup` = `true`.
   *
   * @default true
   */
  readonly backup?: boolean;

  /**
   * Lock the backup vault (AWS Backup Vault Lock).
   *
   * @default - no Vault Lock (recovery-point deletion is still denied by the vault's access policy)
   */
  readonly backupVaultLock?: BackupVaultLockOptions;

  /**
   * Create the CIS AWS Foundations Benchmark monitoring alarms (4.1, 4.2, 4.4–4.15; Security Hub
   * CloudWatch.2–14; `CIS_ALARMS`): a metric filter on the trail's CloudWatch Logs group and an alarm to
   * the topic for each. Needs the trail's log group: nothing is created with `accountTrail: false`. With
   * the organization trail they watch every account of the organization.
   *
   * @default true
   */
  readonly cisAlarms?: boolean;

  /**
   * Create the AWS Config process-check rules for the items a person must sign off.
   *
   * @default true
   */
  readonly attestationRules?: boolean;

  /**
   * Notify new CRITICAL and HIGH Security Hub findings (GuardDuty's and, with `accessAnalyzer`, Access
   * Analyzer's are notified by their own rules), resources AWS Config finds NON_COMPLIANT (the rules of
   * Security Hub's controls excepted), and AWS Health events. Security Hub findings are notified with
   * `securityHub: false` too (Security Hub enabled by another deployment).
   *
   * @default true
   */
  readonly findingNotifications?: boolean;

  /**
   * Set the account's Session Manager preferences (the `SSM-SessionManagerRunShell` document): session
   * transcripts to the write-once archive (`session-manager/`) and an encrypted CloudWatch Logs group,
   * sessions encrypted with a KMS key of their own (EX-1: the commands used, kept where their user cannot
   * change them). Instance roles need the `<roleNamePrefix>SessionManagerLogging` managed policy it
   * creates. Turn it off if the account's preferences are managed elsewhere (the document already exists).
   *
   * @default true
   */
  readonly sessionLogging?: boolean;

  /**
   * The value of the `data-classification` tag on the data stores the baseline creates (log archive,
   * Config history, backup vault).
   *
   * @default 'confidential'
   */
  readonly dataClassification?: string;

  /**
   * How console sign-in and IAM events reach the baseline's region.
   *
   * @default 'stack'
   */
  readonly globalEventForwarding?: GlobalEventForwarding;

  /**
   * A CloudFormation Guard Hook that runs this project's cfn-guard rules on every stack the account
   * deploys in this Region, CDK or not (`GuardRulesHook`): `true` for the defaults (`WARN`), props to
   * choose `failureMode: 'FAIL'`, the rules, a report bucket or stack filters, `false` for none. The hook
   * reads its rules from an S3 asset, so it needs the CDK bootstrap bucket.
   *
   * @default - a WARN hook with `accountSettings: 'enforce'`; none with `'detect'` (asset-free)
   */
  readonly guardHook?: boolean | GuardRulesHookProps;

  /**
   * The guideline's AWS Config conformance pack (`GuidelineConformancePack`): the managed Config rules
   * the catalog maps to items and the process checks of the attestation items, each named with its
   * item IDs. `false` if the account gets it otherwise (an organization conformance pack).
   *
   * @default true
   */
  readonly conformancePack?: boolean | GuidelineConformancePackProps;
}

/** The everyday roles (CA-4, CA-5). */
export interface BaselineRoles {
  /** Break-glass everyday administrator (AdministratorAccess); every assumption is notified. */
  readonly administrator: iam.Role;
  /** Builds and runs workloads (PowerUserAccess: everything but IAM, Organizations and account settings). */
  readonly engineer: iam.Role;
  /** Looks (ReadOnlyAccess). */
  readonly readOnly: iam.Role;
  /** Audits (SecurityAudit, plus reading the log archive and the Config history). */
  readonly auditor: iam.Role;
}
