import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { forPublicZone, PUBLIC_ZONE_DETAILS } from './common';

/** Public hosted zones log DNS queries. */
export const HostedZoneQueryLogging = defineRule({
  id: 'FTG-R53-2',
  name: 'HostedZoneQueryLogging',
  items: ['LA-2'],
  resourceTypes: ['AWS::Route53::HostedZone'],
  info: {
    en: 'The public hosted zone does not log DNS queries (QueryLoggingConfig is not set).',
    ja: 'パブリックホストゾーンの DNS クエリログが記録されていません（QueryLoggingConfig が未設定です）。',
  },
  explanation: {
    en: 'LA-2 asks to log enough to understand what happened, assuming an incident will happen. DNS query logs show which names were resolved, when and from where: they help to find reconnaissance, subdomain takeover attempts and the start of a phishing or poisoning campaign.',
    ja: 'LA-2 は、事件が発生する前提で状況が把握できる程度のログを記録することを求めています。DNS クエリログは、どの名前がいつどこから解決されたかを示し、偵察行為、サブドメイン乗っ取りの試み、フィッシングやポイズニング攻撃の始まりを把握する手がかりになります。',
  },
  fix: {
    en: 'Set `queryLogsLogGroupArn` on `route53.PublicHostedZone` (a CloudWatch Logs log group in us-east-1 whose resource policy lets route53.amazonaws.com write). In CloudFormation, set QueryLoggingConfig.CloudWatchLogsLogGroupArn on the AWS::Route53::HostedZone.',
    ja: '`route53.PublicHostedZone` に `queryLogsLogGroupArn`（route53.amazonaws.com が書き込めるリソースポリシーを持つ us-east-1 の CloudWatch Logs ロググループ）を指定してください。CloudFormation では AWS::Route53::HostedZone の QueryLoggingConfig.CloudWatchLogsLogGroupArn を設定してください。',
  },
  details: PUBLIC_ZONE_DETAILS,
  check(zone) {
    if (zone.type !== 'AWS::Route53::HostedZone') return NOT_APPLICABLE;
    return forPublicZone(zone, () => judge(zone.prop('QueryLoggingConfig.CloudWatchLogsLogGroupArn'), 'QueryLoggingConfig.CloudWatchLogsLogGroupArn',
      (v) => v !== undefined && v !== ''));
  },
});
