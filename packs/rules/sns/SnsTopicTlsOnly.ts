import { defineRule, NOT_APPLICABLE } from '../../engine/rule';
import { tlsOnlyOutcome } from '../../engine/resource-policy';

/**
 * An SNS topic refuses publishing that is not over TLS: an AWS::SNS::TopicPolicy listing the topic in
 * Topics (or an AWS::SNS::TopicInlinePolicy for it) denies `sns:Publish` to everyone when
 * `aws:SecureTransport` is false (what CDK's `enforceSSL: true` writes).
 */
export const SnsTopicTlsOnly = defineRule({
  id: 'FTG-SNS-2',
  name: 'SnsTopicTlsOnly',
  items: ['DM-1'],
  resourceTypes: ['AWS::SNS::Topic'],
  info: {
    en: 'The SNS topic does not deny publishing that is not sent over TLS (no topic policy denying sns:Publish when aws:SecureTransport is false).',
    ja: 'SNS トピックが TLS 以外での発行（Publish）を拒否していません（aws:SecureTransport が false のとき sns:Publish を拒否するトピックポリシーがありません）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit. SNS has an HTTP endpoint as well as HTTPS; only a topic policy that denies insecure transport makes sure no publisher sends messages in clear text.',
    ja: 'DM-1 は通信時のデータ暗号化を求めています。SNS には HTTPS だけでなく HTTP のエンドポイントもあり、安全でない通信を拒否するトピックポリシーがあって初めて、平文でメッセージを送る発行者がいないことを保証できます。',
  },
  fix: {
    en: 'Set `enforceSSL: true` on `sns.Topic`, or add an AWS::SNS::TopicPolicy with the topic in Topics and a statement { Effect: Deny, Principal: "*", Action: "sns:Publish", Resource: <topic>, Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    ja: '`sns.Topic` に `enforceSSL: true` を指定するか、Topics にトピックを含む AWS::SNS::TopicPolicy に { Effect: Deny, Principal: "*", Action: "sns:Publish", Resource: <トピック>, Condition: { Bool: { "aws:SecureTransport": "false" } } } のステートメントを追加してください。',
  },
  details: {
    'topic-policy': { en: 'topic policy', ja: 'トピックポリシー' },
    'no-policy': {
      en: 'no topic policy (AWS::SNS::TopicPolicy) lists the topic, so nothing denies plain-HTTP publishing',
      ja: 'このトピックを対象にするトピックポリシー（AWS::SNS::TopicPolicy）がないため、TLS を使わない（HTTP の）発行を拒否するものがありません',
    },
  },
  check(topic, ctx) {
    if (topic.type !== 'AWS::SNS::Topic') return NOT_APPLICABLE;
    const policies = [
      ...ctx.template.pointingAt(topic, 'AWS::SNS::TopicPolicy', 'Topics'),
      ...ctx.template.pointingAt(topic, 'AWS::SNS::TopicInlinePolicy', 'TopicArn'),
    ];
    return tlsOnlyOutcome(policies, 'PolicyDocument', (s) => s.coversAction('sns:Publish'), { key: 'topic-policy' },
      { key: 'no-policy' });
  },
});
