/**
 * Finding notifications (OP-2, DM-5, CF-3, LA-3, CM-4, OP-1, CF-1): three EventBridge rules on the
 * baseline's topic, each with a bilingual message naming its guideline items.
 *
 * - `SecurityHubFindingRule`: new, active Security Hub findings of severity CRITICAL or HIGH
 *   (`Security Hub Findings - Imported`, `Workflow.Status` NEW, `RecordState` ACTIVE). A finding is
 *   notified as long as it stays NEW and is updated: set its workflow status (NOTIFIED, RESOLVED,
 *   SUPPRESSED) once it is handled. GuardDuty findings, and IAM Access Analyzer findings when the
 *   baseline's analyzer notifies them, are left out (their own rules notify them already). The rule is
 *   made even with `securityHub: false`, like the GuardDuty rule: that prop means another deployment
 *   enabled Security Hub, and its findings still arrive on this account's event bus.
 * - `ConfigNonCompliantRule`: an AWS Config rule found a resource NON_COMPLIANT
 *   (`Config Rules Compliance Change`). The rules Security Hub creates for its controls
 *   (`securityhub-...`) are left out: their failures reach the managers as Security Hub findings.
 * - `HealthEventRule`: AWS Health events for the account (`AWS Health Event`, `AWS Health Abuse Event`)
 *   in the baseline's region. AWS Health delivers events of global services (IAM, billing, ...) in
 *   us-east-1 only: those reach a baseline in another region only if something forwards them (the
 *   global-event forwarder does not).
 *
 * EventBridge publishes to the encrypted topic with the topic key's `events.amazonaws.com` statement
 * (parts/notifications.ts). The rules are protected from the engineer role like every notification rule.
 */
import * as events from 'aws-cdk-lib/aws-events';
import { accountAndRegion, alertMessage, eventField, field } from '../../constructs/alert-message';
import { BaselineContext } from './context';

/** The guideline items each finding notification serves. */
export const FINDING_NOTIFICATION_ITEMS = {
  securityHub: ['OP-2', 'DM-5', 'CF-3'],
  config: ['LA-3', 'CM-4', 'OP-2'],
  health: ['OP-1', 'OP-2', 'CF-1'],
} as const;

/** Security Hub severities that are notified. */
export const NOTIFIED_SECURITY_HUB_SEVERITIES: readonly string[] = ['CRITICAL', 'HIGH'];

/** The prefix of the AWS Config rules Security Hub creates for its controls. */
export const SECURITY_HUB_CONFIG_RULE_PREFIX = 'securityhub-';

export interface FindingNotificationsOptions {
  /** Whether the baseline's Access Analyzer notifies its findings (they are then left out of Security Hub's). */
  readonly accessAnalyzerNotified: boolean;
}

export class FindingNotifications {
  /** The rule that notifies new CRITICAL and HIGH Security Hub findings. */
  public readonly securityHubRule: events.Rule;

  /** The rule that notifies resources AWS Config found NON_COMPLIANT. */
  public readonly configRule: events.Rule;

  /** The rule that notifies AWS Health events. */
  public readonly healthRule: events.Rule;

  constructor(base: BaselineContext, options: FindingNotificationsOptions) {
    const notifications = base.notifications;
    // Findings that another rule of the baseline already notifies.
    const notifiedElsewhere = ['GuardDuty', ...(options.accessAnalyzerNotified ? ['IAM Access Analyzer'] : [])];
    this.securityHubRule = notifications.notify('SecurityHubFindingRule', {
      description: `New CRITICAL or HIGH Security Hub finding (fintech-guardrails ${FINDING_NOTIFICATION_ITEMS.securityHub.join(', ')})`,
      eventPattern: {
        source: ['aws.securityhub'],
        detailType: ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: [...NOTIFIED_SECURITY_HUB_SEVERITIES] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
            ProductName: events.Match.anythingBut(...notifiedElsewhere),
          },
        },
      },
    }, securityHubMessage());

    this.configRule = notifications.notify('ConfigNonCompliantRule', {
      description: `An AWS Config rule found a resource NON_COMPLIANT (fintech-guardrails ${FINDING_NOTIFICATION_ITEMS.config.join(', ')})`,
      eventPattern: {
        source: ['aws.config'],
        detailType: ['Config Rules Compliance Change'],
        detail: {
          messageType: ['ComplianceChangeNotification'],
          configRuleName: events.Match.anythingButPrefix(SECURITY_HUB_CONFIG_RULE_PREFIX),
          newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
        },
      },
    }, configMessage());

    this.healthRule = notifications.notify('HealthEventRule', {
      description: `AWS Health event for the account (fintech-guardrails ${FINDING_NOTIFICATION_ITEMS.health.join(', ')})`,
      eventPattern: {
        source: ['aws.health'],
        detailType: ['AWS Health Event', 'AWS Health Abuse Event'],
      },
    }, healthMessage());
  }

  /** The rules, for the engineer's denial. */
  public get rules(): events.Rule[] {
    return [this.securityHubRule, this.configRule, this.healthRule];
  }
}

const F = eventField;
const FINDING = '$.detail.findings[0]';

function securityHubMessage(): events.RuleTargetInput {
  return alertMessage({
    title: {
      ja: '【Security Hub】重大度 CRITICAL / HIGH の新しい検出結果があります',
      en: '[Security Hub] A new CRITICAL or HIGH finding',
    },
    lines: [
      field('重大度', 'Severity', F(`${FINDING}.Severity.Label`)),
      field('概要', 'Title', F(`${FINDING}.Title`)),
      field('検出元', 'Product', F(`${FINDING}.ProductName`)),
      field('リソース', 'Resource', `${F(`${FINDING}.Resources[0].Id`)} (${F(`${FINDING}.Resources[0].Type`)})`),
      accountAndRegion(),
      field('検出 ID', 'Finding ID', F(`${FINDING}.Id`)),
    ],
    advice: {
      ja: 'インシデント対応手順に従って調査し、対応を記録してください。対応後はワークフローの状態（NOTIFIED、RESOLVED、SUPPRESSED）を設定してください。NEW のままでは更新のたびに通知されます。',
      en: 'Investigate following your incident procedure and record what you did. Then set the finding\'s workflow status (NOTIFIED, RESOLVED, SUPPRESSED): a NEW finding is notified again whenever it is updated.',
    },
    items: FINDING_NOTIFICATION_ITEMS.securityHub,
  });
}

function configMessage(): events.RuleTargetInput {
  return alertMessage({
    title: {
      ja: '【AWS Config】ルールに準拠していないリソースがあります',
      en: '[AWS Config] A resource is not compliant with a rule',
    },
    lines: [
      field('ルール', 'Rule', F('$.detail.configRuleName')),
      field('リソース', 'Resource', `${F('$.detail.resourceId')} (${F('$.detail.resourceType')})`),
      field('注記', 'Annotation', F('$.detail.newEvaluationResult.annotation')),
      accountAndRegion(),
      field('評価日時 (UTC)', 'Evaluated (UTC)', F('$.detail.newEvaluationResult.resultRecordedTime')),
    ],
    advice: {
      ja: 'リソースを修正してください。意図した例外であれば、その理由を記録してください（事後検証できるように）。',
      en: 'Fix the resource. If it is an intended exception, record why, so that it can be checked afterwards.',
    },
    items: FINDING_NOTIFICATION_ITEMS.config,
  });
}

function healthMessage(): events.RuleTargetInput {
  return alertMessage({
    title: {
      ja: '【AWS Health】アカウントに関係する AWS のイベントがあります',
      en: '[AWS Health] An AWS event concerns the account',
    },
    lines: [
      field('サービス', 'Service', F('$.detail.service')),
      field('種類', 'Type', `${F('$.detail.eventTypeCode')} (${F('$.detail.eventTypeCategory')})`),
      field('状態', 'Status', F('$.detail.statusCode')),
      field('開始 (UTC)', 'Start (UTC)', F('$.detail.startTime')),
      [field('アカウント', 'Account', F('$.account')), field('対象リージョン', 'Affected region', F('$.detail.eventRegion'))],
      field('説明', 'Description', F('$.detail.eventDescription[0].latestDescription')),
    ],
    advice: {
      ja: '影響を受けるリソースを確認し、障害対応・事業継続の手順に従って対応してください。予定された変更は期限までに対処してください。',
      en: 'Check the affected resources and act following your failure-response and continuity procedures. Handle scheduled changes before their deadline.',
    },
    items: FINDING_NOTIFICATION_ITEMS.health,
  });
}
