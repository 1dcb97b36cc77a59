import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { asNumber } from '../../engine/values';

/** 90 days, in seconds. */
export const MAX_LIFETIME_SECONDS = 90 * 24 * 60 * 60;

/** Servers of an Auto Scaling group are replaced at least every 90 days. */
export const AutoScalingMaxInstanceLifetime = defineRule({
  id: 'FTG-ASG-3',
  name: 'AutoScalingMaxInstanceLifetime',
  items: ['CM-4', 'CF-3'],
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  info: {
    en: 'The Auto Scaling group has no maximum instance lifetime of 90 days or less, so servers can keep an old patch level indefinitely.',
    ja: 'Auto Scaling グループに 90 日以内の最大インスタンス存続期間が設定されていないため、サーバーが古いパッチレベルのまま稼働し続けられます。',
  },
  explanation: {
    en: 'CM-4 asks for a patching process and CF-3 for patching against malware. With immutable servers, patches arrive through new images; a maximum instance lifetime makes Auto Scaling replace every server regularly, so none keeps an old image (and its vulnerabilities) for months.',
    ja: 'CM-4 はパッチ適用のプロセスを、CF-3 はマルウェア対策としてのパッチ適用を求めています。イミュータブルなサーバーではパッチは新しいイメージで届きます。最大インスタンス存続期間を設定すると Auto Scaling がすべてのサーバーを定期的に置き換えるため、古いイメージ（とその脆弱性）のまま何か月も動くサーバーがなくなります。',
  },
  fix: {
    en: 'Set `maxInstanceLifetime: Duration.days(30)` (at most 90 days) on `autoscaling.AutoScalingGroup`. In CloudFormation, set MaxInstanceLifetime to a number of seconds between 86400 and 7776000 on the AWS::AutoScaling::AutoScalingGroup.',
    ja: '`autoscaling.AutoScalingGroup` に `maxInstanceLifetime: Duration.days(30)`（90 日以内）を指定してください。CloudFormation では AWS::AutoScaling::AutoScalingGroup の MaxInstanceLifetime に 86400〜7776000 の秒数を指定してください。',
  },
  check(group) {
    if (group.type !== 'AWS::AutoScaling::AutoScalingGroup') return NOT_APPLICABLE;
    return judge(group.prop('MaxInstanceLifetime'), 'MaxInstanceLifetime', (v) => {
      if (v === undefined) return false;
      const n = asNumber(v);
      // 0 clears the setting.
      return n === undefined ? undefined : n > 0 && n <= MAX_LIFETIME_SECONDS;
    });
  },
});
