/**
 * Configuration changes and sensitive work (LA-3, LA-4): one EventBridge rule per entry of
 * lib/baseline/activity.ts (IAM, network, CloudTrail, KMS and security-service changes; changes to the
 * log buckets; Session Manager sessions, key deletion, access keys, stopped logging, sign-ins without MFA),
 * and an alarm whenever the break-glass administrator role is assumed.
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { LocalizedText } from '../../catalog';
import { CONFIGURATION_CHANGES, LOG_BUCKET_CHANGES, SENSITIVE_WORK } from '../activity';
import { BaselineNotifications } from './notifications';

export interface ActivityWatchOptions {
  /** The names of the buckets that hold logs (archive, access logs, Config history). */
  readonly logBucketNames: readonly string[];
  /** The trail's CloudWatch Logs group (no administrator alarm without it). */
  readonly trailLogGroup?: logs.ILogGroup;
  /** The prefix of the everyday roles' names. */
  readonly roleNamePrefix: string;
}

export function watchActivity(notifications: BaselineNotifications, options: ActivityWatchOptions): void {
  for (const activity of CONFIGURATION_CHANGES) notifications.watch(activity);
  notifications.watch(LOG_BUCKET_CHANGES, { requestParameters: { bucketName: [...options.logBucketNames] } });
  for (const activity of SENSITIVE_WORK) notifications.watch(activity);
  alarmOnRoleUse(notifications, options.trailLogGroup, 'AdministratorRoleUsed', [`${options.roleNamePrefix}Administrator`], {
    en: 'The break-glass administrator role was assumed (fintech-guardrails LA-4, CA-4).',
    ja: '管理者ロール（緊急用）が引き受けられました。',
  });
}

/**
 * An alarm to the topic whenever a role named one of `roleNames` is assumed, in any account the
 * trail records (CloudTrail does not send AssumeRole to EventBridge, so a metric filter on the trail's
 * log group does it; an organization trail covers every account). Nothing without a log group.
 */
export function alarmOnRoleUse(
  notifications: BaselineNotifications,
  logGroup: logs.ILogGroup | undefined,
  id: string,
  roleNames: readonly string[],
  description: LocalizedText,
): cloudwatch.Alarm | undefined {
  if (!logGroup || roleNames.length === 0) return undefined;
  const roles = roleNames.map((n) => `($.requestParameters.roleArn = "*:role/${n}")`).join(' || ');
  return notifications.alarmOnLogPattern(id, logGroup, `{ ($.eventName = "AssumeRole") && (${roles}) }`, description);
}
