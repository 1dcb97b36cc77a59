import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { asNumber } from '../../engine/values';

/** Minimum retention, in days, of a log group that sets one. */
export const MIN_RETENTION_DAYS = 365;

/** A CloudWatch Logs log group keeps its events for at least a year (RetentionInDays ≥ 365, or not set: kept forever). */
export const LogGroupRetention = defineRule({
  id: 'FTG-LOGS-1',
  name: 'LogGroupRetention',
  items: ['LA-2'],
  resourceTypes: ['AWS::Logs::LogGroup'],
  info: {
    en: 'The log group keeps its events for less than 365 days (RetentionInDays).',
    ja: 'ロググループのイベント保持期間が 365 日未満です（RetentionInDays）。',
  },
  explanation: {
    en: 'LA-2 asks for enough logs to understand what happened, assuming an incident will happen. Incidents are often found months after they began, so logs that expire after days or weeks are gone when they are needed. Without RetentionInDays, CloudWatch Logs keeps the events forever, which keeps the evidence and is compliant (watch the cost); a retention below 365 days is not.',
    ja: 'LA-2 はインシデントが起きる前提で状況を把握できるログを求めています。インシデントは発生から数か月後に見つかることが多く、数日や数週間で消えるログは必要なときには残っていません。RetentionInDays を指定しない場合 CloudWatch Logs はイベントを無期限に保持するため、証跡が残り準拠とします（コストには注意してください）。365 日未満の保持期間は非準拠です。',
  },
  fix: {
    en: 'Set `retention: logs.RetentionDays.ONE_YEAR` or longer on `logs.LogGroup` (the L2 default is TWO_YEARS) (CloudFormation: RetentionInDays 365 or more on AWS::Logs::LogGroup). For longer, cheaper storage export the logs to a write-once S3 archive.',
    ja: '`logs.LogGroup` に `retention: logs.RetentionDays.ONE_YEAR` 以上を指定してください（L2 の既定値は TWO_YEARS）。CloudFormation では AWS::Logs::LogGroup の RetentionInDays を 365 以上にします。より長く安価に保管するには、書き込み専用（WORM）の S3 アーカイブへエクスポートしてください。',
  },
  check(group) {
    if (group.type !== 'AWS::Logs::LogGroup') return NOT_APPLICABLE;
    return judge(group.prop('RetentionInDays'), 'RetentionInDays', (v) => {
      if (v === undefined) return true; // never expire
      const n = asNumber(v);
      return n === undefined ? undefined : n >= MIN_RETENTION_DAYS;
    });
  },
});
