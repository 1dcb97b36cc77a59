import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SnsTopicTlsOnly } from '../../packs/rules/sns/SnsTopicTlsOnly';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::SNS::Topic';
const P = 'AWS::SNS::TopicPolicy';
const deny = (extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'S' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } }, ...extra });
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const withPolicy = (document: unknown, extra = {}) => cfn({ S: { Type: T }, P: { Type: P, Properties: { Topics: [{ Ref: 'S' }], PolicyDocument: document } } }, extra);

describe('SnsTopicTlsOnly (FTG-SNS-2)', () => {
  describe('non-compliance', () => {
    test('L2 topic without enforceSSL', () => {
      const stack = new Stack(new App());
      new sns.Topic(stack, 'S');
      expect(statusOf(SnsTopicTlsOnly, stack, T)).toBe('non-compliant');
    });
    test('L1 topic policy denying only sns:Subscribe', () => {
      expect(statusOf(SnsTopicTlsOnly, withPolicy(doc(deny({ Action: 'sns:Subscribe' }))), T)).toBe('non-compliant');
    });
    test('a topic policy listing another topic does not count', () => {
      const t = cfn({ S: { Type: T }, O: { Type: T }, P: { Type: P, Properties: { Topics: [{ Ref: 'O' }], PolicyDocument: doc(deny()) } } });
      const o = outcomes(SnsTopicTlsOnly, t);
      expect([o.S.status, o.O.status]).toEqual(['non-compliant', 'compliant']);
    });
    test('escape hatch changes the condition to true', () => {
      const stack = new Stack(new App());
      new sns.Topic(stack, 'S', { enforceSSL: true });
      const policy = stack.node.findAll().find((c) => c instanceof sns.CfnTopicPolicy) as sns.CfnTopicPolicy;
      policy.addPropertyOverride('PolicyDocument.Statement.0.Condition.Bool.aws:SecureTransport', 'true');
      expect(statusOf(SnsTopicTlsOnly, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 topic with enforceSSL', () => {
      const stack = new Stack(new App());
      new sns.Topic(stack, 'S', { enforceSSL: true });
      expect(statusOf(SnsTopicTlsOnly, stack, T)).toBe('compliant');
    });
    test('L1 topic inline policy denying sns:* over plain HTTP', () => {
      const t = cfn({ S: { Type: T }, P: { Type: 'AWS::SNS::TopicInlinePolicy', Properties: { TopicArn: { Ref: 'S' }, PolicyDocument: doc(deny({ Action: 'sns:*' })) } } });
      expect(statusOf(SnsTopicTlsOnly, t, T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(SnsTopicTlsOnly, withPolicy(doc(deny())), P)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => withPolicy(doc(deny({ Condition: { Bool: { 'aws:SecureTransport': { Ref: 'Tls' } } } })), { Parameters: { Tls: { Type: 'String', ...p } } });
    test('parameter with default false is compliant', () => {
      expect(statusOf(SnsTopicTlsOnly, param({ Default: 'false' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including true is non-compliant', () => {
      expect(statusOf(SnsTopicTlsOnly, param({ AllowedValues: ['false', 'true'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(SnsTopicTlsOnly, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with the deny in one branch only is non-compliant', () => {
      expect(statusOf(SnsTopicTlsOnly, withPolicy(doc({ 'Fn::If': ['Prod', deny(), { Ref: 'AWS::NoValue' }] })), T)).toBe('non-compliant');
    });
    test('Fn::If with the deny in both branches is compliant', () => {
      expect(statusOf(SnsTopicTlsOnly, withPolicy(doc({ 'Fn::If': ['Prod', deny(), deny({ Action: ['sns:Publish', 'sns:Subscribe'] })] })), T)).toBe('compliant');
    });
    test('GetAtt for the document is unverifiable', () => {
      const t = cfn({ S: { Type: T }, X: { Type: 'Custom::X' }, P: { Type: P, Properties: { Topics: [{ Ref: 'S' }], PolicyDocument: { 'Fn::GetAtt': ['X', 'Doc'] } } } });
      expect(statusOf(SnsTopicTlsOnly, t, T)).toBe('unverifiable');
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
