import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { asBoolean } from '../../engine/values';

/** A CloudTrail trail has log file integrity validation on (EnableLogFileValidation true). */
export const CloudTrailLogValidation = defineRule({
  id: 'FTG-CT-1',
  name: 'CloudTrailLogValidation',
  items: ['LA-1', 'LA-2'],
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: {
    en: 'The CloudTrail trail does not validate its log files (EnableLogFileValidation is not true).',
    ja: 'CloudTrail の証跡でログファイルの整合性検証が有効になっていません（EnableLogFileValidation が true ではありません）。',
  },
  explanation: {
    en: 'LA-1 asks for logs kept where they cannot be altered, and LA-2 for logs that let you understand an incident. With log file validation CloudTrail writes signed digest files every hour, so you can prove afterwards that no log file was changed or deleted; without it a tampered log cannot be told from a real one.',
    ja: 'LA-1 は改ざんできない場所へのログ保管を、LA-2 はインシデントの状況を把握できるログを求めています。ログファイルの検証を有効にすると CloudTrail が 1 時間ごとに署名付きのダイジェストファイルを書き出し、後からログファイルが変更・削除されていないことを証明できます。無効のままでは、改ざんされたログと本物を区別できません。',
  },
  fix: {
    en: 'Keep `enableFileValidation: true` on `cloudtrail.Trail` (the default) (CloudFormation: EnableLogFileValidation: true on AWS::CloudTrail::Trail).',
    ja: '`cloudtrail.Trail` の `enableFileValidation: true`（既定値）を維持してください（CloudFormation では AWS::CloudTrail::Trail の EnableLogFileValidation を true にします）。',
  },
  check(trail) {
    if (trail.type !== 'AWS::CloudTrail::Trail') return NOT_APPLICABLE;
    // Absent means false.
    return judge(trail.prop('EnableLogFileValidation'), 'EnableLogFileValidation', (v) => (v === undefined ? false : asBoolean(v)));
  },
});
