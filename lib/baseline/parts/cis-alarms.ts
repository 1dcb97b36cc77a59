/**
 * CIS monitoring alarms (LA-3, LA-4, CA-1, DM-5, ...): for every entry of lib/baseline/cis-alarms.ts a
 * metric filter on the trail's CloudWatch Logs group and an alarm to the baseline's topic (CIS AWS
 * Foundations 4.1–4.15 but 4.3, which RootLoginNotification already deploys; Security Hub
 * CloudWatch.2–14). With an organization trail (the organization form) they watch every account.
 * Nothing without a log group (accountTrail: false).
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CIS_ALARMS, cisAlarmText } from '../cis-alarms';
import { BaselineNotifications } from './notifications';

/** The Sid of the one topic-policy statement that lets all the CIS alarms publish. */
export const CIS_ALARMS_PUBLISH_SID = 'AllowCisAlarmsToPublish';

/** The alarms, by their table ID (`CisUnauthorizedApiCalls`, ...); empty without a log group. */
export function createCisAlarms(
  notifications: BaselineNotifications,
  logGroup: logs.ILogGroup | undefined,
): Record<string, cloudwatch.Alarm> {
  const alarms: Record<string, cloudwatch.Alarm> = {};
  if (!logGroup) return alarms;
  for (const entry of CIS_ALARMS) {
    alarms[entry.id] = notifications.alarmOnLogPattern(entry.id, logGroup, entry.filterPattern, cisAlarmText(entry), false);
  }
  // One statement for all of them rather than one each: the topic policy stays short (SNS allows 30 KB)
  // and still names exactly these alarms.
  notifications.allowAlarmsToPublish(CIS_ALARMS_PUBLISH_SID, Object.values(alarms));
  return alarms;
}
