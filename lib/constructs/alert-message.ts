/**
 * The one shape of every notification fintech-guardrails sends (EventBridge input transformers to SNS,
 * CloudWatch alarm descriptions): Japanese first, then English, then the guideline items it serves.
 *
 *     【GuardDuty】脅威の可能性がある検出結果があります        <- title.ja
 *     [GuardDuty] A possible threat was found                  <- title.en
 *
 *     種類 / Type: <$.detail.type>                             <- lines of fields
 *     アカウント / Account: <$.account>  リージョン / Region: <$.region>
 *
 *     インシデント対応手順に従って調査し、…                     <- advice.ja
 *     Investigate following your incident procedure …          <- advice.en
 *     (FinTech 協会 セキュリティガイドライン / FinTech Association of Japan guideline: DM-5, CF-3)
 *
 * Internal to the library (not re-exported): the baseline and the constructs build their messages here.
 */
import * as events from 'aws-cdk-lib/aws-events';
import { LocalizedText } from '../catalog';

/** One labelled value of a message: `<ja> / <en>: <value>`. */
export interface AlertField {
  readonly ja: string;
  readonly en: string;
  /** The value: text, usually with `eventField(...)` placeholders. */
  readonly value: string;
}

/** A line of a message: one field, or several fields side by side (separated by two spaces). */
export type AlertLine = AlertField | readonly AlertField[];

/** A bilingual notification. */
export interface AlertMessage {
  /** The first two lines. */
  readonly title: LocalizedText;
  /** What happened, one line each. */
  readonly lines: readonly AlertLine[];
  /** What the reader should do. */
  readonly advice: LocalizedText;
  /** The guideline items the notification serves (catalog IDs). */
  readonly items: readonly string[];
}

/** A value of the event, for an input transformer (`$.detail.eventName`). */
export function eventField(path: string): string {
  return events.EventField.fromPath(path);
}

/** A field of the message. */
export function field(ja: string, en: string, value: string): AlertField {
  return { ja, en, value };
}

/** The account and region of the event, on one line. */
export function accountAndRegion(): AlertField[] {
  return [field('アカウント', 'Account', eventField('$.account')), field('リージョン', 'Region', eventField('$.region'))];
}

/** The message as text. */
export function renderAlertMessage(message: AlertMessage): string {
  const line = (l: AlertLine) => (isField(l) ? [l] : l).map((f) => `${f.ja} / ${f.en}: ${f.value}`).join('  ');
  return [
    message.title.ja,
    message.title.en,
    '',
    ...message.lines.map(line),
    '',
    message.advice.ja,
    message.advice.en,
    `(FinTech 協会 セキュリティガイドライン / FinTech Association of Japan guideline: ${message.items.join(', ')})`,
  ].join('\n');
}

/** The message as the input of an EventBridge target (an input transformer for its `eventField`s). */
export function alertMessage(message: AlertMessage): events.RuleTargetInput {
  return events.RuleTargetInput.fromMultilineText(renderAlertMessage(message));
}

/** A CloudWatch alarm's description: one line, English then Japanese (`<en> / <ja>`). */
export function alarmDescription(text: LocalizedText): string {
  return `${text.en} / ${text.ja}`;
}

function isField(l: AlertLine): l is AlertField {
  return !Array.isArray(l);
}
