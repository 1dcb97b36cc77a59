import { defineRule, NOT_APPLICABLE } from '../../engine/rule';
import { wildcardMatch } from '../../engine/policy';
import { tlsOnlyOutcome } from '../../engine/resource-policy';

/**
 * An SQS queue refuses requests that are not over TLS: an AWS::SQS::QueuePolicy listing the queue in
 * Queues (or an AWS::SQS::QueueInlinePolicy for it) denies `sqs:*` (or `*`) to everyone when
 * `aws:SecureTransport` is false (what CDK's `enforceSSL: true` writes).
 */
export const SqsQueueTlsOnly = defineRule({
  id: 'FTG-SQS-2',
  name: 'SqsQueueTlsOnly',
  items: ['DM-1'],
  resourceTypes: ['AWS::SQS::Queue'],
  info: {
    en: 'The SQS queue does not deny requests that are not sent over TLS (no queue policy denying sqs:* when aws:SecureTransport is false).',
    ja: 'SQS キューが TLS 以外のリクエストを拒否していません（aws:SecureTransport が false のとき sqs:* を拒否するキューポリシーがありません）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit. SQS answers on an HTTP endpoint too; only a queue policy that denies insecure transport makes sure no producer or consumer moves messages in clear text.',
    ja: 'DM-1 は通信時のデータ暗号化を求めています。SQS は HTTP のエンドポイントでも応答するため、安全でない通信を拒否するキューポリシーがあって初めて、送信側・受信側が平文でメッセージをやり取りしないことを保証できます。',
  },
  fix: {
    en: 'Set `enforceSSL: true` on `sqs.Queue`, or add an AWS::SQS::QueuePolicy with the queue in Queues and a statement { Effect: Deny, Principal: "*", Action: "sqs:*", Resource: <queue ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    ja: '`sqs.Queue` に `enforceSSL: true` を指定するか、Queues にキューを含む AWS::SQS::QueuePolicy に { Effect: Deny, Principal: "*", Action: "sqs:*", Resource: <キュー ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } } のステートメントを追加してください。',
  },
  details: {
    'queue-policy': { en: 'queue policy', ja: 'キューポリシー' },
    'no-policy': {
      en: 'no queue policy (AWS::SQS::QueuePolicy) lists the queue, so nothing denies plain-HTTP requests',
      ja: 'このキューを対象にするキューポリシー（AWS::SQS::QueuePolicy）がないため、TLS を使わない（HTTP の）リクエストを拒否するものがありません',
    },
  },
  check(queue, ctx) {
    if (queue.type !== 'AWS::SQS::Queue') return NOT_APPLICABLE;
    const policies = [
      ...ctx.template.pointingAt(queue, 'AWS::SQS::QueuePolicy', 'Queues'),
      ...ctx.template.pointingAt(queue, 'AWS::SQS::QueueInlinePolicy', 'Queue'),
    ];
    return tlsOnlyOutcome(policies, 'PolicyDocument', (s) => s.actions?.some((a) => wildcardMatch(a, 'sqs:*')) ?? false, { key: 'queue-policy' },
      { key: 'no-policy' });
  },
});
