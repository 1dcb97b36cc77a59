import { defineRule, judge, NOT_APPLICABLE, worst } from '../../engine/rule';

/** A CloudTrail trail also delivers its events to CloudWatch Logs (CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn), where alarms can watch them. */
export const CloudTrailCloudWatchLogs = defineRule({
  id: 'FTG-CT-5',
  name: 'CloudTrailCloudWatchLogs',
  items: ['LA-3', 'LA-4'],
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: {
    en: 'The CloudTrail trail does not send its events to CloudWatch Logs (CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn).',
    ja: 'CloudTrail の証跡がイベントを CloudWatch Logs に送信していません（CloudWatchLogsLogGroupArn と CloudWatchLogsRoleArn）。',
  },
  explanation: {
    en: 'LA-3 asks for an automatic notification when the cloud configuration changes, and LA-4 when an engineer does sensitive work. Events in S3 alone are evidence for later; delivered to CloudWatch Logs they can drive metric filters and alarms (root sign-in, IAM and security-group changes, trail changes) within minutes.',
    ja: 'LA-3 はクラウドの設定変更時に、LA-4 はエンジニアがセンシティブな作業を行ったときに自動通知することを求めています。S3 に置いたイベントは後から見る証跡にすぎませんが、CloudWatch Logs に送ればメトリクスフィルターとアラーム（ルートのサインイン、IAM やセキュリティグループの変更、証跡の変更など）で数分以内に通知できます。',
  },
  fix: {
    en: 'Set `sendToCloudWatchLogs: true` (and `cloudWatchLogGroup` if you bring your own) on `cloudtrail.Trail` (CloudFormation: CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn on AWS::CloudTrail::Trail), then add metric filters and alarms on the log group.',
    ja: '`cloudtrail.Trail` に `sendToCloudWatchLogs: true`（独自のロググループを使う場合は `cloudWatchLogGroup` も）を指定し（CloudFormation では AWS::CloudTrail::Trail の CloudWatchLogsLogGroupArn と CloudWatchLogsRoleArn）、そのロググループにメトリクスフィルターとアラームを追加してください。',
  },
  check(trail) {
    if (trail.type !== 'AWS::CloudTrail::Trail') return NOT_APPLICABLE;
    const set = (v: unknown) => v !== undefined && v !== '';
    return worst(
      judge(trail.prop('CloudWatchLogsLogGroupArn'), 'CloudWatchLogsLogGroupArn', set),
      judge(trail.prop('CloudWatchLogsRoleArn'), 'CloudWatchLogsRoleArn', set),
    );
  },
});
