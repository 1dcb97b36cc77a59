/**
 * The CIS AWS Foundations Benchmark monitoring alarms (section 4 of v3.0.0 and v4.0, "Ensure ... is
 * monitored"; AWS Security Hub controls CloudWatch.1 to CloudWatch.14), as data: one CloudWatch Logs
 * metric filter on the baseline trail's log group and one alarm to the baseline's topic per entry. The
 * same set AWS Landing Zone Accelerator deploys from its `security-config.yaml` (`cloudWatch.metricSets`
 * and `alarmSets`). `FinTechAccountBaseline` deploys them (lib/baseline/parts/cis-alarms.ts); the tests
 * and the documentation read the same list.
 *
 * CIS 4.3 (root account usage, CloudWatch.1) is not here: `RootLoginNotification`'s `RootUsageAlarm`
 * (`ROOT_USAGE_FILTER_PATTERN`) already deploys it on the same log group.
 *
 * Sources of the patterns (each entry names its own):
 * - [SH] AWS Security Hub user guide, "Amazon CloudWatch controls" (cloudwatch-controls.md), the
 *   Remediation section of each control: Security Hub passes a control only for its exact pattern.
 * - [LZA] awslabs/landing-zone-accelerator-on-aws, reference/sample-configurations/aws-best-practices/
 *   security-config.yaml, `cloudWatch.metricSets` (the same strings as [SH] for CIS 4.4–4.14).
 * - [CIS] the benchmark's audit and remediation text of the recommendation (as reproduced in
 *   mitre/aws-foundations-cis-baseline, controls/aws-foundations-cis-4.N.rb), for the three
 *   recommendations Security Hub's later CIS standards and LZA's sample no longer carry (4.1, 4.2, 4.15).
 */
import { LocalizedText } from '../catalog';

/** One CIS monitoring alarm. */
export interface CisAlarm {
  /**
   * Construct ID prefix (public API: keep stable): the baseline creates `<id>Filter` (metric
   * `FinTechGuardrails/<id>`) and `<id>Alarm`.
   */
  readonly id: string;
  /** The CIS AWS Foundations Benchmark recommendation (v3.0.0 / v4.0 numbering). */
  readonly cis: string;
  /** The AWS Security Hub control that checks the same filter, if there is one. */
  readonly securityHub?: string;
  /** What happened, as the alarm description says it. */
  readonly title: LocalizedText;
  /** Guideline items the alarm serves (catalog IDs). */
  readonly items: readonly string[];
  /** The CloudWatch Logs filter pattern, over CloudTrail's JSON events. */
  readonly filterPattern: string;
}

export const CIS_ALARMS: readonly CisAlarm[] = [
  {
    // [CIS] 4.1 with the exclusions of v1.5 and later (S3 HeadBucket probes, log delivery), with the
    // parentheses made explicit: the benchmark writes `A || B && C && D`, which mixes || and && at one
    // level. [SH] CloudWatch.2 (CIS v1.2.0 3.1) is the same without the two exclusions.
    id: 'CisUnauthorizedApiCalls',
    cis: '4.1',
    securityHub: 'CloudWatch.2',
    title: { en: 'API calls were denied as unauthorized', ja: '権限のない API 呼び出しが拒否されました' },
    items: ['DM-5', 'OP-2'],
    filterPattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ' +
      '($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    // [SH] CloudWatch.3, identical to [CIS] 4.2's variant for accounts that sign in through SSO
    // (only IAM users, only successful sign-ins; federated sign-ins do their MFA at the identity provider).
    id: 'CisConsoleSignInWithoutMfa',
    cis: '4.2',
    securityHub: 'CloudWatch.3',
    title: { en: 'An IAM user signed in to the console without MFA', ja: 'IAM ユーザーが MFA なしでコンソールにサインインしました' },
    items: ['CA-1', 'LA-4'],
    filterPattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    // [SH] CloudWatch.4 = [LZA] IAMPolicyChangesMetricFilter (CIS 4.4).
    id: 'CisIamPolicyChanges',
    cis: '4.4',
    securityHub: 'CloudWatch.4',
    title: { en: 'An IAM policy was changed', ja: 'IAM ポリシーが変更されました' },
    items: ['LA-3', 'CA-5'],
    filterPattern:
      '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ' +
      '($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ' +
      '($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ' +
      '($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ' +
      '($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ' +
      '($.eventName=DetachGroupPolicy)}',
  },
  {
    // [SH] CloudWatch.5 = [LZA] CloudTrailChangesMetricFilter (CIS 4.5).
    id: 'CisCloudTrailChanges',
    cis: '4.5',
    securityHub: 'CloudWatch.5',
    title: { en: 'The CloudTrail configuration was changed', ja: 'CloudTrail の設定が変更されました' },
    items: ['LA-3', 'LA-2'],
    filterPattern:
      '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ' +
      '($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  },
  {
    // [SH] CloudWatch.6 = [LZA] ConsoleAuthenticationFailureMetricFilter (CIS 4.6).
    id: 'CisConsoleAuthenticationFailures',
    cis: '4.6',
    securityHub: 'CloudWatch.6',
    title: { en: 'A console sign-in failed authentication', ja: 'コンソールへのサインインが認証に失敗しました' },
    items: ['CA-1', 'OP-2'],
    filterPattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  },
  {
    // [SH] CloudWatch.7 = [LZA] DisableOrDeleteCMKMetricFilter (CIS 4.7).
    id: 'CisKmsKeyDisabledOrScheduledForDeletion',
    cis: '4.7',
    securityHub: 'CloudWatch.7',
    title: {
      en: 'A customer managed KMS key was disabled or scheduled for deletion',
      ja: 'カスタマー管理の KMS キーが無効化または削除予約されました',
    },
    items: ['DM-2', 'LA-4'],
    filterPattern: '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  },
  {
    // [SH] CloudWatch.8 = [LZA] S3BucketPolicyChangesMetricFilter (CIS 4.8).
    id: 'CisS3BucketPolicyChanges',
    cis: '4.8',
    securityHub: 'CloudWatch.8',
    title: {
      en: 'An S3 bucket policy, ACL, CORS, lifecycle or replication configuration was changed',
      ja: 'S3 バケットのポリシー、ACL、CORS、ライフサイクルまたはレプリケーションの設定が変更されました',
    },
    items: ['LA-3', 'DM-5'],
    filterPattern:
      '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ' +
      '($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ' +
      '($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ' +
      '($.eventName=DeleteBucketReplication))}',
  },
  {
    // [SH] CloudWatch.9 = [LZA] AWSConfigChangesMetricFilter (CIS 4.9).
    id: 'CisConfigChanges',
    cis: '4.9',
    securityHub: 'CloudWatch.9',
    title: { en: 'The AWS Config recorder or delivery channel was changed', ja: 'AWS Config のレコーダーまたは配信チャネルが変更されました' },
    items: ['LA-3'],
    filterPattern:
      '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ' +
      '($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  },
  {
    // [SH] CloudWatch.10 = [LZA] SecurityGroupChangesMetricFilter (CIS 4.10).
    id: 'CisSecurityGroupChanges',
    cis: '4.10',
    securityHub: 'CloudWatch.10',
    title: { en: 'A security group was changed', ja: 'セキュリティグループが変更されました' },
    items: ['LA-3', 'BP-1'],
    filterPattern:
      '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ' +
      '($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ' +
      '($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  },
  {
    // [SH] CloudWatch.11 = [LZA] NetworkACLChangesMetricFilter (CIS 4.11).
    id: 'CisNetworkAclChanges',
    cis: '4.11',
    securityHub: 'CloudWatch.11',
    title: { en: 'A network ACL was changed', ja: 'ネットワーク ACL が変更されました' },
    items: ['LA-3', 'BP-1'],
    filterPattern:
      '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ' +
      '($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  },
  {
    // [SH] CloudWatch.12 = [LZA] NetworkGatewayChangesMetricFilter (CIS 4.12).
    id: 'CisNetworkGatewayChanges',
    cis: '4.12',
    securityHub: 'CloudWatch.12',
    title: { en: 'An internet or customer gateway was changed', ja: 'インターネットゲートウェイまたはカスタマーゲートウェイが変更されました' },
    items: ['LA-3', 'DM-5'],
    filterPattern:
      '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ' +
      '($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  },
  {
    // [SH] CloudWatch.13 = [LZA] RouteTableChangesMetricFilter (CIS 4.13).
    id: 'CisRouteTableChanges',
    cis: '4.13',
    securityHub: 'CloudWatch.13',
    title: { en: 'A route table was changed', ja: 'ルートテーブルが変更されました' },
    items: ['LA-3'],
    filterPattern:
      '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ' +
      '($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ' +
      '($.eventName=DisassociateRouteTable)}',
  },
  {
    // [SH] CloudWatch.14 = [LZA] VPCChangesMetricFilter (CIS 4.14).
    id: 'CisVpcChanges',
    cis: '4.14',
    securityHub: 'CloudWatch.14',
    title: { en: 'A VPC or VPC peering connection was changed', ja: 'VPC または VPC ピアリング接続が変更されました' },
    items: ['LA-3'],
    filterPattern:
      '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ' +
      '($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ' +
      '($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ' +
      '($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ' +
      '($.eventName=EnableVpcClassicLink)}',
  },
  {
    // [CIS] 4.15 (no Security Hub control). Meaningful where the trail records the management account:
    // the organization form's organization trail, or a baseline deployed in the management account.
    id: 'CisOrganizationsChanges',
    cis: '4.15',
    title: { en: 'AWS Organizations was changed', ja: 'AWS Organizations の設定が変更されました' },
    items: ['LA-3', 'LA-4'],
    filterPattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ' +
      '($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ' +
      '($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ' +
      '($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ' +
      '($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ' +
      '($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ' +
      '($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ' +
      '($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  },
];

/**
 * The alarm's description (one line, `<en> / <ja>` through `alarmDescription`): what happened, the CIS
 * recommendation and Security Hub control, and the guideline items.
 */
export function cisAlarmText(alarm: CisAlarm): LocalizedText {
  const control = (sep: string) => [`CIS AWS Foundations ${alarm.cis}`, ...(alarm.securityHub ? [`Security Hub ${alarm.securityHub}`] : [])].join(sep);
  return {
    en: `${alarm.title.en} (${control(', ')} metric filter on CloudTrail; fintech-guardrails ${alarm.items.join(', ')}).`,
    ja: `${alarm.title.ja}（CloudTrail のメトリクスフィルター ${control('、')}。ガイドライン項目 ${alarm.items.join('、')}）。`,
  };
}
