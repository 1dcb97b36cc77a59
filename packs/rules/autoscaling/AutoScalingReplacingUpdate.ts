import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { asBoolean, isOpaque } from '../../engine/values';
import { best } from '../ec2/helpers';

/** An Auto Scaling group replaces its servers when the launch template changes. */
export const AutoScalingReplacingUpdate = defineRule({
  id: 'FTG-ASG-1',
  name: 'AutoScalingReplacingUpdate',
  items: ['NT-2', 'CM-1', 'CM-4'],
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  info: {
    en: 'The Auto Scaling group has no rolling or replacing update policy, so a new launch template version (a new image, a patch) does not replace the running servers.',
    ja: 'Auto Scaling グループにローリング更新・置換更新のポリシーがないため、起動テンプレートの新バージョン（新しいイメージやパッチ）を適用しても稼働中のサーバーが置き換わりません。',
  },
  explanation: {
    en: 'NT-2 (immutable infrastructure) and CM-1 say a change is made by replacing servers, and CM-4 asks for a patching process. Without an update policy, CloudFormation only changes the group\'s configuration: running instances keep the old image and configuration until they happen to be replaced, so patched images never reach them and the fleet drifts.',
    ja: 'NT-2（イミュータブルインフラ）と CM-1 は変更をサーバーの置き換えで行うことを、CM-4 はパッチ適用のプロセスを求めています。更新ポリシーがないと CloudFormation はグループの設定だけを変更し、稼働中のインスタンスはたまたま置き換わるまで古いイメージと設定のまま残ります。パッチ済みのイメージが届かず、フリートの状態がばらつきます。',
  },
  fix: {
    en: 'Set `updatePolicy: autoscaling.UpdatePolicy.rollingUpdate()` (or `autoscaling.UpdatePolicy.replacingUpdate()`) on `autoscaling.AutoScalingGroup` (our `ImmutableServerFleet` does this). In CloudFormation, add UpdatePolicy.AutoScalingRollingUpdate, or UpdatePolicy.AutoScalingReplacingUpdate.WillReplace: true, to the AWS::AutoScaling::AutoScalingGroup.',
    ja: '`autoscaling.AutoScalingGroup` に `updatePolicy: autoscaling.UpdatePolicy.rollingUpdate()`（または `autoscaling.UpdatePolicy.replacingUpdate()`）を指定してください（本ライブラリの `ImmutableServerFleet` は設定済みです）。CloudFormation では AWS::AutoScaling::AutoScalingGroup に UpdatePolicy.AutoScalingRollingUpdate、または UpdatePolicy.AutoScalingReplacingUpdate.WillReplace: true を追加してください。',
  },
  details: {
    noPolicy: { en: 'UpdatePolicy is not set', ja: 'UpdatePolicy が未設定です' },
    policyUnknown: { en: 'UpdatePolicy is only known at deployment', ja: 'UpdatePolicy はデプロイ時にしか決まりません' },
    noReplacement: {
      en: 'UpdatePolicy has neither AutoScalingRollingUpdate nor AutoScalingReplacingUpdate.WillReplace: true',
      ja: 'UpdatePolicy に AutoScalingRollingUpdate も AutoScalingReplacingUpdate.WillReplace: true もありません',
    },
  },
  check(group) {
    if (group.type !== 'AWS::AutoScaling::AutoScalingGroup') return NOT_APPLICABLE;
    return worst(...group.attr('UpdatePolicy').map((policy): Outcome => {
      if (!policy.known) return unverifiable('at', { what: 'UpdatePolicy', why: policy.why });
      if (policy.value === undefined || policy.value === null) return nonCompliant('noPolicy', {});
      if (isOpaque(policy.value) || typeof policy.value !== 'object') return unverifiable('policyUnknown', {});
      // Either policy is enough (best of the two); within one, every alternative must hold (judge).
      const rolling = judge(group.resolve(policy.value, 'AutoScalingRollingUpdate'), 'UpdatePolicy.AutoScalingRollingUpdate',
        (v) => (v === undefined || v === null ? false : isOpaque(v) ? undefined : typeof v === 'object'));
      const replacing = judge(group.resolve(policy.value, 'AutoScalingReplacingUpdate.WillReplace'), 'UpdatePolicy.AutoScalingReplacingUpdate.WillReplace',
        (v) => (v === undefined ? false : asBoolean(v)));
      const o = best(rolling, replacing);
      return o.status === 'non-compliant' ? nonCompliant('noReplacement', {}) : o.status === 'compliant' ? COMPLIANT : o;
    }));
  },
});
