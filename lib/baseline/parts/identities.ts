/**
 * Everyday identities (CA-1, CA-4, CA-5, CA-6): the MFA-only everyday roles, the auditor's read access
 * to the log stores, and the engineer's denial of switching off what the baseline set up (LA-2, LA-3, OP-3).
 */
import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { FinTechGuardrailsError } from '../../constructs/errors';
import { BaselineRoles } from '../account-baseline-props';

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

export interface IdentitiesOptions {
  /** The account whose principals may assume the roles. @default - the baseline's account */
  readonly trustedAccountId?: string;
  /** The prefix of the role names. */
  readonly roleNamePrefix: string;
  /** The longest session of a role (validated with `validateSession`). */
  readonly maxSessionDuration: Duration;
}

/** What the engineer role may not touch. */
export interface BaselineResources {
  /** The baseline's KMS keys (duplicates are dropped). */
  readonly keys: readonly kms.IKey[];
  /** The notification topic. */
  readonly topic: sns.ITopic;
  /** Every EventBridge rule that notifies. */
  readonly rules: readonly events.IRule[];
  /** Every alarm that notifies, with the log group its metric filter is on. */
  readonly alarms?: readonly { readonly alarm: cloudwatch.IAlarm; readonly logGroup: logs.ILogGroup }[];
  /** Further denials of other parts (deploy-time checks, session logging), added after the ones above. */
  readonly statements?: readonly iam.PolicyStatement[];
}

/**
 * The everyday roles, apart from root (CA-4). Each can only be assumed with MFA (CA-1) by principals
 * of `trustedAccountId`, for at most `maxSessionDuration`; each has the access level of one job,
 * documented on `BaselineRoles` (CA-5). People assume them under their own identity, so CloudTrail
 * always says who acted (CA-6: no shared accounts).
 */
export class Identities {
  public readonly roles: BaselineRoles;

  constructor(private readonly stack: Stack, options: IdentitiesOptions) {
    this.roles = createRoles(stack, options);
  }

  /** The auditor reads (never writes or deletes) a log store and decrypts it through S3 only. */
  public grantAuditorRead(bucket: s3.IBucket): void {
    const stack = this.stack;
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
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      );
    }
    const ref = `<${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    Validations.of(auditor).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${ref}/*]`,
      reason:
        'The auditor reads every log object of this store (CloudTrail, AWS Config and Firehose name the objects); the grant is read-only, ' +
        'and Object Lock plus the bucket policy stop anyone but root from changing or deleting logs.',
    });
  }

  /** The engineer cannot switch off or weaken what the baseline set up. Call it once, last. */
  public denyEngineersTampering(protect: BaselineResources): void {
    const engineer = this.roles.engineer;
    engineer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenySwitchingOffTheBaseline',
        effect: iam.Effect.DENY,
        actions: [...ENGINEER_DENIED_ACTIONS],
        resources: ['*'],
      }),
    );
    engineer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenyDisablingBaselineKeys',
        effect: iam.Effect.DENY,
        actions: ['kms:DisableKey', 'kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:DisableKeyRotation'],
        resources: [...new Set(protect.keys.map((k) => k.keyArn))],
      }),
    );
    engineer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenySilencingNotifications',
        effect: iam.Effect.DENY,
        actions: ['sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:RemovePermission', 'sns:Subscribe', 'sns:Unsubscribe'],
        resources: [protect.topic.topicArn],
      }),
    );
    engineer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenyChangingNotificationRules',
        effect: iam.Effect.DENY,
        actions: ['events:DeleteRule', 'events:DisableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: protect.rules.map((r) => r.ruleArn),
      }),
    );
    const alarms = protect.alarms ?? [];
    if (alarms.length > 0) {
      engineer.addToPolicy(
        new iam.PolicyStatement({
          sid: 'DenySilencingAlarms',
          effect: iam.Effect.DENY,
          actions: ['cloudwatch:DeleteAlarms', 'cloudwatch:DisableAlarmActions', 'cloudwatch:PutMetricAlarm', 'cloudwatch:SetAlarmState'],
          resources: [...new Set(alarms.map((a) => a.alarm.alarmArn))],
        }),
      );
      engineer.addToPolicy(
        new iam.PolicyStatement({
          sid: 'DenyChangingAlarmFilters',
          effect: iam.Effect.DENY,
          actions: ['logs:DeleteMetricFilter', 'logs:PutMetricFilter', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy'],
          resources: [...new Set(alarms.map((a) => a.logGroup.logGroupArn))],
        }),
      );
    }
    for (const statement of protect.statements ?? []) engineer.addToPolicy(statement);
  }
}

function createRoles(stack: Stack, options: IdentitiesOptions): BaselineRoles {
  const { trustedAccountId, roleNamePrefix: prefix, maxSessionDuration } = options;
  const trusted = trustedAccountId ?? stack.account;
  if (trustedAccountId !== undefined && !Token.isUnresolved(trusted) && !/^\d{12}$/.test(trusted)) {
    throw new FinTechGuardrailsError(
      `${stack.node.path}: trustedAccountId must be a 12-digit AWS account ID, got '${trusted}'.`,
    );
  }
  if (!Token.isUnresolved(prefix) && !/^[\w+=,.@-]{0,40}$/.test(prefix)) {
    throw new FinTechGuardrailsError(
      `${stack.node.path}: roleNamePrefix may hold at most 40 letters, digits or +=,.@_- characters, got '${prefix}'.`,
    );
  }
  const assumedBy = () =>
    new iam.AccountPrincipal(trusted).withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  const role = (id: string, name: string, description: string, policy: string) => {
    const r = new iam.Role(stack, id, {
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

/** A role session lasts 1 to 12 hours (IAM's range). */
export function validateSession(scope: IConstruct, d: Duration): void {
  if (d.isUnresolved()) return;
  const seconds = d.toSeconds();
  if (seconds < 3600 || seconds > 43200) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: maxSessionDuration must be from 1 to 12 hours, got ${d.toHumanString()}. Fix: Duration.hours(1).`,
    );
  }
}

