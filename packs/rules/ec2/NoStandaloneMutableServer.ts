import { defineRule, NOT_APPLICABLE, nonCompliant } from '../../engine/rule';

/** Servers are immutable and replaced through an orchestration layer, not single EC2 instances changed in place. */
export const NoStandaloneMutableServer = defineRule({
  id: 'FTG-EC2-3',
  name: 'NoStandaloneMutableServer',
  items: ['NT-2', 'CM-1'],
  resourceTypes: ['AWS::EC2::Instance'],
  info: {
    en: 'A standalone EC2 instance is a server that is changed in place instead of being replaced (immutable infrastructure).',
    ja: '単独の EC2 インスタンスは、置き換えではなくその場で変更されるサーバーです（イミュータブルインフラになっていません）。',
  },
  explanation: {
    en: 'NT-2 (immutable infrastructure) says a server once set up is never changed: a change is a new instance. CM-1 asks for infrastructure made unchangeable through an orchestration layer. A standalone AWS::EC2::Instance is logged into, patched and reconfigured in place, so its state drifts from the code and change rights are hard to control. An Auto Scaling group with a replacing or rolling update policy replaces servers from a launch template instead. A justified exception (a bastion host, a licence-bound server) is acknowledged with its reason.',
    ja: 'NT-2（イミュータブルインフラ）は「一度セットアップされたサーバは変更せず、変更したい場合は新規インスタンスとして作成する」ことを、CM-1 は Orchestration 層による変更不可能なインフラを求めています。単独の AWS::EC2::Instance はログインしてその場でパッチ適用・設定変更されるため、コードとの差分が生じ、変更権限の管理も難しくなります。置換またはローリング更新ポリシーを持つ Auto Scaling グループなら、起動テンプレートからサーバーを置き換えます。踏み台サーバーやライセンスに紐づくサーバーなど正当な例外は、理由を添えて承認（acknowledge）してください。',
  },
  fix: {
    en: 'Run the server as a fleet that is replaced, not changed: use our `ImmutableServerFleet` construct, or `autoscaling.AutoScalingGroup` with a `launchTemplate` and `updatePolicy: autoscaling.UpdatePolicy.rollingUpdate()` (or `replacingUpdate()`), instead of `ec2.Instance`. In CloudFormation, use AWS::AutoScaling::AutoScalingGroup with an AWS::EC2::LaunchTemplate and UpdatePolicy.AutoScalingRollingUpdate or AutoScalingReplacingUpdate.WillReplace: true instead of AWS::EC2::Instance.',
    ja: '`ec2.Instance` ではなく、変更せず置き換えるフリートとして動かしてください。本ライブラリの `ImmutableServerFleet` コンストラクト、または `launchTemplate` と `updatePolicy: autoscaling.UpdatePolicy.rollingUpdate()`（または `replacingUpdate()`）を指定した `autoscaling.AutoScalingGroup` を使います。CloudFormation では AWS::EC2::Instance の代わりに、AWS::EC2::LaunchTemplate と UpdatePolicy.AutoScalingRollingUpdate または AutoScalingReplacingUpdate.WillReplace: true を持つ AWS::AutoScaling::AutoScalingGroup を使ってください。',
  },
  details: {
    standalone: { en: '{id} is a standalone AWS::EC2::Instance, not part of an Auto Scaling group that replaces servers', ja: '{id} は単独の AWS::EC2::Instance で、サーバーを置き換える Auto Scaling グループに属していません' },
  },
  check(resource) {
    if (resource.type !== 'AWS::EC2::Instance') return NOT_APPLICABLE;
    return nonCompliant('standalone', { id: resource.logicalId });
  },
});
