import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsQueueTlsOnly } from '../../packs/rules/sqs/SqsQueueTlsOnly';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::SQS::Queue';
const P = 'AWS::SQS::QueuePolicy';
const deny = (extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: { 'Fn::GetAtt': ['Q', 'Arn'] }, Condition: { Bool: { 'aws:SecureTransport': 'false' } }, ...extra });
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const withPolicy = (document: unknown, extra = {}) => cfn({ Q: { Type: T }, P: { Type: P, Properties: { Queues: [{ Ref: 'Q' }], PolicyDocument: document } } }, extra);

describe('SqsQueueTlsOnly (FTG-SQS-2)', () => {
  describe('non-compliance', () => {
    test('L2 queue without enforceSSL', () => {
      const stack = new Stack(new App());
      new sqs.Queue(stack, 'Q');
      expect(statusOf(SqsQueueTlsOnly, stack, T)).toBe('non-compliant');
    });
    test('L1 queue policy denying only sqs:SendMessage', () => {
      expect(statusOf(SqsQueueTlsOnly, withPolicy(doc(deny({ Action: 'sqs:SendMessage' }))), T)).toBe('non-compliant');
    });
    test('L1 deny with the condition under a different key', () => {
      expect(statusOf(SqsQueueTlsOnly, withPolicy(doc(deny({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }))), T)).toBe('non-compliant');
    });
    test('escape hatch narrows the action', () => {
      const stack = new Stack(new App());
      const q = new sqs.Queue(stack, 'Q', { enforceSSL: true });
      const policy = q.node.findAll().find((c) => c instanceof sqs.CfnQueuePolicy) as sqs.CfnQueuePolicy;
      policy.addPropertyOverride('PolicyDocument.Statement.0.Action', 'sqs:ReceiveMessage');
      expect(statusOf(SqsQueueTlsOnly, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 queue with enforceSSL', () => {
      const stack = new Stack(new App());
      new sqs.Queue(stack, 'Q', { enforceSSL: true });
      expect(statusOf(SqsQueueTlsOnly, stack, T)).toBe('compliant');
    });
    test('L1 queue inline policy denying * over plain HTTP', () => {
      const t = cfn({ Q: { Type: T }, P: { Type: 'AWS::SQS::QueueInlinePolicy', Properties: { Queue: { Ref: 'Q' }, PolicyDocument: doc(deny({ Action: '*' })) } } });
      expect(statusOf(SqsQueueTlsOnly, t, T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(SqsQueueTlsOnly, withPolicy(doc(deny())), P)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => withPolicy(doc(deny({ Condition: { Bool: { 'aws:SecureTransport': { Ref: 'Tls' } } } })), { Parameters: { Tls: { Type: 'String', ...p } } });
    test('parameter with default false is compliant', () => {
      expect(statusOf(SqsQueueTlsOnly, param({ Default: 'false' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including true is non-compliant', () => {
      expect(statusOf(SqsQueueTlsOnly, param({ AllowedValues: ['false', 'true'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(SqsQueueTlsOnly, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If around the document with one branch lacking the deny is non-compliant', () => {
      expect(statusOf(SqsQueueTlsOnly, withPolicy({ 'Fn::If': ['Prod', doc(deny()), doc()] }), T)).toBe('non-compliant');
    });
    test('Fn::If with the deny in both branches is compliant', () => {
      expect(statusOf(SqsQueueTlsOnly, withPolicy({ 'Fn::If': ['Prod', doc(deny()), doc(deny({ Principal: '*' }))] }), T)).toBe('compliant');
    });
    test('GetAtt for the document is unverifiable', () => {
      const t = cfn({ Q: { Type: T }, X: { Type: 'Custom::X' }, P: { Type: P, Properties: { Queues: [{ Ref: 'Q' }], PolicyDocument: { 'Fn::GetAtt': ['X', 'Doc'] } } } });
      expect(statusOf(SqsQueueTlsOnly, t, T)).toBe('unverifiable');
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
