import { Annotations, Duration, RemovalPolicy, Stack, StackProps, Stage, Tags, Token, Validations } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { getItem, LocalizedText } from '../catalog';
import { accountAndRegion, alarmDescription, alertMessage, eventField, field } from '../constructs/alert-message';
import { FinTechGuardrailsError } from '../constructs/errors';
import { RootLoginNotification, ROOT_SIGN_IN_REGION } from '../constructs/root-login-notification';
import { DATA_CLASSIFICATION_TAG, ObjectLockMode, WriteOnceLogArchive } from '../constructs/write-once-log-archive';
import {
  activityMessage,
  activityPattern,
  CONFIGURATION_CHANGES,
  GLOBAL_EVENTS_REGION,
  LOG_BUCKET_CHANGES,
  SENSITIVE_WORK,
  WatchedActivity,
} from './activity';
import { attestationItems, attestationRuleDescription, attestationRuleName } from './attestation';
import { GlobalEventForwarderStack } from './global-event-forwarder';
import { validateOrganizationId } from './validation';

/** The tag that puts a resource into the baseline's backup plan: `backup` = `true`. */
export const BACKUP_TAG = { key: 'backup', value: 'true' } as const;

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
   * Create the AWS Config process-check rules for the items a person must sign off.
   *
   * @default true
   */
  readonly attestationRules?: boolean;

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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DEFAULT_GUARDDUTY_FEATURES = ['S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS'];
/** The construct ID of aws-cdk-lib's AwsCustomResource singleton function. */
const AWS_CUSTOM_RESOURCE_SINGLETON = 'AWS679f53fac002430cb0da5b7982bd2287';

/**
 * Actions the engineer role is denied whatever its managed policy allows: switching off or
 * weakening the baseline's logging, detection and backups (LA-2, LA-3, OP-3).
 */
export const ENGINEER_DENIED_ACTIONS: readonly string[] = [
  'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors',
  'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:PutConfigurationRecorder',
  'config:DeleteDeliveryChannel', 'config:PutDeliveryChannel', 'config:DeleteConfigRule', 'config:DeleteEvaluationResults',
  'guardduty:DeleteDetector', 'guardduty:UpdateDetector', 'guardduty:CreateFilter', 'guardduty:UpdateFilter',
  'guardduty:DisassociateFromAdministratorAccount', 'guardduty:DisassociateFromMasterAccount',
  'securityhub:DisableSecurityHub', 'securityhub:BatchDisableStandards',
  'access-analyzer:DeleteAnalyzer', 'access-analyzer:CreateArchiveRule', 'access-analyzer:UpdateArchiveRule',
  'backup:DeleteBackupVault', 'backup:DeleteBackupPlan', 'backup:UpdateBackupPlan', 'backup:DeleteBackupSelection',
  'backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy', 'backup:DeleteBackupVaultLockConfiguration', 'backup:DeleteBackupVaultNotifications',
  'ec2:DisableEbsEncryptionByDefault', 's3:PutAccountPublicAccessBlock',
];

/**
 * The FinTech account baseline: one stack that sets up an AWS account the way the FinTech Association
 * of Japan's security guideline asks, with secure defaults and props to adjust them. What it deploys
 * against the items it covers: `BASELINE_PARTS` (`lib/baseline/coverage.ts`) and `docs/baseline.md`.
 *
 * - Audit trail (LA-1, LA-2, EX-1): a multi-region CloudTrail trail with log file validation,
 *   KMS-encrypted, into a `WriteOnceLogArchive` and CloudWatch Logs.
 * - Root (CA-2, CA-3, EX-1): `RootLoginNotification`, the CIS root-usage alarm, Config rules for root MFA,
 *   hardware MFA and access keys.
 * - People (CA-1, CA-4, CA-5, CA-6): MFA-only everyday roles, a strong password policy, Config rules for
 *   IAM users' MFA and unused credentials, IAM Access Analyzer.
 * - Changes and sensitive work (LA-3, LA-4): AWS Config recorder, EventBridge notifications.
 * - Detection and defaults (DM-1, DM-5, CF-3, OP-2, CM-4): GuardDuty, Security Hub, EBS encryption by
 *   default, S3 account-level public access block, patch-compliance rules.
 * - Backups (OP-3, CF-2): AWS Backup vault and plan for resources tagged `backup` = `true`.
 * - Attestations: a Config process-check rule per item a person signs off.
 *
 * Every notification goes to one KMS-encrypted, TLS-only SNS topic (`topic`) with the managers' email
 * subscriptions. The stack synthesizes with no unacknowledged finding under FinTechChecks and cdk-nag's
 * AwsSolutionsChecks; the acknowledgments it makes carry their reasons.
 */
export class FinTechAccountBaseline extends Stack {
  /** The topic every notification goes to. */
  public readonly topic: sns.Topic;

  /** The KMS key of the topic. */
  public readonly notificationKey: kms.Key;

  /** The write-once log archive (CloudTrail and any log group you ship with `archive.addLogGroup`). */
  public readonly archive: WriteOnceLogArchive;

  /** The account's trail, unless `accountTrail` is false. */
  public readonly trail?: cloudtrail.Trail;

  /** Root-use notifications. */
  public readonly rootLoginNotification: RootLoginNotification;

  /** The everyday roles. */
  public readonly roles: BaselineRoles;

  /** The AWS Config recorder, unless `configRecorder` is false. */
  public readonly configRecorder?: config.CfnConfigurationRecorder;

  /** The bucket that receives the AWS Config history, unless `configRecorder` is false. */
  public readonly configBucket?: s3.Bucket;

  /** The AWS Config managed rules, by identifier. */
  public readonly configRules: Readonly<Record<string, config.ManagedRule>>;

  /** The process-check rules, by item ID. */
  public readonly attestationRules: Readonly<Record<string, config.CfnConfigRule>>;

  /** The EventBridge rules that notify, by construct ID. */
  public readonly notificationRules: Readonly<Record<string, events.Rule>>;

  /** The GuardDuty detector, unless `guardDuty` is false. */
  public readonly guardDutyDetector?: guardduty.CfnDetector;

  /** The Security Hub hub, unless `securityHub` is false. */
  public readonly securityHub?: securityhub.CfnHub;

  /** The IAM Access Analyzer, unless `accessAnalyzer` is false. */
  public readonly accessAnalyzer?: accessanalyzer.CfnAnalyzer;

  /** The backup vault, unless `backup` is false. */
  public readonly backupVault?: backup.BackupVault;

  /** The backup plan, unless `backup` is false. */
  public readonly backupPlan?: backup.BackupPlan;

  /** The forwarder of global events in us-east-1, when this baseline created one. */
  public readonly globalEventForwarder?: GlobalEventForwarderStack;

  private readonly rules: Record<string, events.Rule> = {};
  private readonly managedRules: Record<string, config.ManagedRule> = {};
  private readonly processChecks: Record<string, config.CfnConfigRule> = {};
  private readonly classification: string;

  /** The prefix of the everyday roles' names. */
  protected readonly roleNamePrefix: string;

  constructor(scope: Construct, id: string, props: FinTechAccountBaselineProps) {
    super(scope, id, props);
    const emails = validateEmails(this, props?.managerEmails);
    const passwordPolicy = validatePasswordPolicy(this, props.passwordPolicy ?? DEFAULT_PASSWORD_POLICY);
    const maxSession = props.maxSessionDuration ?? Duration.hours(1);
    validateSession(this, maxSession);
    const accountSettings = props.accountSettings ?? 'enforce';
    if (accountSettings !== 'enforce' && accountSettings !== 'detect') {
      throw new FinTechGuardrailsError(`${this.node.path}: accountSettings must be 'enforce' or 'detect', got '${String(accountSettings)}'.`);
    }
    const minSeverity = props.guardDutyMinSeverity ?? 4;
    if (!Token.isUnresolved(minSeverity) && (typeof minSeverity !== 'number' || minSeverity < 1 || minSeverity >= 9)) {
      throw new FinTechGuardrailsError(
        `${this.node.path}: guardDutyMinSeverity must be from 1 to 8.9, got ${String(minSeverity)}. Fix: 4 (medium) or 7 (high).`,
      );
    }
    this.classification = props.dataClassification ?? 'confidential';
    this.roleNamePrefix = props.roleNamePrefix ?? 'FinTech';

    // ---- Notifications: one encrypted, TLS-only topic --------------------------------------------
    this.notificationKey = new kms.Key(this, 'NotificationKey', {
      description: `Encrypts the notifications of the FinTech account baseline ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // AWS services publish to an encrypted topic only if they may use its key (SNS developer guide,
    // "compatibility between event sources and encrypted topics"). Only these services, only these actions.
    this.notificationKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowNotifyingServicesToPublishEncrypted',
        principals: [
          new iam.ServicePrincipal('events.amazonaws.com'),
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('backup.amazonaws.com'),
        ],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Notifications', {
      displayName: 'FinTech baseline / セキュリティ通知',
      masterKey: this.notificationKey,
      enforceSSL: true,
    });
    for (const email of emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));

    // ---- Audit trail and write-once archive (LA-1, LA-2, EX-1) ----------------------------------
    this.archive = new WriteOnceLogArchive(this, 'LogArchive', {
      retention: props.archiveRetention,
      objectLockMode: props.archiveObjectLockMode,
      dataClassification: this.classification,
    });
    if (props.organizationTrail) {
      if (props.accountTrail === false) {
        throw new FinTechGuardrailsError(
          `${this.node.path}: organizationTrail and accountTrail: false contradict each other. Fix: leave accountTrail unset with organizationTrail.`,
        );
      }
      this.trail = this.createOrganizationTrail(props.organizationTrail, props.trailLogRetention ?? logs.RetentionDays.ONE_YEAR);
    } else if (props.accountTrail !== false) {
      this.trail = this.archive.addTrail({
        cloudWatchLogs: true,
        cloudWatchLogsRetention: props.trailLogRetention ?? logs.RetentionDays.ONE_YEAR,
      });
      if (this.trail.logGroup) Tags.of(this.trail.logGroup).add(DATA_CLASSIFICATION_TAG, this.classification);
    }

    // ---- Root (CA-2, CA-3, EX-1) -----------------------------------------------------------------
    this.rootLoginNotification = new RootLoginNotification(this, 'RootLogin', {
      topic: this.topic,
      cloudTrailLogGroup: this.trail?.logGroup,
    });
    const forwarding = props.globalEventForwarding ?? 'stack';
    this.globalEventForwarder = this.forwardGlobalEvents(forwarding, props);

    // ---- People (CA-1, CA-4, CA-5, CA-6) ---------------------------------------------------------
    this.roles = this.createRoles(props, maxSession);

    // ---- AWS Config: recorder, delivery channel and rules (LA-3) --------------------------------
    let recorder: config.CfnConfigurationRecorder | undefined;
    if (props.configRecorder !== false) {
      const { recorder: r, bucket } = this.createConfigRecorder();
      recorder = r;
      this.configRecorder = r;
      this.configBucket = bucket;
      this.grantAuditorRead(bucket);
    }
    this.grantAuditorRead(this.archive.bucket);
    this.createManagedRules(passwordPolicy, recorder);
    if (props.attestationRules !== false) this.createAttestationRules(recorder);

    // ---- Account-wide secure defaults (DM-1, DM-5, CA-1) ----------------------------------------
    if (accountSettings === 'enforce') this.enforceAccountSettings(passwordPolicy);

    // ---- Detection (DM-5, CF-3, OP-2) ------------------------------------------------------------
    if (props.guardDuty !== false) {
      this.guardDutyDetector = new guardduty.CfnDetector(this, 'GuardDuty', {
        enable: true,
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
        features: (props.guardDutyFeatures ?? DEFAULT_GUARDDUTY_FEATURES).map((name) => ({ name, status: 'ENABLED' })),
      });
    }
    // Findings are notified even when another deployment manages the detector.
    this.notify('GuardDutyFindingRule', {
      description: 'GuardDuty finding (fintech-guardrails DM-5, CF-3, OP-2)',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: { severity: events.Match.greaterThanOrEqual(minSeverity) },
      },
    }, guardDutyMessage());
    if (props.securityHub !== false) this.securityHub = this.enableSecurityHub(props.securityHubStandards, recorder);
    if (props.accessAnalyzer !== false) {
      this.accessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', { type: 'ACCOUNT' });
      this.notify('AccessAnalyzerFindingRule', {
        description: 'IAM Access Analyzer found access from outside the account (fintech-guardrails DM-5, CA-5)',
        eventPattern: {
          source: ['aws.access-analyzer'],
          detailType: ['Access Analyzer Finding'],
          detail: { status: ['ACTIVE'] },
        },
      }, accessAnalyzerMessage());
    }

    // ---- Configuration changes and sensitive work (LA-3, LA-4) ----------------------------------
    for (const activity of CONFIGURATION_CHANGES) this.watch(activity);
    const logBuckets = [this.archive.bucket.bucketName, this.archive.accessLogsBucket.bucketName];
    if (this.configBucket) logBuckets.push(this.configBucket.bucketName);
    this.watch(LOG_BUCKET_CHANGES, { requestParameters: { bucketName: logBuckets } });
    for (const activity of SENSITIVE_WORK) this.watch(activity);
    this.alarmOnRoleUse('AdministratorRoleUsed', [`${this.roleNamePrefix}Administrator`], {
      en: 'The break-glass administrator role was assumed (fintech-guardrails LA-4, CA-4).',
      ja: '管理者ロール（緊急用）が引き受けられました。',
    });

    // ---- Backups (OP-3, CF-2) --------------------------------------------------------------------
    if (props.backup !== false) {
      const { vault, plan } = this.createBackups(props.backupVaultLock);
      this.backupVault = vault;
      this.backupPlan = plan;
    }

    this.notificationRules = this.rules;
    this.configRules = this.managedRules;
    this.attestationRules = this.processChecks;
    this.denyEngineersTampering();
    this.acknowledgeCustomResourceSingleton();
  }

  // ------------------------------------------------------------------------------------------------

  /**
   * A multi-region organization trail with log file validation into the central write-once archive,
   * encrypted with the archive's key, and copied into an encrypted CloudWatch Logs group of this
   * account for the root-usage and administrator alarms (which then cover every account).
   */
  private createOrganizationTrail(options: OrganizationTrailOptions, retention: logs.RetentionDays): cloudtrail.Trail {
    validateOrganizationId(this.node.path, options.organizationId);
    const key = new kms.Key(this, 'OrganizationTrailLogsKey', {
      description: `Encrypts the CloudWatch Logs copy of the organization trail (${this.node.path})`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsToUseKey',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` },
        },
      }),
    );
    const logGroup = new logs.LogGroup(this, 'OrganizationTrailLogs', {
      encryptionKey: key,
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    logGroup.node.addDependency(key);
    Tags.of(logGroup).add(DATA_CLASSIFICATION_TAG, this.classification);
    const trailName = options.trailName ?? 'fintech-guardrails-organization';
    const trail = new cloudtrail.Trail(this, 'OrganizationTrail', {
      trailName,
      bucket: s3.Bucket.fromBucketName(this, 'CentralArchive', options.bucketName),
      encryptionKey: kms.Key.fromKeyArn(this, 'CentralArchiveKey', options.encryptionKeyArn),
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: logGroup,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      isOrganizationTrail: true,
      orgId: options.organizationId,
    });
    Validations.of(trail).acknowledge({
      id: 'FinTechChecks::FTG-CT-4',
      reason:
        `The organization trail writes into the central archive ${options.bucketName} in the log-archive account, built by ` +
        'FinTechLogArchiveStack with WriteOnceLogArchive (S3 Object Lock in COMPLIANCE mode); a bucket of another account cannot be seen in this template.',
    });
    return trail;
  }

  private forwardGlobalEvents(forwarding: GlobalEventForwarding, props: FinTechAccountBaselineProps): GlobalEventForwarderStack | undefined {
    if (forwarding !== 'stack' && forwarding !== 'external' && forwarding !== 'none') {
      throw new FinTechGuardrailsError(
        `${this.node.path}: globalEventForwarding must be 'stack', 'external' or 'none', got '${String(forwarding)}'.`,
      );
    }
    const regionKnown = !Token.isUnresolved(this.region);
    if (regionKnown && this.region === ROOT_SIGN_IN_REGION) return undefined;
    if (forwarding === 'external') {
      Validations.of(this.rootLoginNotification).acknowledge({
        id: 'fintech-guardrails:rootLoginRegion',
        reason:
          'globalEventForwarding is "external": another deployment (the organization form rolls out GlobalEventForwarderStack ' +
          `with a StackSet in ${GLOBAL_EVENTS_REGION}) forwards root console sign-ins to this region's default event bus.`,
      });
      return undefined;
    }
    if (forwarding === 'none' || !regionKnown) return undefined;
    const stage = Stage.of(this);
    if (!stage) return undefined;
    const forwarder = new GlobalEventForwarderStack(stage, `${this.node.id}GlobalEvents`, {
      env: { account: props.env?.account, region: GLOBAL_EVENTS_REGION },
      homeRegion: this.region,
      description: `Forwards console sign-in and IAM events from ${GLOBAL_EVENTS_REGION} to the FinTech baseline ${this.stackName} in ${this.region}`,
    });
    Validations.of(this.rootLoginNotification).acknowledge({
      id: 'fintech-guardrails:rootLoginRegion',
      reason: `The stack ${forwarder.stackName} (GlobalEventForwarderStack, created with this baseline) forwards root console sign-ins from ${GLOBAL_EVENTS_REGION} to this region.`,
    });
    return forwarder;
  }

  /**
   * The everyday roles, apart from root (CA-4). Each can only be assumed with MFA (CA-1) by principals
   * of `trustedAccountId`, for at most `maxSessionDuration`; each has the access level of one job,
   * documented on `BaselineRoles` (CA-5). People assume them under their own identity, so CloudTrail
   * always says who acted (CA-6: no shared accounts).
   */
  private createRoles(props: FinTechAccountBaselineProps, maxSessionDuration: Duration): BaselineRoles {
    const trusted = props.trustedAccountId ?? this.account;
    if (props.trustedAccountId !== undefined && !Token.isUnresolved(trusted) && !/^\d{12}$/.test(trusted)) {
      throw new FinTechGuardrailsError(
        `${this.node.path}: trustedAccountId must be a 12-digit AWS account ID, got '${trusted}'.`,
      );
    }
    const prefix = this.roleNamePrefix;
    if (!Token.isUnresolved(prefix) && !/^[\w+=,.@-]{0,40}$/.test(prefix)) {
      throw new FinTechGuardrailsError(
        `${this.node.path}: roleNamePrefix may hold at most 40 letters, digits or +=,.@_- characters, got '${prefix}'.`,
      );
    }
    const assumedBy = () =>
      new iam.AccountPrincipal(trusted).withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
    const role = (id: string, name: string, description: string, policy: string) => {
      const r = new iam.Role(this, id, {
        roleName: `${prefix}${name}`,
        assumedBy: assumedBy(),
        maxSessionDuration,
        description,
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(policy)],
      });
      Validations.of(r).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
        reason:
          `${policy} is the AWS job-function policy for this job (CA-5: the access level is documented per job). AWS keeps it ` +
          'current as services add actions, which a hand-written copy would not be; the role can only be assumed with MFA.',
      });
      return r;
    };

    const administrator = role(
      'AdministratorRole',
      'Administrator',
      'Break-glass everyday administrator (AdministratorAccess). MFA required; every assumption is notified. Not root. (fintech-guardrails CA-4, CA-5)',
      'AdministratorAccess',
    );
    Validations.of(administrator).acknowledge({
      id: 'FinTechChecks::FTG-IAM-6',
      reason:
        'The break-glass everyday administrator of the account baseline (CA-4: everyday privileged ID apart from root). ' +
        'Only people of the trusted account with MFA can assume it, sessions end after maxSessionDuration, and every ' +
        'assumption is notified to the managers by a CloudTrail metric alarm (AdministratorRoleUsedAlarm here, or the ' +
        "organization trail's alarm in the management account for member accounts). Day-to-day work uses the engineer role.",
    });

    const engineer = role(
      'EngineerRole',
      'Engineer',
      'Builds and runs workloads: PowerUserAccess (no IAM, Organizations or account settings) and cannot switch off the baseline. MFA required. (fintech-guardrails CA-4, CA-5)',
      'PowerUserAccess',
    );
    const readOnly = role(
      'ReadOnlyRole',
      'ReadOnly',
      'Looks at everything, changes nothing (ReadOnlyAccess). MFA required. (fintech-guardrails CA-5)',
      'ReadOnlyAccess',
    );
    const auditor = role(
      'AuditorRole',
      'Auditor',
      'Audits security configuration (SecurityAudit) and reads the log archive and Config history. MFA required. (fintech-guardrails CA-5, LA-1)',
      'SecurityAudit',
    );
    return { administrator, engineer, readOnly, auditor };
  }

  /** The auditor reads (never writes or deletes) a log store and decrypts it through S3 only. */
  private grantAuditorRead(bucket: s3.IBucket): void {
    const auditor = this.roles.auditor;
    auditor.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketLocation'],
        resources: [bucket.bucketArn],
      }),
    );
    auditor.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
    if (bucket.encryptionKey) {
      auditor.addToPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [bucket.encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
        }),
      );
    }
    const ref = `<${this.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    Validations.of(auditor).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${ref}/*]`,
      reason:
        'The auditor reads every log object of this store (CloudTrail, AWS Config and Firehose name the objects); the grant is read-only, ' +
        'and Object Lock plus the bucket policy stop anyone but root from changing or deleting logs.',
    });
  }

  /**
   * The AWS Config recorder (all supported resource types, global ones included) with the documented
   * service role, and its delivery channel into a bucket of its own: Config cannot deliver into a bucket
   * with an Object Lock default retention, so the history is not in the archive.
   */
  private createConfigRecorder(): { recorder: config.CfnConfigurationRecorder; bucket: s3.Bucket } {
    const key = new kms.Key(this, 'ConfigHistoryKey', {
      description: `Encrypts the AWS Config history of the FinTech account baseline ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = new s3.Bucket(this, 'ConfigHistory', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: 'ExpireReplacedVersions', noncurrentVersionExpiration: Duration.days(365) },
      ],
    });
    Tags.of(bucket).add(DATA_CLASSIFICATION_TAG, this.classification);
    bucket.policy?.applyRemovalPolicy(RemovalPolicy.RETAIN);

    // S3 server access logs go to the archive's access-log bucket, under their own prefix, through
    // its bucket policy (the archive's bucket policy only lets root change it after the first deployment).
    const prefix = 'config-history/';
    (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: this.archive.accessLogsBucket.bucketName,
      logFilePrefix: prefix,
      targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
    };
    this.archive.accessLogsBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigHistoryAccessLogsDelivery',
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.archive.accessLogsBucket.arnForObjects(`${prefix}*`)],
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': this.account },
        },
      }),
    );

    const deliveryPrefix = bucket.arnForObjects(`AWSLogs/${this.account}/Config/*`);
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': this.account } };
    const configService = new iam.ServicePrincipal('config.amazonaws.com');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketPermissionsCheck',
      principals: [configService],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: fromThisAccount,
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketDelivery',
      principals: [configService],
      actions: ['s3:PutObject'],
      resources: [deliveryPrefix],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': this.account } },
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigEncryptsHistory',
      principals: [configService],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: fromThisAccount,
    }));

    const role = new iam.Role(this, 'ConfigRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', { conditions: fromThisAccount }),
      description: 'AWS Config recorder role (AWS_ConfigRole) that also delivers the history (fintech-guardrails LA-3)',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [bucket.bucketArn] }));
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: [deliveryPrefix],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
        reason:
          'AWS_ConfigRole is the documented policy of an AWS Config recorder role: it lets Config read the configuration of every ' +
          'supported resource type, and AWS adds new types to it. A hand-written copy would silently stop recording new types.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/AWSLogs/${nagAccount(this)}/Config/*]`,
        reason:
          'AWS Config names the history and snapshot objects it delivers (date paths, generated names) under this documented prefix; ' +
          'the role may only put objects there, with bucket-owner-full-control.',
      },
    );

    const recorder = new config.CfnConfigurationRecorder(this, 'ConfigRecorder', {
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new config.CfnDeliveryChannel(this, 'ConfigDeliveryChannel', {
      s3BucketName: bucket.bucketName,
      s3KmsKeyArn: key.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    // PutDeliveryChannel needs an existing recorder; CloudFormation starts the recorder once a channel exists.
    channel.addResourceDependency(recorder);
    if (bucket.policy) channel.node.addDependency(bucket.policy);
    return { recorder, bucket };
  }

  private managedRule(
    identifier: string,
    items: string[],
    recorder: config.CfnConfigurationRecorder | undefined,
    inputParameters?: Record<string, string>,
  ): config.ManagedRule {
    const name = `fintech-${identifier.toLowerCase().replace(/_/g, '-')}`;
    const rule = new config.ManagedRule(this, constructIdOf(identifier), {
      identifier,
      configRuleName: name,
      description: `${identifier} (fintech-guardrails ${items.join(', ')}: ${items.map((i) => getItem(i).en).join(' / ')})`.slice(0, 256),
      inputParameters,
    });
    if (recorder) rule.node.addDependency(recorder);
    this.managedRules[identifier] = rule;
    return rule;
  }

  private createManagedRules(policy: PasswordPolicy, recorder: config.CfnConfigurationRecorder | undefined): void {
    const id = config.ManagedRuleIdentifiers;
    // Root (CA-2, EX-1)
    this.managedRule(id.ROOT_ACCOUNT_MFA_ENABLED, ['CA-2', 'EX-1'], recorder);
    this.managedRule(id.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED, ['CA-2', 'EX-1'], recorder);
    this.managedRule(id.IAM_ROOT_ACCESS_KEY_CHECK, ['CA-4', 'EX-1'], recorder);
    // People (CA-1, CA-6)
    this.managedRule(id.IAM_USER_MFA_ENABLED, ['CA-1'], recorder);
    this.managedRule(id.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS, ['CA-1'], recorder);
    this.managedRule(id.IAM_USER_UNUSED_CREDENTIALS_CHECK, ['CA-6', 'CA-5'], recorder, { maxCredentialUsageAge: '90' });
    this.managedRule(id.IAM_PASSWORD_POLICY, ['CA-1'], recorder, {
      RequireUppercaseCharacters: 'true',
      RequireLowercaseCharacters: 'true',
      RequireSymbols: 'true',
      RequireNumbers: 'true',
      MinimumPasswordLength: String(policy.minimumPasswordLength),
      PasswordReusePrevention: String(policy.passwordReusePrevention),
      MaxPasswordAge: String(policy.maxPasswordAge),
    });
    // Account-wide defaults (DM-1, DM-5): watched whether or not the baseline sets them.
    this.managedRule(id.EC2_EBS_ENCRYPTION_BY_DEFAULT, ['DM-1'], recorder);
    this.managedRule(id.S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC, ['DM-5'], recorder);
    // Patching (CM-4, CF-3)
    this.managedRule(id.EC2_INSTANCE_MANAGED_BY_SSM, ['CM-4'], recorder);
    this.managedRule(id.EC2_MANAGED_INSTANCE_PATCH_COMPLIANCE_STATUS_CHECK, ['CM-4', 'CF-3'], recorder);
  }

  /**
   * One AWS Config process-check rule per catalog item a person signs off (coverage `attest`), named
   * `fintech-<item>` and described with the item's texts, so that those items also appear, and can be
   * marked, in the account's compliance view.
   */
  private createAttestationRules(recorder: config.CfnConfigurationRecorder | undefined): void {
    for (const item of attestationItems()) {
      const rule = new config.CfnConfigRule(this, `Attest${item.id.replace(/[^A-Za-z0-9]/g, '')}`, {
        configRuleName: attestationRuleName(item.id),
        description: attestationRuleDescription(item),
        source: { owner: 'AWS', sourceIdentifier: 'AWS_CONFIG_PROCESS_CHECK' },
      });
      if (recorder) rule.addResourceDependency(recorder);
      this.processChecks[item.id] = rule;
    }
  }

  /** IAM password policy, EBS encryption by default, S3 account-level public access block. */
  private enforceAccountSettings(policy: PasswordPolicy): void {
    const setting = (id: string, resourceType: string, call: cr.AwsSdkCall, actions: string[], why: string) => {
      const resource = new cr.AwsCustomResource(this, id, {
        resourceType,
        onCreate: call,
        onUpdate: call,
        // Nothing on delete: deleting the baseline must not weaken the account.
        policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions, resources: ['*'] })]),
        installLatestAwsSdk: false,
      });
      Validations.of(resource).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${actions.join(', ')} ${why}: the action has no resource type in IAM, so the only possible Resource is "*". The policy allows this one action and nothing else.`,
      });
      return resource;
    };
    setting('PasswordPolicy', 'Custom::IamPasswordPolicy', {
      service: 'IAM',
      action: 'updateAccountPasswordPolicy',
      parameters: {
        MinimumPasswordLength: policy.minimumPasswordLength,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        MaxPasswordAge: policy.maxPasswordAge,
        PasswordReusePrevention: policy.passwordReusePrevention,
        HardExpiry: false,
      },
      physicalResourceId: cr.PhysicalResourceId.of('account-password-policy'),
    }, ['iam:UpdateAccountPasswordPolicy'], 'sets the account password policy');
    setting('EbsEncryptionByDefault', 'Custom::EbsEncryptionByDefault', {
      service: 'EC2',
      action: 'enableEbsEncryptionByDefault',
      physicalResourceId: cr.PhysicalResourceId.of('ebs-encryption-by-default'),
    }, ['ec2:EnableEbsEncryptionByDefault'], 'turns on EBS encryption by default for the account in this region');
    setting('S3AccountPublicAccessBlock', 'Custom::S3AccountPublicAccessBlock', {
      service: 'S3Control',
      action: 'putPublicAccessBlock',
      parameters: {
        AccountId: this.account,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      },
      physicalResourceId: cr.PhysicalResourceId.of('s3-account-public-access-block'),
    }, ['s3:PutAccountPublicAccessBlock'], 'blocks public access to S3 for the whole account');
  }

  private acknowledgeCustomResourceSingleton(): void {
    const singleton = this.node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON);
    if (!singleton) return;
    Validations.of(singleton).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'The AwsCustomResource singleton function of aws-cdk-lib (code, runtime and role maintained with the library) only writes its ' +
        'own CloudWatch Logs with this policy; it makes three account-setting calls and handles no customer data.',
    });
  }

  private enableSecurityHub(standards: SecurityHubStandard[] | undefined, recorder?: config.CfnConfigurationRecorder): securityhub.CfnHub {
    const hub = new securityhub.CfnHub(this, 'SecurityHub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    for (const standard of standards ?? [SecurityHubStandard.FOUNDATIONAL_BEST_PRACTICES, SecurityHubStandard.CIS_3_0]) {
      const s = new securityhub.CfnStandard(this, standard.id, { standardsArn: standard.arnIn(this) });
      s.addResourceDependency(hub);
      // Security Hub's controls are evaluated by AWS Config rules: record first.
      if (recorder) s.addResourceDependency(recorder);
    }
    return hub;
  }

  /** Daily backups kept 35 days and monthly backups kept one year of the resources tagged `backup` = `true`. */
  private createBackups(lock: BackupVaultLockOptions | undefined): { vault: backup.BackupVault; plan: backup.BackupPlan } {
    const daily = Duration.days(35);
    const monthly = Duration.days(365);
    if (lock) validateVaultLock(this, lock, daily, monthly);
    const key = new kms.Key(this, 'BackupKey', {
      description: `Encrypts the backups of the FinTech account baseline ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const vault = new backup.BackupVault(this, 'BackupVault', {
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      blockRecoveryPointDeletion: true,
      notificationTopic: this.topic,
      notificationEvents: [
        backup.BackupVaultEvents.RESTORE_JOB_STARTED,
        backup.BackupVaultEvents.RESTORE_JOB_COMPLETED,
        backup.BackupVaultEvents.COPY_JOB_FAILED,
        backup.BackupVaultEvents.RECOVERY_POINT_MODIFIED,
      ],
      lockConfiguration: lock
        ? { minRetention: lock.minRetention, maxRetention: lock.maxRetention, changeableFor: lock.changeableFor }
        : undefined,
    });
    Tags.of(vault).add(DATA_CLASSIFICATION_TAG, this.classification);
    const plan = new backup.BackupPlan(this, 'BackupPlan', {
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily35Days',
          // 17:00 UTC = 02:00 in Japan.
          scheduleExpression: events.Schedule.cron({ hour: '17', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: daily,
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly1Year',
          scheduleExpression: events.Schedule.cron({ day: '1', hour: '17', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: monthly,
        }),
      ],
    });
    const selection = plan.addSelection('Tagged', {
      resources: [backup.BackupResource.fromTag(BACKUP_TAG.key, BACKUP_TAG.value)],
      allowRestores: true,
    });
    Validations.of(selection).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason:
          'The documented service role policy for AWS Backup: it covers every resource type Backup supports and AWS updates it with them. ' +
          'Only the AWS Backup service can assume the role.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        reason:
          'The documented service role policy for AWS Backup restores (a recovery plan that cannot restore is no plan, CF-2). ' +
          'Only the AWS Backup service can assume the role, and every restore is notified.',
      },
    );
    this.notify('BackupJobFailedRule', {
      description: 'An AWS Backup job failed (fintech-guardrails OP-3, CF-2)',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
      },
    }, backupMessage());
    return { vault, plan };
  }

  /** An EventBridge rule that notifies `activity` with its bilingual message. */
  private watch(activity: WatchedActivity, extraDetail?: Record<string, unknown>): events.Rule {
    return this.notify(activity.id, {
      description: `${activity.title.en} (fintech-guardrails ${activity.items.join(', ')})`,
      eventPattern: activityPattern(activity, extraDetail),
    }, activityMessage(activity));
  }

  private notify(id: string, props: events.RuleProps, message: events.RuleTargetInput): events.Rule {
    const rule = new events.Rule(this, id, props);
    rule.addTarget(new targets.SnsTopic(this.topic, { message }));
    this.rules[id] = rule;
    return rule;
  }

  /**
   * An alarm to the topic whenever a role named one of `roleNames` is assumed, in any account the
   * trail records (CloudTrail does not send AssumeRole to EventBridge, so a metric filter on the trail's
   * log group does it; an organization trail covers every account). Needs a trail with a log group.
   */
  protected alarmOnRoleUse(id: string, roleNames: readonly string[], description: LocalizedText): cloudwatch.Alarm | undefined {
    const logGroup = this.trail?.logGroup;
    if (!logGroup || roleNames.length === 0) return undefined;
    const roles = roleNames.map((n) => `($.requestParameters.roleArn = "*:role/${n}")`).join(' || ');
    const filter = new logs.MetricFilter(this, `${id}Filter`, {
      logGroup,
      filterPattern: logs.FilterPattern.literal(`{ ($.eventName = "AssumeRole") && (${roles}) }`),
      metricNamespace: 'FinTechGuardrails',
      metricName: id,
      metricValue: '1',
      defaultValue: 0,
    });
    const alarm = new cloudwatch.Alarm(this, `${id}Alarm`, {
      alarmDescription: alarmDescription(description),
      metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `Allow${id}AlarmToPublish`,
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': alarm.alarmArn },
          StringEquals: { 'aws:SourceAccount': this.account },
        },
      }),
    );
    return alarm;
  }

  /** The engineer cannot switch off or weaken what the baseline set up. */
  private denyEngineersTampering(): void {
    const engineer = this.roles.engineer;
    engineer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenySwitchingOffTheBaseline',
        effect: iam.Effect.DENY,
        actions: [...ENGINEER_DENIED_ACTIONS],
        resources: ['*'],
      }),
    );
    const keys = [this.notificationKey, this.archive.encryptionKey, ...keysOf(this)];
    engineer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenyDisablingBaselineKeys',
        effect: iam.Effect.DENY,
        actions: ['kms:DisableKey', 'kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:DisableKeyRotation'],
        resources: [...new Set(keys.map((k) => k.keyArn))],
      }),
    );
    engineer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenySilencingNotifications',
        effect: iam.Effect.DENY,
        actions: ['sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:RemovePermission', 'sns:Subscribe', 'sns:Unsubscribe'],
        resources: [this.topic.topicArn],
      }),
    );
    engineer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenyChangingNotificationRules',
        effect: iam.Effect.DENY,
        actions: ['events:DeleteRule', 'events:DisableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: Object.values(this.rules).map((r) => r.ruleArn).concat(
          this.rootLoginNotification.consoleSignInRule.ruleArn,
          this.rootLoginNotification.apiCallRule.ruleArn,
        ),
      }),
    );
  }
}

/** How cdk-nag writes this stack's account in finding IDs. */
function nagAccount(stack: Stack): string {
  return Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
}

function keysOf(stack: FinTechAccountBaseline): kms.IKey[] {
  const out: kms.IKey[] = [];
  for (const id of ['ConfigHistoryKey', 'BackupKey', 'OrganizationTrailLogsKey']) {
    const k = stack.node.tryFindChild(id);
    if (k instanceof kms.Key) out.push(k);
  }
  return out;
}

function constructIdOf(identifier: string): string {
  return identifier
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('') + 'Rule';
}

function validateEmails(scope: IConstruct, emails: unknown): string[] {
  if (!Array.isArray(emails) || emails.length === 0) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: managerEmails needs at least one address, got ${JSON.stringify(emails)}. ` +
        "Fix: managerEmails: ['security@example.co.jp'] (the managers who must hear about root use and sensitive work).",
    );
  }
  const out: string[] = [];
  const seen = new Set<string>();
  emails.forEach((email, i) => {
    if (typeof email === 'string' && Token.isUnresolved(email)) {
      out.push(email);
      return;
    }
    if (typeof email !== 'string' || !EMAIL.test(email)) {
      throw new FinTechGuardrailsError(
        `${scope.node.path}: managerEmails[${i}] does not look like an email address: '${String(email)}'. Fix: give addresses like 'security@example.co.jp'.`,
      );
    }
    const normalized = email.toLowerCase();
    if (!seen.has(normalized)) {
      seen.add(normalized);
      out.push(email);
    }
  });
  return out;
}

function validatePasswordPolicy(scope: IConstruct, policy: PasswordPolicy): PasswordPolicy {
  const problems: string[] = [];
  const { minimumPasswordLength: len, passwordReusePrevention: reuse, maxPasswordAge: age } = policy;
  if (!Number.isInteger(len) || len < 14 || len > 128) problems.push(`minimumPasswordLength ${len} (14 to 128)`);
  if (!Number.isInteger(reuse) || reuse < 24 || reuse > 24) problems.push(`passwordReusePrevention ${reuse} (24, the IAM maximum)`);
  if (!Number.isInteger(age) || age < 1 || age > 90) problems.push(`maxPasswordAge ${age} (1 to 90 days)`);
  if (problems.length) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: passwordPolicy is weaker than the baseline allows or out of range: ${problems.join(', ')}. ` +
        'Fix: leave passwordPolicy unset (DEFAULT_PASSWORD_POLICY) or make it stricter.',
    );
  }
  return policy;
}

function validateSession(scope: IConstruct, d: Duration): void {
  if (d.isUnresolved()) return;
  const seconds = d.toSeconds();
  if (seconds < 3600 || seconds > 43200) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: maxSessionDuration must be from 1 to 12 hours, got ${d.toHumanString()}. Fix: Duration.hours(1).`,
    );
  }
}

function validateVaultLock(scope: IConstruct, lock: BackupVaultLockOptions, daily: Duration, monthly: Duration): void {
  const days = (d: Duration) => d.toDays({ integral: false });
  if (!lock.minRetention.isUnresolved() && days(lock.minRetention) > days(daily)) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: backupVaultLock.minRetention is ${lock.minRetention.toHumanString()}, longer than the daily backups are kept ` +
        `(${daily.toHumanString()}), so every daily backup would fail. Fix: at most Duration.days(35).`,
    );
  }
  if (lock.maxRetention && !lock.maxRetention.isUnresolved() && days(lock.maxRetention) < days(monthly)) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: backupVaultLock.maxRetention is ${lock.maxRetention.toHumanString()}, shorter than the monthly backups are kept ` +
        `(${monthly.toHumanString()}), so every monthly backup would fail. Fix: at least Duration.days(365).`,
    );
  }
  if (lock.changeableFor && !lock.changeableFor.isUnresolved() && days(lock.changeableFor) < 3) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: backupVaultLock.changeableFor must be at least 3 days (AWS Backup's cooling-off time), got ${lock.changeableFor.toHumanString()}.`,
    );
  }
  if (!lock.changeableFor) {
    Annotations.of(scope).addInfo(
      'fintech-guardrails: backupVaultLock without changeableFor is in governance mode: users with the right IAM permissions can remove it.',
    );
  }
}

const F = eventField;

function guardDutyMessage(): events.RuleTargetInput {
  return alertMessage({
    title: { ja: '【GuardDuty】脅威の可能性がある検出結果があります', en: '[GuardDuty] A possible threat was found' },
    lines: [
      field('種類', 'Type', F('$.detail.type')),
      field('重大度', 'Severity', F('$.detail.severity')),
      field('概要', 'Title', F('$.detail.title')),
      field('リソース', 'Resource', F('$.detail.resource.resourceType')),
      accountAndRegion(),
      field('検出 ID', 'Finding ID', F('$.detail.id')),
    ],
    advice: {
      ja: 'インシデント対応手順に従って調査し、対応を記録してください。',
      en: 'Investigate following your incident procedure and record what you did.',
    },
    items: ['DM-5', 'CF-3', 'OP-2'],
  });
}

function accessAnalyzerMessage(): events.RuleTargetInput {
  return alertMessage({
    title: { ja: '【Access Analyzer】アカウント外からアクセスできるリソースがあります', en: '[Access Analyzer] A resource can be reached from outside the account' },
    lines: [
      field('リソース', 'Resource', `${F('$.detail.resource')} (${F('$.detail.resourceType')})`),
      field('公開', 'Public', F('$.detail.isPublic')),
      accountAndRegion(),
    ],
    advice: {
      ja: '意図した共有でなければアクセスを取り消してください。意図した共有ならアーカイブして理由を記録してください。',
      en: 'Revoke the access unless the sharing is intended; if it is, archive the finding and record why.',
    },
    items: ['DM-5', 'CA-5'],
  });
}

function backupMessage(): events.RuleTargetInput {
  return alertMessage({
    title: { ja: '【AWS Backup】バックアップジョブが失敗しました', en: '[AWS Backup] A backup job did not complete' },
    lines: [
      field('状態', 'State', F('$.detail.state')),
      field('リソース', 'Resource', F('$.detail.resourceArn')),
      field('ジョブ', 'Job', F('$.detail.backupJobId')),
      field('理由', 'Reason', F('$.detail.statusMessage')),
      accountAndRegion(),
    ],
    advice: {
      ja: '次回のバックアップまでに原因を取り除いてください。',
      en: 'Fix the cause before the next scheduled backup.',
    },
    items: ['OP-3', 'CF-2'],
  });
}
