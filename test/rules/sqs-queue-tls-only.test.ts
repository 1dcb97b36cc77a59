import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsQueueTlsOnly } from '../../packs/rules/sqs/SqsQueueTlsOnly';
import { cfn, outcomes, statusOf } from '../helpers/rules';
import { doc, SQS_TLS } from '../helpers/tls-only';

const { type: T, deny, withPolicy } = SQS_TLS;

// The cases SqsQueueTlsOnly shares with the other TLS-only rules (L2 with and without enforceSSL,
// escape hatch on the condition, L1 statements, policies of other queues, parameters, Fn::If, GetAtt)
// are in tls-only.test.ts; these are its own.
describe('SqsQueueTlsOnly (FTG-SQS-2)', () => {
  describe('non-compliance', () => {
    test('escape hatch narrows the action', () => {
      const stack = new Stack(new App());
      const q = new sqs.Queue(stack, 'Q', { enforceSSL: true });
      const policy = q.node.findAll().find((c) => c instanceof sqs.CfnQueuePolicy) as sqs.CfnQueuePolicy;
      policy.addPropertyOverride('PolicyDocument.Statement.0.Action', 'sqs:ReceiveMessage');
      expect(statusOf(SqsQueueTlsOnly, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L1 queue inline policy denying * over plain HTTP', () => {
      const t = cfn({ Q: { Type: T }, P: { Type: 'AWS::SQS::QueueInlinePolicy', Properties: { Queue: { Ref: 'Q' }, PolicyDocument: doc(deny({ Action: '*' })) } } });
      expect(statusOf(SqsQueueTlsOnly, t, T)).toBe('compliant');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(SqsQueueTlsOnly, cfn({ Q: { Type: T } })).Q)
        .toEqual({ status: 'non-compliant', detail: 'no queue policy (AWS::SQS::QueuePolicy) lists the queue, so nothing denies plain-HTTP requests' });
      expect(outcomes(SqsQueueTlsOnly, cfn({ Q: { Type: T } }), { language: 'ja' }).Q).toEqual({
        status: 'non-compliant',
        detail: 'このキューを対象にするキューポリシー（AWS::SQS::QueuePolicy）がないため、TLS を使わない（HTTP の）リクエストを拒否するものがありません',
      });
      const ja = outcomes(SqsQueueTlsOnly, withPolicy({ 'Fn::GetAtt': ['X', 'Doc'] }), { language: 'ja' }).Q;
      expect(ja).toEqual({ status: 'unverifiable', detail: 'キューポリシー P: PolicyDocument はデプロイ時にしか決まりません' });
    });
  });
});
