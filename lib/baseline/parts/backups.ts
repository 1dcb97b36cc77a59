/**
 * Backups (OP-3, CF-2): an encrypted AWS Backup vault that denies deleting recovery points (optionally
 * with Vault Lock), and a plan of daily backups kept 35 days and monthly backups kept one year of the
 * resources tagged `backup` = `true`. Restores, failed copies and failed jobs are notified.
 */
import { Annotations, Duration, RemovalPolicy, Tags, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { accountAndRegion, alertMessage, eventField, field } from '../../constructs/alert-message';
import { FinTechGuardrailsError } from '../../constructs/errors';
import { DATA_CLASSIFICATION_TAG } from '../../constructs/write-once-log-archive';
import { BackupVaultLockOptions } from '../account-baseline-props';
import { BaselineContext } from './context';

/** The tag that puts a resource into the baseline's backup plan: `backup` = `true`. */
export const BACKUP_TAG = { key: 'backup', value: 'true' } as const;

export class Backups {
  /** The key of the vault. */
  public readonly key: kms.Key;

  /** The backup vault. */
  public readonly vault: backup.BackupVault;

  /** The backup plan. */
  public readonly plan: backup.BackupPlan;

  constructor(base: BaselineContext, lock: BackupVaultLockOptions | undefined) {
    const stack = base.stack;
    const daily = Duration.days(35);
    const monthly = Duration.days(365);
    if (lock) validateVaultLock(stack, lock, daily, monthly);
    const key = new kms.Key(stack, 'BackupKey', {
      description: `Encrypts the backups of the FinTech account baseline ${stack.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const vault = new backup.BackupVault(stack, 'BackupVault', {
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      blockRecoveryPointDeletion: true,
      notificationTopic: base.notifications.topic,
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
    Tags.of(vault).add(DATA_CLASSIFICATION_TAG, base.dataClassification);
    const plan = new backup.BackupPlan(stack, 'BackupPlan', {
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
    base.notifications.notify('BackupJobFailedRule', {
      description: 'An AWS Backup job failed (fintech-guardrails OP-3, CF-2)',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
      },
    }, backupMessage());
    this.key = key;
    this.vault = vault;
    this.plan = plan;
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
