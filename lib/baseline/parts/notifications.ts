/**
 * Notifications (LA-3, LA-4, EX-1): one KMS-encrypted, TLS-only SNS topic with the managers' email
 * subscriptions, and the ways the other parts notify it: an EventBridge rule with a bilingual message
 * (`notify`, `watch`), or a CloudWatch alarm on a metric filter of the trail's log group
 * (`alarmOnLogPattern`). Every rule made here is protected from the engineer role.
 */
import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { IConstruct } from 'constructs';
import { LocalizedText } from '../../catalog';
import { alarmDescription } from '../../constructs/alert-message';
import { FinTechGuardrailsError } from '../../constructs/errors';
import { activityMessage, activityPattern, WatchedActivity } from '../activity';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The baseline's topic and the helpers that notify it. Resources are created in `stack`. */
export class BaselineNotifications {
  /** The KMS key of the topic. */
  public readonly key: kms.Key;

  /** The topic every notification goes to. */
  public readonly topic: sns.Topic;

  /** The EventBridge rules that notify, by construct ID, in the order they were made. */
  public readonly rules: Record<string, events.Rule> = {};

  /** The alarms made by `alarmOnLogPattern`, with the log groups their metric filters are on. */
  public readonly alarms: { readonly alarm: cloudwatch.Alarm; readonly logGroup: logs.ILogGroup }[] = [];

  constructor(private readonly stack: Stack, emails: string[]) {
    this.key = new kms.Key(stack, 'NotificationKey', {
      description: `Encrypts the notifications of the FinTech account baseline ${stack.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // AWS services publish to an encrypted topic only if they may use its key (SNS developer guide,
    // "compatibility between event sources and encrypted topics"). Only these services, only these actions.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowNotifyingServicesToPublishEncrypted',
        principals: [
          new iam.ServicePrincipal('events.amazonaws.com'),
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('backup.amazonaws.com'),
        ],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(stack, 'Notifications', {
      displayName: 'FinTech baseline / セキュリティ通知',
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }

  /** An EventBridge rule `id` that sends `message` (see `alertMessage`) to the topic. */
  public notify(id: string, props: events.RuleProps, message: events.RuleTargetInput): events.Rule {
    const rule = new events.Rule(this.stack, id, props);
    rule.addTarget(new targets.SnsTopic(this.topic, { message }));
    this.rules[id] = rule;
    return rule;
  }

  /** An EventBridge rule that notifies `activity` (lib/baseline/activity.ts) with its bilingual message. */
  public watch(activity: WatchedActivity, extraDetail?: Record<string, unknown>): events.Rule {
    return this.notify(activity.id, {
      description: `${activity.title.en} (fintech-guardrails ${activity.items.join(', ')})`,
      eventPattern: activityPattern(activity, extraDetail),
    }, activityMessage(activity));
  }

  /**
   * A metric filter `<id>Filter` (metric `FinTechGuardrails/<id>`) on `logGroup` and an alarm `<id>Alarm`
   * to the topic when it matches once in 5 minutes; the topic's policy lets only this alarm publish
   * (`Allow<id>AlarmToPublish`), unless `ownStatement` is false: the caller then lets a set of alarms
   * publish with one statement (`allowAlarmsToPublish`).
   * For CloudTrail events EventBridge does not receive (AssumeRole, read-only calls) or CIS alarms.
   */
  public alarmOnLogPattern(
    id: string,
    logGroup: logs.ILogGroup,
    filterPattern: string,
    description: LocalizedText,
    ownStatement = true,
  ): cloudwatch.Alarm {
    const filter = new logs.MetricFilter(this.stack, `${id}Filter`, {
      logGroup,
      filterPattern: logs.FilterPattern.literal(filterPattern),
      metricNamespace: 'FinTechGuardrails',
      metricName: id,
      metricValue: '1',
      defaultValue: 0,
    });
    const alarm = new cloudwatch.Alarm(this.stack, `${id}Alarm`, {
      alarmDescription: alarmDescription(description),
      metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
    this.alarms.push({ alarm, logGroup });
    if (ownStatement) this.allowAlarmsToPublish(`Allow${id}AlarmToPublish`, [alarm]);
    return alarm;
  }

  /**
   * One statement `sid` of the topic's policy that lets exactly these alarms (CloudWatch, this account)
   * publish: `aws:SourceArn` is the one ARN, or the list of them (any of which matches).
   */
  public allowAlarmsToPublish(sid: string, alarms: readonly cloudwatch.IAlarm[]): void {
    if (alarms.length === 0) return;
    const arns = alarms.map((a) => a.alarmArn);
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': arns.length === 1 ? arns[0] : arns },
          StringEquals: { 'aws:SourceAccount': this.stack.account },
        },
      }),
    );
  }
}

/** The managers' addresses: at least one, each like an address (tokens pass), duplicates dropped. */
export function validateEmails(scope: IConstruct, emails: unknown): string[] {
  if (!Array.isArray(emails) || emails.length === 0) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: managerEmails needs at least one address, got ${JSON.stringify(emails)}. ` +
        "Fix: managerEmails: ['security@example.co.jp'] (the managers who must hear about root use and sensitive work).",
    );
  }
  const out: string[] = [];
  const seen = new Set<string>();
  emails.forEach((email, i) => {
    if (typeof email === 'string' && Token.isUnresolved(email)) {
      out.push(email);
      return;
    }
    if (typeof email !== 'string' || !EMAIL.test(email)) {
      throw new FinTechGuardrailsError(
        `${scope.node.path}: managerEmails[${i}] does not look like an email address: '${String(email)}'. Fix: give addresses like 'security@example.co.jp'.`,
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
