import { Annotations, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { accountAndRegion, alarmDescription, alertMessage, eventField, field } from './alert-message';
import { markConstruct } from './marker';
import { FinTechGuardrailsError } from './errors';

/** The region where AWS delivers root console sign-in events. */
export const ROOT_SIGN_IN_REGION = 'us-east-1';

/**
 * The CIS AWS Foundations Benchmark metric filter for use of the root user (CIS 1.7 / 4.3).
 */
export const ROOT_USAGE_FILTER_PATTERN =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Properties for `RootLoginNotification`.
 */
export interface RootLoginNotificationProps {
  /**
   * Email addresses that receive every notification (the managers, who must not be the people who hold
   * the root credentials: EX-1). Each address must confirm the subscription email from AWS.
   *
   * @default - no email subscriptions; subscribe to `topic` yourself
   */
  readonly emails?: string[];

  /**
   * The topic to publish to. If you pass your own, it must already let EventBridge
   * (`events.amazonaws.com`) and, with `cloudTrailLogGroup`, CloudWatch (`cloudwatch.amazonaws.com`)
   * publish and use its KMS key.
   *
   * @default - a new topic encrypted with its own KMS key (rotation on) that only accepts TLS publishing
   */
  readonly topic?: sns.ITopic;

  /**
   * The CloudWatch Logs log group your CloudTrail trail delivers to. When given, the construct adds the
   * CIS metric filter and alarm for root usage (one or more events in 5 minutes), which notifies the
   * topic too. This also catches root activity the EventBridge rules cannot see (for example read-only
   * API calls in regions with no rule).
   *
   * @default - no metric filter and alarm
   */
  readonly cloudTrailLogGroup?: logs.ILogGroup;
}

/**
 * Tells management whenever the root user signs in or acts (guideline items CA-3 and EX-1).
 *
 * - An EventBridge rule for root console sign-ins (`AWS Console Sign In via CloudTrail` with
 *   `userIdentity.type = Root`, successful or not) and one for API calls made as root
 *   (`AWS API Call via CloudTrail`), each sending a readable, bilingual (Japanese and English) message:
 *   event, time, source IP, account, whether MFA was used, user agent.
 * - An SNS topic encrypted with its own rotating KMS key that only accepts TLS publishing, with email
 *   subscriptions for `emails`.
 * - Optionally the CIS metric filter and alarm on the CloudTrail log group.
 *
 * Root console sign-in events are delivered to EventBridge in us-east-1. Deploy this construct in
 * us-east-1, or forward those events from us-east-1 to this stack's region (see docs/constructs.md); the
 * construct warns (`fintech-guardrails:rootLoginRegion`) when its stack is not known to be in us-east-1.
 */
export class RootLoginNotification extends Construct {
  /** The topic that receives the notifications. */
  public readonly topic: sns.ITopic;

  /** The KMS key of the topic, when the construct created the topic. */
  public readonly encryptionKey?: kms.Key;

  /** The rule for root console sign-ins. */
  public readonly consoleSignInRule: events.Rule;

  /** The rule for API calls made as root. */
  public readonly apiCallRule: events.Rule;

  /** The CIS metric filter, when `cloudTrailLogGroup` was given. */
  public readonly metricFilter?: logs.MetricFilter;

  /** The CIS alarm, when `cloudTrailLogGroup` was given. */
  public readonly alarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: RootLoginNotificationProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);

    const emails = validateEmails(this, props.emails ?? []);

    if (Token.isUnresolved(stack.region) || stack.region !== ROOT_SIGN_IN_REGION) {
      const where = Token.isUnresolved(stack.region) ? 'an environment-agnostic stack (region unknown)' : `region ${stack.region}`;
      Annotations.of(this).addWarningV2(
        'fintech-guardrails:rootLoginRegion',
        `RootLoginNotification is in ${where}. AWS delivers root console sign-in events to EventBridge in ${ROOT_SIGN_IN_REGION} ` +
          `only: deploy it in ${ROOT_SIGN_IN_REGION}, or forward those events from ${ROOT_SIGN_IN_REGION} to this region's default ` +
          'event bus (see the RootLoginNotification section of docs/constructs.md). Root API calls are still caught in this region. ' +
          `/ ルートユーザーのコンソールサインインイベントは ${ROOT_SIGN_IN_REGION} にのみ配信されます。${ROOT_SIGN_IN_REGION} に配置するか、` +
          'イベントを転送してください。',
      );
    }

    if (props.topic) {
      this.topic = props.topic;
    } else {
      const key = new kms.Key(this, 'Key', {
        description: `Encrypts root-login notifications of ${this.node.path} (fintech-guardrails CA-3, EX-1)`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      // EventBridge and CloudWatch alarms publish to the encrypted topic as AWS services: SNS then
      // needs the key on their behalf (AWS SNS developer guide, "compatibility between event sources
      // and encrypted topics"). Only this key, only these two actions.
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowEventBridgeAndCloudWatchToPublishEncrypted',
          principals: [new iam.ServicePrincipal('events.amazonaws.com'), new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
        }),
      );
      this.encryptionKey = key;
      this.topic = new sns.Topic(this, 'Resource', {
        displayName: 'AWS root user activity / ルートユーザー利用通知',
        masterKey: key,
        enforceSSL: true,
      });
    }

    for (const email of emails) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }

    const notRoutine = {
      type: ['Root'],
      // Calls AWS services make on root's behalf are not root activity.
      invokedBy: events.Match.doesNotExist(),
    };

    this.consoleSignInRule = new events.Rule(this, 'ConsoleSignInRule', {
      description: 'Root user console sign-in (fintech-guardrails CA-3, EX-1)',
      eventPattern: {
        detailType: ['AWS Console Sign In via CloudTrail'],
        detail: { userIdentity: { type: ['Root'] } },
      },
    });
    markConstruct(this.consoleSignInRule, 'RootLoginNotification', ['CA-3', 'EX-1']);
    this.consoleSignInRule.addTarget(new targets.SnsTopic(this.topic, { message: signInMessage() }));

    this.apiCallRule = new events.Rule(this, 'ApiCallRule', {
      description: 'API call made with the root user (fintech-guardrails CA-3, EX-1)',
      eventPattern: {
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          userIdentity: notRoutine,
          eventType: events.Match.anythingBut('AwsServiceEvent'),
        },
      },
    });
    this.apiCallRule.addTarget(new targets.SnsTopic(this.topic, { message: apiCallMessage() }));

    if (props.cloudTrailLogGroup) {
      this.metricFilter = new logs.MetricFilter(this, 'RootUsageMetricFilter', {
        logGroup: props.cloudTrailLogGroup,
        filterPattern: logs.FilterPattern.literal(ROOT_USAGE_FILTER_PATTERN),
        metricNamespace: 'FinTechGuardrails',
        metricName: 'RootAccountUsage',
        metricValue: '1',
        defaultValue: 0,
      });
      this.alarm = new cloudwatch.Alarm(this, 'RootUsageAlarm', {
        alarmDescription: alarmDescription({
          en: 'The root user was used (CIS metric filter on CloudTrail; fintech-guardrails CA-3, EX-1).',
          ja: 'ルートユーザーが使用されました。',
        }),
        metric: this.metricFilter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
      // A topic with its own policy must let CloudWatch publish; limit it to this alarm.
      this.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowRootUsageAlarmToPublish',
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions: {
            ArnLike: { 'aws:SourceArn': this.alarm.alarmArn },
            StringEquals: { 'aws:SourceAccount': stack.account },
          },
        }),
      );
    }
  }
}

function validateEmails(scope: Construct, emails: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  emails.forEach((email, i) => {
    if (Token.isUnresolved(email)) {
      out.push(email);
      return;
    }
    if (typeof email !== 'string' || !EMAIL.test(email)) {
      throw new FinTechGuardrailsError(
        `${scope.node.path}: emails[${i}] does not look like an email address: '${String(email)}'. ` +
          "Fix: give addresses like 'security@example.co.jp'.",
      );
    }
    const normalized = email.toLowerCase();
    if (!seen.has(normalized)) {
      seen.add(normalized);
      out.push(email);
    }
  });
  return out;
}

const F = eventField;

/** Root use is an emergency unless it was planned: the same advice for sign-ins and API calls. */
const ROOT_ADVICE = {
  ja: '予定された作業でなければ、直ちにセキュリティ責任者へ連絡してください。',
  en: 'If this was not planned work, contact your security officer immediately.',
};

function signInMessage(): events.RuleTargetInput {
  return alertMessage({
    title: { ja: '【重要】AWS ルートユーザーのコンソールサインインを検知しました', en: '[ALERT] AWS root user console sign-in detected' },
    lines: [
      field('イベント', 'Event', `${F('$.detail.eventName')} (結果 / result: ${F('$.detail.responseElements.ConsoleLogin')})`),
      field('日時 (UTC)', 'Time (UTC)', F('$.detail.eventTime')),
      field('アカウント', 'Account', F('$.account')),
      field('送信元 IP', 'Source IP', F('$.detail.sourceIPAddress')),
      field('MFA 使用', 'MFA used', F('$.detail.additionalEventData.MFAUsed')),
      field('ユーザーエージェント', 'User agent', F('$.detail.userAgent')),
    ],
    advice: ROOT_ADVICE,
    items: ['CA-3', 'EX-1'],
  });
}

function apiCallMessage(): events.RuleTargetInput {
  return alertMessage({
    title: { ja: '【重要】AWS ルートユーザーによる API 操作を検知しました', en: '[ALERT] AWS API call made with the root user' },
    lines: [
      field('イベント', 'Event', `${F('$.detail.eventName')} (${F('$.detail.eventSource')})`),
      field('日時 (UTC)', 'Time (UTC)', F('$.detail.eventTime')),
      accountAndRegion(),
      field('送信元 IP', 'Source IP', F('$.detail.sourceIPAddress')),
      field('MFA 使用', 'MFA used', F('$.detail.userIdentity.sessionContext.attributes.mfaAuthenticated')),
      field('ユーザーエージェント', 'User agent', F('$.detail.userAgent')),
    ],
    advice: ROOT_ADVICE,
    items: ['CA-3', 'EX-1'],
  });
}
