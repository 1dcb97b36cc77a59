import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SnsTopicEncrypted } from '../../packs/rules/sns/SnsTopicEncrypted';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::SNS::Topic';
const topic = (key: unknown, extra = {}) => cfn({ S: { Type: T, Properties: { KmsMasterKeyId: key } } }, extra);

describe('SnsTopicEncrypted (FTG-SNS-1)', () => {
  describe('non-compliance', () => {
    test('L2 topic without masterKey', () => {
      const stack = new Stack(new App());
      new sns.Topic(stack, 'S');
      expect(statusOf(SnsTopicEncrypted, stack, T)).toBe('non-compliant');
    });
    test('L1 topic without KmsMasterKeyId', () => {
      expect(statusOf(SnsTopicEncrypted, cfn({ S: { Type: T } }), T)).toBe('non-compliant');
    });
    test('escape hatch removes the key', () => {
      const stack = new Stack(new App());
      const s = new sns.Topic(stack, 'S', { masterKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      (s.node.defaultChild as sns.CfnTopic).addPropertyDeletionOverride('KmsMasterKeyId');
      expect(statusOf(SnsTopicEncrypted, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 topic with a customer managed key (GetAtt of the key ARN)', () => {
      const stack = new Stack(new App());
      new sns.Topic(stack, 'S', { masterKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      expect(statusOf(SnsTopicEncrypted, stack, T)).toBe('compliant');
    });
    test('L1 topic with the AWS managed key alias', () => {
      expect(statusOf(SnsTopicEncrypted, topic('alias/aws/sns'), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(SnsTopicEncrypted, cfn({ P: { Type: 'AWS::SNS::TopicPolicy' } }), 'AWS::SNS::TopicPolicy')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => topic({ Ref: 'Key' }, { Parameters: { Key: { Type: 'String', ...p } } });
    test('parameter with a key default is compliant', () => {
      expect(statusOf(SnsTopicEncrypted, param({ Default: 'alias/payments' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including an empty key is non-compliant', () => {
      expect(statusOf(SnsTopicEncrypted, param({ AllowedValues: ['alias/payments', ''] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(SnsTopicEncrypted, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(SnsTopicEncrypted, topic({ 'Fn::If': ['Prod', 'alias/payments', { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with a key in both branches is compliant', () => {
      expect(statusOf(SnsTopicEncrypted, topic({ 'Fn::If': ['Prod', 'alias/payments', 'alias/aws/sns'] }), T)).toBe('compliant');
    });
    test('GetAtt of a key is compliant (the key exists; its ARN is known at deployment)', () => {
      const t = cfn({ K: { Type: 'AWS::KMS::Key' }, S: { Type: T, Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['K', 'Arn'] } } } });
      expect(statusOf(SnsTopicEncrypted, t, T)).toBe('compliant');
    });
  });
  describe('details', () => {
    test('in Japanese', () => {
      expect(outcomes(SnsTopicEncrypted, cfn({ S: { Type: T } }), { language: 'ja' }).S).toEqual({ status: 'non-compliant', detail: 'KmsMasterKeyId が 未設定 です' });
    });
  });
});
