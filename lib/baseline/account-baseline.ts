import { Duration, Stack } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { LocalizedText } from '../catalog';
import { RootLoginNotification } from '../constructs/root-login-notification';
import { WriteOnceLogArchive } from '../constructs/write-once-log-archive';
import { BaselineRoles, DEFAULT_PASSWORD_POLICY, FinTechAccountBaselineProps } from './account-baseline-props';
import { GuidelineConformancePack } from './conformance-pack';
import { GlobalEventForwarderStack } from './global-event-forwarder';
import { GuardRulesHook } from './guard-hook';
import {
  acknowledgeCustomResourceSingleton,
  enforceAccountSettings,
  validateAccountSettingsMode,
  validatePasswordPolicy,
} from './parts/account-settings';
import { alarmOnRoleUse, watchActivity } from './parts/activity-watch';
import { createAttestationRules } from './parts/attestations';
import { AuditTrail } from './parts/audit-trail';
import { Backups } from './parts/backups';
import { createCisAlarms } from './parts/cis-alarms';
import { ConfigRules } from './parts/config-rules';
import { ConfigurationRecording } from './parts/configuration-recording';
import { BaselineContext } from './parts/context';
import { DeployChecks } from './parts/deploy-checks';
import { FindingNotifications } from './parts/finding-notifications';
import { Identities, validateSession } from './parts/identities';
import { BaselineNotifications, validateEmails } from './parts/notifications';
import { RootWatch } from './parts/root-watch';
import { SessionLogging } from './parts/session-logging';
import { ThreatDetection, validateMinSeverity } from './parts/threat-detection';

export * from './account-baseline-props';
export { BACKUP_TAG } from './parts/backups';
export { ENGINEER_DENIED_ACTIONS } from './parts/identities';
export { FINDING_NOTIFICATION_ITEMS } from './parts/finding-notifications';
export { SESSION_LOGS_PREFIX, SESSION_PREFERENCES_DOCUMENT } from './parts/session-logging';

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
 * - CIS monitoring alarms (LA-3, LA-4, CA-1, DM-5): CIS AWS Foundations 4.1–4.15 metric filters and
 *   alarms on the trail's CloudWatch Logs (`CIS_ALARMS`).
 * - Detection and defaults (DM-1, DM-5, CF-3, OP-2, CM-4): GuardDuty, Security Hub, EBS encryption by
 *   default, S3 account-level public access block, patch-compliance rules.
 * - Backups (OP-3, CF-2): AWS Backup vault and plan for resources tagged `backup` = `true`.
 * - Findings (OP-2, LA-3, CM-4, OP-1): notifications of CRITICAL/HIGH Security Hub findings, NON_COMPLIANT
 *   Config evaluations and AWS Health events.
 * - Session Manager logging (EX-1): session transcripts into the write-once archive and CloudWatch Logs.
 * - Attestations: a Config process-check rule per item a person signs off.
 *
 * Every notification goes to one KMS-encrypted, TLS-only SNS topic (`topic`) with the managers' email
 * subscriptions. The stack synthesizes with no unacknowledged finding under FinTechChecks and cdk-nag's
 * AwsSolutionsChecks; the acknowledgments it makes carry their reasons.
 *
 * The stack only composes its parts, one per concern, in lib/baseline/parts/ (see parts/context.ts:
 * parts create their resources directly in this stack, so that logical IDs never change).
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

  /** The CIS monitoring alarms (`CIS_ALARMS`), by table ID; empty without a trail log group or with `cisAlarms: false`. */
  public readonly cisAlarms: Readonly<Record<string, cloudwatch.Alarm>>;

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

  /** The CloudFormation Guard Hook of the project's rules, unless `guardHook` is false. */
  public readonly guardHook?: GuardRulesHook;

  /** The guideline's AWS Config conformance pack, unless `conformancePack` is false. */
  public readonly conformancePack?: GuidelineConformancePack;

  /** The forwarder of global events in us-east-1, when this baseline created one. */
  public readonly globalEventForwarder?: GlobalEventForwarderStack;

  /** The rule that notifies new CRITICAL and HIGH Security Hub findings, unless `findingNotifications` is false. */
  public readonly securityHubFindingRule?: events.Rule;

  /** The rule that notifies NON_COMPLIANT AWS Config evaluations, unless `findingNotifications` is false. */
  public readonly configNonCompliantRule?: events.Rule;

  /** The rule that notifies AWS Health events, unless `findingNotifications` is false. */
  public readonly healthEventRule?: events.Rule;

  /** The Session Manager preferences (`SSM-SessionManagerRunShell`), unless `sessionLogging` is false. */
  public readonly sessionManagerPreferences?: ssm.CfnDocument;

  /** The KMS key of the Session Manager sessions and their log group, unless `sessionLogging` is false. */
  public readonly sessionManagerKey?: kms.Key;

  /** The CloudWatch Logs group of the session transcripts, unless `sessionLogging` is false. */
  public readonly sessionManagerLogGroup?: logs.LogGroup;

  /** The managed policy to attach to instance roles so that sessions are logged, unless `sessionLogging` is false. */
  public readonly sessionManagerLoggingPolicy?: iam.ManagedPolicy;

  /** The prefix of the everyday roles' names. */
  protected readonly roleNamePrefix: string;

  private readonly notifications: BaselineNotifications;

  constructor(scope: Construct, id: string, props: FinTechAccountBaselineProps) {
    super(scope, id, props);
    const emails = validateEmails(this, props?.managerEmails);
    const passwordPolicy = validatePasswordPolicy(this, props.passwordPolicy ?? DEFAULT_PASSWORD_POLICY);
    const maxSessionDuration = props.maxSessionDuration ?? Duration.hours(1);
    validateSession(this, maxSessionDuration);
    const accountSettings = validateAccountSettingsMode(this, props.accountSettings ?? 'enforce');
    const minSeverity = validateMinSeverity(this, props.guardDutyMinSeverity ?? 4);
    this.roleNamePrefix = props.roleNamePrefix ?? 'FinTech';

    // The parts, in this order (their resources' order in the template). A new part goes at the end,
    // before the engineer's denial (which must see every key and rule) and the final acknowledgments.

    // ---- Notifications: one encrypted, TLS-only topic --------------------------------------------
    this.notifications = new BaselineNotifications(this, emails);
    this.notificationKey = this.notifications.key;
    this.topic = this.notifications.topic;
    const base: BaselineContext = {
      stack: this,
      dataClassification: props.dataClassification ?? 'confidential',
      notifications: this.notifications,
    };

    // ---- Audit trail and write-once archive (LA-1, LA-2, EX-1) ----------------------------------
    const audit = new AuditTrail(base, props);
    this.archive = audit.archive;
    this.trail = audit.trail;

    // ---- Root (CA-2, CA-3, EX-1) -----------------------------------------------------------------
    const root = new RootWatch(base, {
      cloudTrailLogGroup: this.trail?.logGroup,
      forwarding: props.globalEventForwarding ?? 'stack',
      account: props.env?.account,
    });
    this.rootLoginNotification = root.rootLoginNotification;
    this.globalEventForwarder = root.globalEventForwarder;

    // ---- People (CA-1, CA-4, CA-5, CA-6) ---------------------------------------------------------
    const identities = new Identities(this, {
      trustedAccountId: props.trustedAccountId,
      roleNamePrefix: this.roleNamePrefix,
      maxSessionDuration,
    });
    this.roles = identities.roles;

    // ---- AWS Config: recorder, delivery channel and rules (LA-3) --------------------------------
    const recording = props.configRecorder !== false ? new ConfigurationRecording(base, this.archive) : undefined;
    const recorder = recording?.recorder;
    this.configRecorder = recorder;
    this.configBucket = recording?.bucket;
    if (recording) identities.grantAuditorRead(recording.bucket);
    identities.grantAuditorRead(this.archive.bucket);
    this.configRules = new ConfigRules(this, recorder, passwordPolicy).rules;
    this.attestationRules = props.attestationRules !== false ? createAttestationRules(this, recorder) : {};

    // ---- Account-wide secure defaults (DM-1, DM-5, CA-1) ----------------------------------------
    if (accountSettings === 'enforce') enforceAccountSettings(this, passwordPolicy);

    // ---- Detection (DM-5, CF-3, OP-2) ------------------------------------------------------------
    const detection = new ThreatDetection(base, props, minSeverity, recorder);
    this.guardDutyDetector = detection.guardDutyDetector;
    this.securityHub = detection.securityHub;
    this.accessAnalyzer = detection.accessAnalyzer;

    // ---- Configuration changes and sensitive work (LA-3, LA-4) ----------------------------------
    const logBucketNames = [this.archive.bucket.bucketName, this.archive.accessLogsBucket.bucketName];
    if (this.configBucket) logBucketNames.push(this.configBucket.bucketName);
    watchActivity(this.notifications, { logBucketNames, trailLogGroup: this.trail?.logGroup, roleNamePrefix: this.roleNamePrefix });

    // ---- Backups (OP-3, CF-2) --------------------------------------------------------------------
    const backups = props.backup !== false ? new Backups(base, props.backupVaultLock) : undefined;
    this.backupVault = backups?.vault;
    this.backupPlan = backups?.plan;

    // ---- Checks at deploy time: Guard Hook and conformance pack (every item with a rule) ------------
    const deployChecks = new DeployChecks(base, props, recorder);
    this.guardHook = deployChecks.guardHook;
    this.conformancePack = deployChecks.conformancePack;

    // ---- CIS monitoring alarms on the trail's log group (LA-3, LA-4, CA-1, DM-5) ------------------
    this.cisAlarms = props.cisAlarms !== false ? createCisAlarms(this.notifications, this.trail?.logGroup) : {};

    // ---- New parts go here -------------------------------------------------------------------------

    // ---- Findings: Security Hub, AWS Config, AWS Health (OP-2, DM-5, LA-3, CM-4, OP-1) -----------
    const findings = props.findingNotifications !== false
      ? new FindingNotifications(base, { accessAnalyzerNotified: props.accessAnalyzer !== false })
      : undefined;
    this.securityHubFindingRule = findings?.securityHubRule;
    this.configNonCompliantRule = findings?.configRule;
    this.healthEventRule = findings?.healthRule;

    // ---- Session Manager logging (EX-1, LA-4) ----------------------------------------------------
    const sessions = props.sessionLogging !== false
      ? new SessionLogging(base, this.archive, { policyNamePrefix: this.roleNamePrefix })
      : undefined;
    this.sessionManagerPreferences = sessions?.document;
    this.sessionManagerKey = sessions?.key;
    this.sessionManagerLogGroup = sessions?.logGroup;
    this.sessionManagerLoggingPolicy = sessions?.instancePolicy;

    this.notificationRules = this.notifications.rules;
    const keys: kms.IKey[] = [this.notificationKey, this.archive.encryptionKey];
    for (const key of [recording?.key, backups?.key, audit.organizationTrailLogsKey]) if (key) keys.push(key);
    if (sessions) keys.push(sessions.key);
    identities.denyEngineersTampering({
      keys,
      topic: this.topic,
      rules: [
        ...Object.values(this.notifications.rules),
        this.rootLoginNotification.consoleSignInRule,
        this.rootLoginNotification.apiCallRule,
      ],
      alarms: [
        ...this.notifications.alarms,
        // The root-usage alarm's filter is on the trail's log group (there is no alarm without one).
        ...(this.rootLoginNotification.alarm && this.trail?.logGroup ? [{ alarm: this.rootLoginNotification.alarm, logGroup: this.trail.logGroup }] : []),
      ],
      statements: [...deployChecks.engineerDenials(), ...(sessions?.engineerDenials() ?? [])],
    });
    acknowledgeCustomResourceSingleton(this);
  }

  /**
   * An alarm to the topic whenever a role named one of `roleNames` is assumed, in any account the
   * trail records (CloudTrail does not send AssumeRole to EventBridge, so a metric filter on the trail's
   * log group does it; an organization trail covers every account). Needs a trail with a log group.
   */
  protected alarmOnRoleUse(id: string, roleNames: readonly string[], description: LocalizedText): cloudwatch.Alarm | undefined {
    return alarmOnRoleUse(this.notifications, this.trail?.logGroup, id, roleNames, description);
  }
}
