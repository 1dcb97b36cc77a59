/**
 * What the account baseline deploys, part by part, against the guideline items each part covers: data
 * for the documentation (`renderBaselineTable`, put in the README by the docs generator) and for the
 * tests that check the stack really deploys each part.
 */
import { getItem, ITEMS, LocalizedText } from '../catalog';
import { attestationItems } from './attestation';
import { CIS_ALARMS } from './cis-alarms';

/** One part of the baseline. */
export interface BaselinePart {
  /** Stable ID of the part. */
  readonly id: string;
  /** Name of the part. */
  readonly name: LocalizedText;
  /** What the part deploys. */
  readonly deploys: LocalizedText;
  /** The guideline items it covers (catalog IDs). */
  readonly items: readonly string[];
  /** CloudFormation resource types the part deploys (checked by the tests). */
  readonly resourceTypes: readonly string[];
  /** The prop that adjusts or turns the part off, if any. */
  readonly props?: readonly string[];
  /** Deployed by the organization form only. */
  readonly organizationOnly?: boolean;
}

/** The parts of `FinTechAccountBaseline` (and of the organization form), with the items they cover. */
export const BASELINE_PARTS: readonly BaselinePart[] = [
  {
    id: 'audit-trail',
    name: { ja: '監査証跡と改ざんできないログ保管', en: 'Audit trail and write-once archive' },
    deploys: {
      ja: 'マルチリージョンの CloudTrail（ログファイル検証、KMS 暗号化）を WriteOnceLogArchive（S3 オブジェクトロック COMPLIANCE）と CloudWatch Logs へ',
      en: 'Multi-region CloudTrail trail (log file validation, KMS-encrypted) into a WriteOnceLogArchive (S3 Object Lock, COMPLIANCE) and CloudWatch Logs',
    },
    items: ['LA-1', 'LA-2', 'EX-1'],
    resourceTypes: ['AWS::CloudTrail::Trail', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup'],
    props: ['accountTrail', 'archiveRetention', 'archiveObjectLockMode', 'trailLogRetention'],
  },
  {
    id: 'root',
    name: { ja: 'ルートユーザーの監視', en: 'Root user watch' },
    deploys: {
      ja: 'RootLoginNotification（サインインと API 操作の通知）、CIS のルート利用メトリクスフィルターとアラーム、Config ルール（ルートの MFA・ハードウェア MFA・アクセスキー）',
      en: 'RootLoginNotification (sign-ins and API calls), the CIS root-usage metric filter and alarm, Config rules for root MFA, hardware MFA and access keys',
    },
    items: ['CA-2', 'CA-3', 'EX-1'],
    resourceTypes: ['AWS::Events::Rule', 'AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm', 'AWS::Config::ConfigRule'],
  },
  {
    id: 'people',
    name: { ja: '日常業務用の ID と認証', en: 'Everyday identities and sign-in' },
    deploys: {
      ja: 'MFA 必須の日常業務ロール（管理者・エンジニア・閲覧・監査）、強固なパスワードポリシー、IAM ユーザーの MFA と未使用認証情報の Config ルール、IAM Access Analyzer',
      en: 'MFA-only everyday roles (administrator, engineer, read-only, auditor), a strong password policy, Config rules for IAM users\' MFA and unused credentials, IAM Access Analyzer',
    },
    items: ['CA-1', 'CA-4', 'CA-5', 'CA-6'],
    resourceTypes: ['AWS::IAM::Role', 'AWS::Config::ConfigRule', 'AWS::AccessAnalyzer::Analyzer'],
    props: ['trustedAccountId', 'roleNamePrefix', 'maxSessionDuration', 'passwordPolicy', 'accessAnalyzer'],
  },
  {
    id: 'configuration-recording',
    name: { ja: '設定変更の記録', en: 'Configuration recording' },
    deploys: {
      ja: 'AWS Config レコーダー（全リソース、グローバルリソースを含む）と暗号化バケットへの配信チャネル',
      en: 'AWS Config recorder (all supported resources, global ones included) and a delivery channel to an encrypted bucket',
    },
    items: ['LA-3'],
    resourceTypes: ['AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel'],
    props: ['configRecorder'],
  },
  {
    id: 'change-notifications',
    name: { ja: '設定変更の通知', en: 'Configuration change notifications' },
    deploys: {
      ja: 'IAM、セキュリティグループ、ネットワーク ACL、CloudTrail、KMS キー、ログ保管バケット、セキュリティ監視サービスの変更を通知する EventBridge ルール',
      en: 'EventBridge rules that notify changes to IAM, security groups, network ACLs, CloudTrail, KMS keys, the log buckets and the security services',
    },
    items: ['LA-3'],
    resourceTypes: ['AWS::Events::Rule'],
  },
  {
    id: 'sensitive-work',
    name: { ja: '機微な作業の通知', en: 'Sensitive work notifications' },
    deploys: {
      ja: 'Session Manager のセッション開始、KMS キーの無効化・削除予約、アクセスキー作成、CloudTrail の停止・削除、MFA なしのコンソールサインイン、管理者ロールの利用を通知',
      en: 'Notifications for Session Manager sessions, KMS key disabling or deletion, access-key creation, CloudTrail stopped or deleted, console sign-in without MFA, use of the administrator role',
    },
    items: ['LA-4', 'CA-1'],
    resourceTypes: ['AWS::Events::Rule', 'AWS::CloudWatch::Alarm'],
  },
  {
    id: 'cis-alarms',
    name: { ja: 'CIS の監視アラーム', en: 'CIS monitoring alarms' },
    deploys: {
      ja: '証跡の CloudWatch Logs に CIS AWS Foundations Benchmark 4.1、4.2、4.4〜4.15（Security Hub CloudWatch.2〜14）のメトリクスフィルターとアラーム: 権限のない API 呼び出し、MFA なしのサインイン、サインインの失敗、IAM ポリシー・CloudTrail・AWS Config・S3 バケットポリシー・セキュリティグループ・ネットワーク ACL・ゲートウェイ・ルートテーブル・VPC・AWS Organizations の変更、KMS キーの無効化・削除予約',
      en: 'CIS AWS Foundations Benchmark 4.1, 4.2 and 4.4–4.15 (Security Hub CloudWatch.2–14) metric filters and alarms on the trail\'s CloudWatch Logs: unauthorized API calls, sign-in without MFA, failed sign-ins, changes to IAM policies, CloudTrail, AWS Config, S3 bucket policies, security groups, network ACLs, gateways, route tables, VPCs and AWS Organizations, KMS keys disabled or scheduled for deletion',
    },
    items: ITEMS.map((i) => i.id).filter((id) => CIS_ALARMS.some((a) => a.items.includes(id))),
    resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
    props: ['cisAlarms'],
  },
  {
    id: 'detection',
    name: { ja: '脅威検知とセキュリティ標準', en: 'Threat detection and security standards' },
    deploys: {
      ja: 'GuardDuty（S3 保護、マルウェア保護など）と検出結果の通知、Security Hub（AWS 基礎的セキュリティのベストプラクティス、CIS AWS Foundations）',
      en: 'GuardDuty (S3 protection, malware protection, ...) with finding notifications, Security Hub (AWS Foundational Security Best Practices, CIS AWS Foundations)',
    },
    items: ['DM-5', 'CF-3', 'OP-2'],
    resourceTypes: ['AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::SecurityHub::Standard'],
    props: ['guardDuty', 'guardDutyFeatures', 'guardDutyMinSeverity', 'securityHub', 'securityHubStandards'],
  },
  {
    id: 'patching',
    name: { ja: 'パッチ適用の確認', en: 'Patch compliance' },
    deploys: {
      ja: 'Config ルール: EC2 インスタンスが Systems Manager の管理下にあり、パッチが適用済みであること',
      en: 'Config rules: EC2 instances are managed by Systems Manager and their patches are compliant',
    },
    items: ['CM-4', 'CF-3'],
    resourceTypes: ['AWS::Config::ConfigRule'],
  },
  {
    id: 'secure-defaults',
    name: { ja: 'アカウント全体の安全な既定値', en: 'Account-wide secure defaults' },
    deploys: {
      ja: 'EBS の既定暗号化、S3 のアカウント単位のパブリックアクセスブロック（設定と Config ルールでの監視）',
      en: 'EBS encryption by default and the account-level S3 public access block (set, and watched by Config rules)',
    },
    items: ['DM-1', 'DM-5'],
    resourceTypes: ['AWS::Config::ConfigRule'],
    props: ['accountSettings'],
  },
  {
    id: 'backups',
    name: { ja: 'バックアップ', en: 'Backups' },
    deploys: {
      ja: 'AWS Backup のボールト（KMS、削除禁止、任意でボールトロック）とプラン（毎日 35 日保持、毎月 1 年保持）。タグ backup=true のリソースが対象',
      en: 'AWS Backup vault (KMS, deletion denied, optional Vault Lock) and plan (daily kept 35 days, monthly kept 1 year) for resources tagged backup=true',
    },
    items: ['OP-3', 'CF-2'],
    resourceTypes: ['AWS::Backup::BackupVault', 'AWS::Backup::BackupPlan', 'AWS::Backup::BackupSelection'],
    props: ['backup', 'backupVaultLock'],
  },
  {
    id: 'finding-notifications',
    name: { ja: '検出結果と AWS Health の通知', en: 'Finding and AWS Health notifications' },
    deploys: {
      ja: 'Security Hub の新しい CRITICAL / HIGH の検出結果、AWS Config ルールの NON_COMPLIANT 評価、AWS Health イベントを通知する EventBridge ルール',
      en: 'EventBridge rules that notify new CRITICAL and HIGH Security Hub findings, NON_COMPLIANT AWS Config evaluations and AWS Health events',
    },
    items: ['OP-2', 'DM-5', 'CF-3', 'LA-3', 'CM-4', 'OP-1', 'CF-1'],
    resourceTypes: ['AWS::Events::Rule'],
    props: ['findingNotifications'],
  },
  {
    id: 'session-logging',
    name: { ja: 'Session Manager の操作記録', en: 'Session Manager logging' },
    deploys: {
      ja: 'Session Manager の設定（SSM-SessionManagerRunShell）: セッションの操作記録を WriteOnceLogArchive（session-manager/）と暗号化した CloudWatch Logs へ、専用 KMS キーでセッションを暗号化。インスタンスロール用の管理ポリシー',
      en: 'Session Manager preferences (SSM-SessionManagerRunShell): session transcripts into the WriteOnceLogArchive (session-manager/) and an encrypted CloudWatch Logs group, sessions encrypted with a KMS key of their own; a managed policy for instance roles',
    },
    items: ['EX-1', 'LA-2', 'LA-4'],
    resourceTypes: ['AWS::SSM::Document', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::IAM::ManagedPolicy'],
    props: ['sessionLogging'],
  },
  {
    id: 'notifications',
    name: { ja: '通知先', en: 'Notification topic' },
    deploys: {
      ja: 'KMS で暗号化し TLS を強制した SNS トピック 1 つと管理者のメール購読（すべての通知が日本語と英語で届く）',
      en: 'One KMS-encrypted, TLS-only SNS topic with the managers\' email subscriptions (every notification in Japanese and English)',
    },
    items: ['CA-3', 'LA-3', 'LA-4', 'OP-2'],
    resourceTypes: ['AWS::SNS::Topic', 'AWS::SNS::Subscription'],
    props: ['managerEmails'],
  },
  {
    id: 'attestations',
    name: { ja: '証跡による確認項目', en: 'Attestation items' },
    deploys: {
      ja: 'テンプレートでは示せない項目ごとの AWS Config プロセスチェックルール（fintech-<項目 ID>）。担当者が Config のコンプライアンス画面で準拠を記録する',
      en: 'An AWS Config process-check rule per item no template can show (fintech-<item ID>), marked compliant by the person who signs it off in the Config compliance view',
    },
    items: attestationItems().map((i) => i.id),
    resourceTypes: ['AWS::Config::ConfigRule'],
    props: ['attestationRules'],
  },
  {
    id: 'workload-config-rules',
    name: { ja: 'ワークロードの設定を見る Config ルール', en: 'Config rules for the workloads' },
    deploys: {
      ja: 'CDK かどうかを問わず、デプロイ済みのリソースを判定する AWS Config マネージドルール: VPC フローログ、デフォルトセキュリティグループにルールがないこと、ECR のプッシュ時スキャンとイミュータブルタグ（パックのルール FTG-EC2-6、FTG-EC2-1、FTG-ECR-1、FTG-ECR-2 に対応）',
      en: 'AWS Config managed rules that judge the deployed resources, CDK or not: VPC flow logs, closed default security groups, ECR scan on push and immutable tags (the counterparts of the pack rules FTG-EC2-6, FTG-EC2-1, FTG-ECR-1, FTG-ECR-2)',
    },
    items: ['LA-2', 'BP-1', 'CF-4', 'CF-3', 'CM-4', 'NT-2', 'CM-1'],
    resourceTypes: ['AWS::Config::ConfigRule'],
  },
  {
    id: 'deploy-checks',
    name: { ja: 'デプロイ時の確認', en: 'Checks at deploy time' },
    deploys: {
      ja: 'このプロジェクトの cfn-guard ルールを、CDK かどうかを問わずアカウントがデプロイするすべてのスタックに適用する CloudFormation Guard Hook（既定は WARN、FAIL も選択可）と、項目 ID 付きのマネージド Config ルールとプロセスチェックからなるガイドラインの AWS Config コンフォーマンスパック',
      en: "A CloudFormation Guard Hook that runs this project's cfn-guard rules on every stack the account deploys, CDK or not (WARN by default, FAIL on request), and the guideline's AWS Config conformance pack of managed rules and process checks named with their item IDs",
    },
    items: ['CM-1', 'CM-5', 'NT-2'],
    resourceTypes: ['AWS::CloudFormation::GuardHook', 'AWS::Config::ConformancePack'],
    props: ['guardHook', 'conformancePack'],
  },
  {
    id: 'organization',
    name: { ja: '組織（複数アカウント）', en: 'Organization (many accounts)' },
    deploys: {
      ja: 'ログアーカイブアカウントの中央 WriteOnceLogArchive への組織の証跡、メンバーアカウントへのベースライン展開（サービスマネージド StackSets、自動デプロイ）',
      en: 'An organization trail into a central WriteOnceLogArchive in the log-archive account, and the member baseline rolled out with service-managed StackSets (automatic deployment)',
    },
    items: ['LA-1', 'LA-2', 'EX-1', 'CA-4'],
    resourceTypes: ['AWS::CloudTrail::Trail', 'AWS::CloudFormation::StackSet'],
    organizationOnly: true,
  },
];

/** The parts that cover `itemId`. */
export function partsCovering(itemId: string): BaselinePart[] {
  return BASELINE_PARTS.filter((p) => p.items.includes(itemId));
}

/**
 * A Markdown table of the baseline's parts against the guideline items they cover, with each item's
 * text from the catalog (English; `lang: 'ja'` for Japanese).
 */
export function renderBaselineTable(lang: 'en' | 'ja' = 'en'): string {
  const head = lang === 'ja'
    ? ['構成要素', 'デプロイするもの', 'ガイドライン項目']
    : ['Part', 'What it deploys', 'Guideline items'];
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const part of BASELINE_PARTS) {
    const name = part.name[lang] + (part.organizationOnly ? (lang === 'ja' ? '（組織向け）' : ' (organization form)') : '');
    const items =
      part.id === 'attestations'
        ? part.items.join(', ')
        : part.items.map((id) => `**${id}** ${getItem(id)[lang]}`).join('<br>');
    lines.push(`| ${cell(name)} | ${cell(part.deploys[lang])} | ${cell(items)} |`);
  }
  return lines.join('\n') + '\n';
}
