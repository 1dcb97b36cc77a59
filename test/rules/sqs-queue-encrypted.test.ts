import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsQueueEncrypted } from '../../packs/rules/sqs/SqsQueueEncrypted';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::SQS::Queue';
const queue = (props: Record<string, unknown>, extra = {}) => cfn({ Q: { Type: T, Properties: props } }, extra);

describe('SqsQueueEncrypted (FTG-SQS-1)', () => {
  describe('non-compliance', () => {
    test('L2 queue with QueueEncryption.UNENCRYPTED', () => {
      const stack = new Stack(new App());
      new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.UNENCRYPTED });
      expect(statusOf(SqsQueueEncrypted, stack, T)).toBe('non-compliant');
    });
    test('L1 queue with SqsManagedSseEnabled "false" and no key', () => {
      expect(statusOf(SqsQueueEncrypted, queue({ SqsManagedSseEnabled: 'false' }), T)).toBe('non-compliant');
    });
    test('escape hatch turns SSE-SQS off', () => {
      const stack = new Stack(new App());
      const q = new sqs.Queue(stack, 'Q');
      (q.node.defaultChild as sqs.CfnQueue).addPropertyOverride('SqsManagedSseEnabled', false);
      expect(statusOf(SqsQueueEncrypted, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 queue with the default (SSE-SQS applied by AWS)', () => {
      const stack = new Stack(new App());
      new sqs.Queue(stack, 'Q');
      expect(statusOf(SqsQueueEncrypted, stack, T)).toBe('compliant');
    });
    test('L2 queue with a KMS key', () => {
      const stack = new Stack(new App());
      new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      expect(statusOf(SqsQueueEncrypted, stack, T)).toBe('compliant');
    });
    test('L1 queue with SqsManagedSseEnabled true, and one with a key and SSE-SQS off', () => {
      expect(statusOf(SqsQueueEncrypted, queue({ SqsManagedSseEnabled: true }), T)).toBe('compliant');
      expect(statusOf(SqsQueueEncrypted, queue({ SqsManagedSseEnabled: false, KmsMasterKeyId: 'alias/aws/sqs' }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(SqsQueueEncrypted, cfn({ P: { Type: 'AWS::SQS::QueuePolicy' } }), 'AWS::SQS::QueuePolicy')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => queue({ SqsManagedSseEnabled: { Ref: 'Sse' } }, { Parameters: { Sse: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(SqsQueueEncrypted, param({ Default: 'true' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(SqsQueueEncrypted, param({ AllowedValues: ['true', 'false'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(SqsQueueEncrypted, param({}), T)).toBe('unverifiable');
    });
    test('key parameter without default and SSE-SQS off is unverifiable', () => {
      expect(statusOf(SqsQueueEncrypted, queue({ KmsMasterKeyId: { Ref: 'Key' }, SqsManagedSseEnabled: false }, { Parameters: { Key: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with an unencrypted branch is non-compliant', () => {
      expect(statusOf(SqsQueueEncrypted, queue({ SqsManagedSseEnabled: false, KmsMasterKeyId: { 'Fn::If': ['Prod', 'alias/q', { Ref: 'AWS::NoValue' }] } }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches encrypted is compliant', () => {
      expect(statusOf(SqsQueueEncrypted, queue({ SqsManagedSseEnabled: { 'Fn::If': ['Prod', true, { Ref: 'AWS::NoValue' }] } }), T)).toBe('compliant');
    });
    test('GetAtt of a key is compliant; GetAtt for the SSE flag is unverifiable', () => {
      const t = cfn({ K: { Type: 'AWS::KMS::Key' }, Q: { Type: T, Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['K', 'Arn'] } } } });
      expect(statusOf(SqsQueueEncrypted, t, T)).toBe('compliant');
      const u = cfn({ X: { Type: 'Custom::X' }, Q: { Type: T, Properties: { SqsManagedSseEnabled: { 'Fn::GetAtt': ['X', 'Sse'] } } } });
      expect(statusOf(SqsQueueEncrypted, u, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const t = queue({ KmsMasterKeyId: { Ref: 'K' }, SqsManagedSseEnabled: false }, { Parameters: { K: { Type: 'String' } } });
      expect(outcomes(SqsQueueEncrypted, t).Q).toEqual({
        status: 'unverifiable',
        detail: 'KmsMasterKeyId: Ref to parameter "K" with no default or allowed values, and SqsManagedSseEnabled is not true',
      });
      expect(outcomes(SqsQueueEncrypted, t, { language: 'ja' }).Q).toEqual({
        status: 'unverifiable',
        detail: 'KmsMasterKeyId: パラメータ "K" への Ref で、既定値も許可値もありません。また SqsManagedSseEnabled が true ではありません',
      });
      expect(outcomes(SqsQueueEncrypted, queue({ SqsManagedSseEnabled: false }), { language: 'ja' }).Q)
        .toEqual({ status: 'non-compliant', detail: 'SqsManagedSseEnabled が false です' });
    });
  });
});
