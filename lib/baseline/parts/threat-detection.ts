/**
 * Threat detection (DM-5, CF-3, OP-2, CA-5): Amazon GuardDuty, AWS Security Hub with its standards, IAM
 * Access Analyzer, and the notification of GuardDuty and Access Analyzer findings (GuardDuty findings are
 * notified even when another deployment manages the detector).
 */
import { Stack, Token } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { IConstruct } from 'constructs';
import { accountAndRegion, alertMessage, eventField, field } from '../../constructs/alert-message';
import { FinTechGuardrailsError } from '../../constructs/errors';
import { FinTechAccountBaselineProps, SecurityHubStandard } from '../account-baseline-props';
import { BaselineContext } from './context';

const DEFAULT_GUARDDUTY_FEATURES = ['S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS'];

export type ThreatDetectionProps = Pick<
FinTechAccountBaselineProps,
'guardDuty' | 'guardDutyFeatures' | 'securityHub' | 'securityHubStandards' | 'accessAnalyzer'
>;

export class ThreatDetection {
  /** The GuardDuty detector, unless `guardDuty` is false. */
  public readonly guardDutyDetector?: guardduty.CfnDetector;

  /** The Security Hub hub, unless `securityHub` is false. */
  public readonly securityHub?: securityhub.CfnHub;

  /** The IAM Access Analyzer, unless `accessAnalyzer` is false. */
  public readonly accessAnalyzer?: accessanalyzer.CfnAnalyzer;

  /**
   * @param minSeverity the lowest GuardDuty severity notified (see `validateMinSeverity`)
   * @param recorder the baseline's Config recorder, which Security Hub's standards wait for
   */
  constructor(base: BaselineContext, props: ThreatDetectionProps, minSeverity: number, recorder?: config.CfnConfigurationRecorder) {
    const stack = base.stack;
    if (props.guardDuty !== false) {
      this.guardDutyDetector = new guardduty.CfnDetector(stack, 'GuardDuty', {
        enable: true,
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
        features: (props.guardDutyFeatures ?? DEFAULT_GUARDDUTY_FEATURES).map((name) => ({ name, status: 'ENABLED' })),
      });
    }
    // Findings are notified even when another deployment manages the detector.
    base.notifications.notify('GuardDutyFindingRule', {
      description: 'GuardDuty finding (fintech-guardrails DM-5, CF-3, OP-2)',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: { severity: events.Match.greaterThanOrEqual(minSeverity) },
      },
    }, guardDutyMessage());
    if (props.securityHub !== false) this.securityHub = enableSecurityHub(stack, props.securityHubStandards, recorder);
    if (props.accessAnalyzer !== false) {
      this.accessAnalyzer = new accessanalyzer.CfnAnalyzer(stack, 'AccessAnalyzer', { type: 'ACCOUNT' });
      base.notifications.notify('AccessAnalyzerFindingRule', {
        description: 'IAM Access Analyzer found access from outside the account (fintech-guardrails DM-5, CA-5)',
        eventPattern: {
          source: ['aws.access-analyzer'],
          detailType: ['Access Analyzer Finding'],
          detail: { status: ['ACTIVE'] },
        },
      }, accessAnalyzerMessage());
    }
  }
}

/** `guardDutyMinSeverity` is from 1 to 8.9 (tokens pass). */
export function validateMinSeverity(scope: IConstruct, minSeverity: number): number {
  if (!Token.isUnresolved(minSeverity) && (typeof minSeverity !== 'number' || minSeverity < 1 || minSeverity >= 9)) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: guardDutyMinSeverity must be from 1 to 8.9, got ${String(minSeverity)}. Fix: 4 (medium) or 7 (high).`,
    );
  }
  return minSeverity;
}

function enableSecurityHub(stack: Stack, standards: SecurityHubStandard[] | undefined, recorder?: config.CfnConfigurationRecorder): securityhub.CfnHub {
  const hub = new securityhub.CfnHub(stack, 'SecurityHub', {
    enableDefaultStandards: false,
    controlFindingGenerator: 'SECURITY_CONTROL',
    autoEnableControls: true,
  });
  for (const standard of standards ?? [SecurityHubStandard.FOUNDATIONAL_BEST_PRACTICES, SecurityHubStandard.CIS_3_0]) {
    const s = new securityhub.CfnStandard(stack, standard.id, { standardsArn: standard.arnIn(stack) });
    s.addResourceDependency(hub);
    // Security Hub's controls are evaluated by AWS Config rules: record first.
    if (recorder) s.addResourceDependency(recorder);
  }
  return hub;
}

const F = eventField;

function guardDutyMessage(): events.RuleTargetInput {
  return alertMessage({
    title: { ja: '【GuardDuty】脅威の可能性がある検出結果があります', en: '[GuardDuty] A possible threat was found' },
    lines: [
      field('種類', 'Type', F('$.detail.type')),
      field('重大度', 'Severity', F('$.detail.severity')),
      field('概要', 'Title', F('$.detail.title')),
      field('リソース', 'Resource', F('$.detail.resource.resourceType')),
      accountAndRegion(),
      field('検出 ID', 'Finding ID', F('$.detail.id')),
    ],
    advice: {
      ja: 'インシデント対応手順に従って調査し、対応を記録してください。',
      en: 'Investigate following your incident procedure and record what you did.',
    },
    items: ['DM-5', 'CF-3', 'OP-2'],
  });
}

function accessAnalyzerMessage(): events.RuleTargetInput {
  return alertMessage({
    title: { ja: '【Access Analyzer】アカウント外からアクセスできるリソースがあります', en: '[Access Analyzer] A resource can be reached from outside the account' },
    lines: [
      field('リソース', 'Resource', `${F('$.detail.resource')} (${F('$.detail.resourceType')})`),
      field('公開', 'Public', F('$.detail.isPublic')),
      accountAndRegion(),
    ],
    advice: {
      ja: '意図した共有でなければアクセスを取り消してください。意図した共有ならアーカイブして理由を記録してください。',
      en: 'Revoke the access unless the sharing is intended; if it is, archive the finding and record why.',
    },
    items: ['DM-5', 'CA-5'],
  });
}
