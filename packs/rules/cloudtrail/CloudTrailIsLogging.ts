import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { asBoolean } from '../../engine/values';

/** A CloudTrail trail is switched on (IsLogging true). */
export const CloudTrailIsLogging = defineRule({
  id: 'FTG-CT-6',
  name: 'CloudTrailIsLogging',
  items: ['LA-2', 'LA-3'],
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: {
    en: 'The CloudTrail trail is not logging (IsLogging is not true).',
    ja: 'CloudTrail の証跡が記録を停止しています（IsLogging が true ではありません）。',
  },
  explanation: {
    en: 'LA-2 asks for enough logs to understand an incident and LA-3 for logs of configuration changes. A trail with IsLogging false exists but records nothing: every other trail setting is then only an appearance of audit logging.',
    ja: 'LA-2 はインシデントの状況を把握できるログを、LA-3 は設定変更のログを求めています。IsLogging が false の証跡は存在していても何も記録しないため、他の証跡設定はすべて見かけだけになります。',
  },
  fix: {
    en: '`cloudtrail.Trail` always logs; on `cloudtrail.CfnTrail` (CloudFormation AWS::CloudTrail::Trail) set `isLogging: true` (IsLogging: true).',
    ja: '`cloudtrail.Trail` は常に記録します。`cloudtrail.CfnTrail`（CloudFormation の AWS::CloudTrail::Trail）では `isLogging: true`（IsLogging: true）を指定してください。',
  },
  check(trail) {
    if (trail.type !== 'AWS::CloudTrail::Trail') return NOT_APPLICABLE;
    // IsLogging is required by CloudFormation; absent is treated as not logging.
    return judge(trail.prop('IsLogging'), 'IsLogging', (v) => (v === undefined ? false : asBoolean(v)));
  },
});
