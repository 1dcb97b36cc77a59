/**
 * What the account baseline watches in CloudTrail, as data: the configuration changes that are
 * notified (LA-3) and the sensitive work that is notified (LA-4). `FinTechAccountBaseline` turns each
 * entry into one EventBridge rule with a bilingual message; tests and documentation read the same
 * lists.
 */
import * as events from 'aws-cdk-lib/aws-events';
import { LocalizedText } from '../catalog';
import { accountAndRegion, alertMessage, eventField, field } from '../constructs/alert-message';

/** The region where AWS delivers the CloudTrail events of global services (IAM, console sign-in, global STS). */
export const GLOBAL_EVENTS_REGION = 'us-east-1';

/** One kind of CloudTrail activity that is notified. */
export interface WatchedActivity {
  /** Construct ID of the rule (public API: keep stable). */
  readonly id: string;
  /** Guideline items the notification serves. */
  readonly items: readonly string[];
  /** The first line of the message. */
  readonly title: LocalizedText;
  /** What the reader should do. */
  readonly advice: LocalizedText;
  /** EventBridge `source` values (`aws.iam`, ...). */
  readonly sources: readonly string[];
  /** EventBridge `detail-type`. */
  readonly detailType: string;
  /** CloudTrail `eventSource` values. */
  readonly eventSources?: readonly string[];
  /** CloudTrail `eventName` values. */
  readonly eventNames: readonly string[];
  /** More of the `detail` pattern. */
  readonly detail?: Record<string, unknown>;
  /**
   * The events are delivered only in us-east-1 (IAM, console sign-in): outside us-east-1 the baseline
   * receives them through the global-event forwarder.
   */
  readonly global?: boolean;
}

const API_CALL = 'AWS API Call via CloudTrail';
const SIGN_IN = 'AWS Console Sign In via CloudTrail';

/** IAM API calls that change who may do what (LA-3). `CreateAccessKey` is sensitive work (LA-4) instead. */
export const IAM_CHANGE_EVENTS: readonly string[] = [
  'CreateUser', 'DeleteUser', 'UpdateUser',
  'CreateRole', 'DeleteRole', 'UpdateRole', 'UpdateAssumeRolePolicy',
  'CreateGroup', 'DeleteGroup', 'AddUserToGroup', 'RemoveUserFromGroup',
  'AttachUserPolicy', 'DetachUserPolicy', 'PutUserPolicy', 'DeleteUserPolicy',
  'AttachRolePolicy', 'DetachRolePolicy', 'PutRolePolicy', 'DeleteRolePolicy',
  'AttachGroupPolicy', 'DetachGroupPolicy', 'PutGroupPolicy', 'DeleteGroupPolicy',
  'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion',
  'PutUserPermissionsBoundary', 'DeleteUserPermissionsBoundary', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary',
  'CreateLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile',
  'DeactivateMFADevice', 'DeleteVirtualMFADevice',
  'UpdateAccessKey', 'DeleteAccessKey',
  'UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy',
  'CreateSAMLProvider', 'UpdateSAMLProvider', 'DeleteSAMLProvider',
  'CreateOpenIDConnectProvider', 'DeleteOpenIDConnectProvider', 'UpdateOpenIDConnectProviderThumbprint',
];

/** Configuration changes notified as they happen (LA-3: クラウドの設定変更を記録し、変更時に自動通知). */
export const CONFIGURATION_CHANGES: readonly WatchedActivity[] = [
  {
    id: 'IamChangeRule',
    items: ['LA-3', 'CA-5'],
    title: { ja: 'IAM の設定が変更されました', en: 'IAM configuration changed' },
    advice: {
      ja: '変更がレビュー済みの作業によるものか確認してください。',
      en: 'Check that the change comes from reviewed work.',
    },
    sources: ['aws.iam'],
    detailType: API_CALL,
    eventSources: ['iam.amazonaws.com'],
    eventNames: IAM_CHANGE_EVENTS,
    global: true,
  },
  {
    id: 'SecurityGroupChangeRule',
    items: ['LA-3'],
    title: { ja: 'セキュリティグループが変更されました', en: 'Security group changed' },
    advice: {
      ja: '不要な通信が許可されていないか確認してください。',
      en: 'Check that no unneeded traffic is now allowed.',
    },
    sources: ['aws.ec2'],
    detailType: API_CALL,
    eventSources: ['ec2.amazonaws.com'],
    eventNames: [
      'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
      'ModifySecurityGroupRules', 'CreateSecurityGroup', 'DeleteSecurityGroup',
    ],
  },
  {
    id: 'NetworkAclChangeRule',
    items: ['LA-3'],
    title: { ja: 'ネットワーク ACL が変更されました', en: 'Network ACL changed' },
    advice: {
      ja: '不要な通信が許可されていないか確認してください。',
      en: 'Check that no unneeded traffic is now allowed.',
    },
    sources: ['aws.ec2'],
    detailType: API_CALL,
    eventSources: ['ec2.amazonaws.com'],
    eventNames: [
      'CreateNetworkAcl', 'DeleteNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation',
    ],
  },
  {
    id: 'CloudTrailChangeRule',
    items: ['LA-3', 'LA-2'],
    title: { ja: 'CloudTrail の設定が変更されました', en: 'CloudTrail configuration changed' },
    advice: {
      ja: '監査ログの記録範囲が狭まっていないか確認してください。',
      en: 'Check that the audit log still records everything it did.',
    },
    sources: ['aws.cloudtrail'],
    detailType: API_CALL,
    eventSources: ['cloudtrail.amazonaws.com'],
    eventNames: ['CreateTrail', 'UpdateTrail', 'StartLogging', 'PutEventSelectors', 'PutInsightSelectors'],
  },
  {
    id: 'KmsKeyChangeRule',
    items: ['LA-3', 'DM-2'],
    title: { ja: 'KMS キーの設定が変更されました', en: 'KMS key configuration changed' },
    advice: {
      ja: 'キーポリシーやローテーションの変更が意図したものか確認してください。',
      en: 'Check that the key policy or rotation change was intended.',
    },
    sources: ['aws.kms'],
    detailType: API_CALL,
    eventSources: ['kms.amazonaws.com'],
    eventNames: [
      'PutKeyPolicy', 'DisableKeyRotation', 'EnableKey', 'CancelKeyDeletion',
      'ImportKeyMaterial', 'DeleteImportedKeyMaterial', 'UpdatePrimaryRegion',
    ],
  },
  {
    id: 'SecurityServiceChangeRule',
    items: ['LA-3', 'DM-5', 'OP-2'],
    title: {
      ja: 'セキュリティ監視サービスの設定が変更されました',
      en: 'A security monitoring service was changed',
    },
    advice: {
      ja: 'ベースライン（Config、GuardDuty、Security Hub、Access Analyzer、Backup、通知）が弱められていないか確認してください。',
      en: 'Check that the baseline (Config, GuardDuty, Security Hub, Access Analyzer, Backup, notifications) was not weakened.',
    },
    sources: ['aws.config', 'aws.guardduty', 'aws.securityhub', 'aws.access-analyzer', 'aws.backup', 'aws.events', 'aws.sns'],
    detailType: API_CALL,
    eventSources: [
      'config.amazonaws.com', 'guardduty.amazonaws.com', 'securityhub.amazonaws.com',
      'access-analyzer.amazonaws.com', 'backup.amazonaws.com', 'events.amazonaws.com', 'sns.amazonaws.com',
    ],
    eventNames: [
      // AWS Config
      'StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'PutConfigurationRecorder', 'DeleteDeliveryChannel', 'DeleteConfigRule',
      // GuardDuty
      'DeleteDetector', 'UpdateDetector', 'DisassociateFromAdministratorAccount', 'DisassociateFromMasterAccount', 'CreateFilter', 'UpdateFilter', 'CreateIPSet', 'UpdateIPSet',
      // Security Hub
      'DisableSecurityHub', 'BatchDisableStandards', 'UpdateStandardsControl', 'BatchUpdateStandardsControlAssociations',
      // IAM Access Analyzer
      'DeleteAnalyzer', 'CreateArchiveRule', 'UpdateArchiveRule',
      // AWS Backup
      'DeleteBackupPlan', 'UpdateBackupPlan', 'DeleteBackupSelection', 'DeleteBackupVault', 'PutBackupVaultAccessPolicy',
      'DeleteBackupVaultAccessPolicy', 'PutBackupVaultLockConfiguration', 'DeleteBackupVaultLockConfiguration', 'DeleteRecoveryPoint',
      // The notifications themselves
      'DisableRule', 'DeleteRule', 'RemoveTargets', 'DeleteTopic', 'Unsubscribe',
    ],
  },
];

/** Bucket-level S3 API calls that could weaken the log stores (LA-3, LA-1). */
export const LOG_BUCKET_CHANGE_EVENTS: readonly string[] = [
  'PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketVersioning', 'PutBucketLifecycle',
  'PutBucketLifecycleConfiguration', 'DeleteBucketLifecycle', 'PutBucketLogging', 'PutBucketEncryption', 'DeleteBucketEncryption',
  'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock', 'PutObjectLockConfiguration', 'PutBucketOwnershipControls',
  'DeleteBucketOwnershipControls', 'PutBucketReplication', 'DeleteBucketReplication', 'DeleteBucket',
];

/** Changes to the baseline's log buckets; the stack adds the bucket names to the pattern. */
export const LOG_BUCKET_CHANGES: WatchedActivity = {
  id: 'LogBucketChangeRule',
  items: ['LA-3', 'LA-1', 'EX-1'],
  title: {
    ja: '【重要】ログ保管用バケットの設定変更が試みられました',
    en: '[ALERT] A change to a log storage bucket was attempted',
  },
  advice: {
    ja: 'ログ保管先の変更はルートユーザーにしか許されていません。誰が何のために行ったか確認してください。',
    en: 'Only the root user may change the log stores. Find out who did this and why.',
  },
  sources: ['aws.s3'],
  detailType: API_CALL,
  eventSources: ['s3.amazonaws.com'],
  eventNames: LOG_BUCKET_CHANGE_EVENTS,
};

/** Sensitive work notified as it happens (LA-4: エンジニアが機微な作業を行った際に自動通知). */
export const SENSITIVE_WORK: readonly WatchedActivity[] = [
  {
    id: 'SessionManagerRule',
    items: ['LA-4', 'NT-2'],
    title: {
      ja: 'Session Manager でサーバーへのセッションが開始されました',
      en: 'A Session Manager session to a server was started',
    },
    advice: {
      ja: '本番サーバーへのログインが承認済みの作業か確認してください。',
      en: 'Check that signing in to the server was approved work.',
    },
    sources: ['aws.ssm'],
    detailType: API_CALL,
    eventSources: ['ssm.amazonaws.com'],
    eventNames: ['StartSession'],
  },
  {
    id: 'KmsKeyDeletionRule',
    items: ['LA-4', 'DM-2'],
    title: {
      ja: 'KMS キーの無効化または削除予約が行われました',
      en: 'A KMS key was disabled or scheduled for deletion',
    },
    advice: {
      ja: 'このキーで暗号化されたデータが読めなくなります。意図しない操作なら CancelKeyDeletion / EnableKey で直ちに戻してください。',
      en: 'Data encrypted under this key becomes unreadable. If this was not intended, undo it now with CancelKeyDeletion / EnableKey.',
    },
    sources: ['aws.kms'],
    detailType: API_CALL,
    eventSources: ['kms.amazonaws.com'],
    eventNames: ['DisableKey', 'ScheduleKeyDeletion'],
  },
  {
    id: 'AccessKeyCreatedRule',
    items: ['LA-4', 'CA-1', 'CA-6'],
    title: { ja: 'IAM アクセスキーが作成されました', en: 'An IAM access key was created' },
    advice: {
      ja: '長期アクセスキーは漏えいの原因になります。ロール（一時認証情報）で代替できないか確認してください。',
      en: 'Long-lived access keys leak. Check whether a role (temporary credentials) can be used instead.',
    },
    sources: ['aws.iam'],
    detailType: API_CALL,
    eventSources: ['iam.amazonaws.com'],
    eventNames: ['CreateAccessKey'],
    global: true,
  },
  {
    id: 'AuditLogStoppedRule',
    items: ['LA-4', 'LA-2', 'EX-1'],
    title: {
      ja: '【重要】CloudTrail の記録停止または証跡の削除が行われました',
      en: '[ALERT] CloudTrail logging was stopped or a trail was deleted',
    },
    advice: {
      ja: '監査ログが途切れています。直ちにセキュリティ責任者へ連絡し、記録を再開してください。',
      en: 'The audit log has a gap. Contact your security officer now and restart logging.',
    },
    sources: ['aws.cloudtrail'],
    detailType: API_CALL,
    eventSources: ['cloudtrail.amazonaws.com'],
    eventNames: ['StopLogging', 'DeleteTrail'],
  },
  {
    id: 'ConsoleSignInWithoutMfaRule',
    items: ['LA-4', 'CA-1'],
    title: {
      ja: 'MFA を使わずにマネジメントコンソールへサインインした IAM ユーザーがいます',
      en: 'An IAM user signed in to the console without MFA',
    },
    advice: {
      ja: 'このユーザーに MFA を設定させてください（CA-1: すべてのログインに 2 要素認証）。',
      en: 'Have this user set up MFA (CA-1: two-factor authentication on every login).',
    },
    sources: ['aws.signin'],
    detailType: SIGN_IN,
    eventNames: ['ConsoleLogin'],
    detail: {
      userIdentity: { type: ['IAMUser'] },
      additionalEventData: { MFAUsed: ['No'] },
      responseElements: { ConsoleLogin: ['Success'] },
    },
    global: true,
  },
];

/** The EventBridge pattern of a watched activity. */
export function activityPattern(activity: WatchedActivity, extraDetail: Record<string, unknown> = {}): events.EventPattern {
  return {
    source: [...activity.sources],
    detailType: [activity.detailType],
    detail: {
      ...(activity.eventSources ? { eventSource: [...activity.eventSources] } : {}),
      eventName: [...activity.eventNames],
      ...(activity.detail ?? {}),
      ...extraDetail,
    },
  };
}

const F = eventField;

/** A readable, bilingual message for a CloudTrail event of `activity`. */
export function activityMessage(activity: WatchedActivity): events.RuleTargetInput {
  const signIn = activity.detailType === SIGN_IN;
  return alertMessage({
    title: activity.title,
    lines: [
      field('イベント', 'Event', `${F('$.detail.eventName')} (${F('$.detail.eventSource')})`),
      field('実行者', 'Who', F('$.detail.userIdentity.arn')),
      field('日時 (UTC)', 'Time (UTC)', F('$.detail.eventTime')),
      accountAndRegion(),
      field('送信元 IP', 'Source IP', F('$.detail.sourceIPAddress')),
      signIn
        ? field('MFA 使用', 'MFA used', F('$.detail.additionalEventData.MFAUsed'))
        : field('MFA 使用', 'MFA used', F('$.detail.userIdentity.sessionContext.attributes.mfaAuthenticated')),
      signIn
        ? field('結果', 'Result', F('$.detail.responseElements.ConsoleLogin'))
        : field('エラー', 'Error', F('$.detail.errorCode')),
    ],
    advice: activity.advice,
    items: activity.items,
  });
}
