import { SnsTopicTlsOnly } from '../../packs/rules/sns/SnsTopicTlsOnly';
import { cfn, outcomes, statusOf } from '../helpers/rules';
import { doc, SNS_TLS } from '../helpers/tls-only';

const { type: T, deny, withPolicy } = SNS_TLS;

// The cases SnsTopicTlsOnly shares with the other TLS-only rules (L2 with and without enforceSSL,
// escape hatch, L1 statements, policies of other topics, parameters, Fn::If, GetAtt) are in
// tls-only.test.ts; these are its own.
describe('SnsTopicTlsOnly (FTG-SNS-2)', () => {
  describe('compliance', () => {
    test('L1 topic inline policy denying sns:* over plain HTTP', () => {
      const t = cfn({ S: { Type: T }, P: { Type: 'AWS::SNS::TopicInlinePolicy', Properties: { TopicArn: { Ref: 'S' }, PolicyDocument: doc(deny({ Action: 'sns:*' })) } } });
      expect(statusOf(SnsTopicTlsOnly, t, T)).toBe('compliant');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(SnsTopicTlsOnly, cfn({ S: { Type: T } }), { language: 'ja' }).S).toEqual({
        status: 'non-compliant',
        detail: 'このトピックを対象にするトピックポリシー（AWS::SNS::TopicPolicy）がないため、TLS を使わない（HTTP の）発行を拒否するものがありません',
      });
      const t = withPolicy(doc(deny({ Action: 'sns:Subscribe' })));
      expect(outcomes(SnsTopicTlsOnly, t).S).toEqual({ status: 'non-compliant', detail: 'topic policy P has no Deny statement for everyone on aws:SecureTransport false' });
      expect(outcomes(SnsTopicTlsOnly, t, { language: 'ja' }).S)
        .toEqual({ status: 'non-compliant', detail: 'トピックポリシー P に、aws:SecureTransport が false のとき全員を拒否する Deny ステートメントがありません' });
    });
  });
});
