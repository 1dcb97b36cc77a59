import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { LogGroupEncrypted } from '../../packs/rules/logs/LogGroupEncrypted';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::Logs::LogGroup';
const KEY = 'arn:aws:kms:ap-northeast-1:123456789012:key/abc';
const group = (KmsKeyId: unknown, extra = {}) => cfn({ L: { Type: T, Properties: { KmsKeyId } } }, extra);

describe('LogGroupEncrypted (FTG-LOGS-2)', () => {
  describe('non-compliance', () => {
    test('L2 log group without a key', () => {
      const stack = new Stack(new App());
      new logs.LogGroup(stack, 'L');
      expect(statusOf(LogGroupEncrypted, stack, T)).toBe('non-compliant');
    });
    test('L1 log group without KmsKeyId', () => {
      expect(statusOf(LogGroupEncrypted, cfn({ L: { Type: T } }), T)).toBe('non-compliant');
    });
    test('escape hatch removes the key', () => {
      const stack = new Stack(new App());
      const l = new logs.LogGroup(stack, 'L', { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      (l.node.defaultChild as logs.CfnLogGroup).addPropertyDeletionOverride('KmsKeyId');
      expect(statusOf(LogGroupEncrypted, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 log group with a KMS key (GetAtt)', () => {
      const stack = new Stack(new App());
      new logs.LogGroup(stack, 'L', { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      expect(statusOf(LogGroupEncrypted, stack, T)).toBe('compliant');
    });
    test('L1 log group with a key ARN', () => {
      expect(statusOf(LogGroupEncrypted, group(KEY), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('metric filters', () => {
      expect(statusOf(LogGroupEncrypted, cfn({ M: { Type: 'AWS::Logs::MetricFilter' } }), 'AWS::Logs::MetricFilter')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with a key default is compliant', () => {
      expect(statusOf(LogGroupEncrypted, group({ Ref: 'K' }, { Parameters: { K: { Type: 'String', Default: KEY } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including empty is non-compliant', () => {
      expect(statusOf(LogGroupEncrypted, group({ Ref: 'K' }, { Parameters: { K: { Type: 'String', AllowedValues: [KEY, ''] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(LogGroupEncrypted, group({ Ref: 'K' }, { Parameters: { K: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(LogGroupEncrypted, group({ 'Fn::If': ['Prod', KEY, { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with keys in both branches is compliant', () => {
      expect(statusOf(LogGroupEncrypted, group({ 'Fn::If': ['Prod', KEY, KEY] }), T)).toBe('compliant');
    });
    test('SSM parameter type is unverifiable', () => {
      expect(statusOf(LogGroupEncrypted, group({ Ref: 'K' }, { Parameters: { K: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/keys/logs' } } }), T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(LogGroupEncrypted, cfn({ L: { Type: T } })).L).toEqual({ status: 'non-compliant', detail: 'KmsKeyId is not set' });
      expect(outcomes(LogGroupEncrypted, cfn({ L: { Type: T } }), { language: 'ja' }).L).toEqual({ status: 'non-compliant', detail: 'KmsKeyId が 未設定 です' });
      const ja = outcomes(LogGroupEncrypted, group({ Ref: 'K' }, { Parameters: { K: { Type: 'String' } } }), { language: 'ja' }).L;
      expect(ja).toEqual({ status: 'unverifiable', detail: 'KmsKeyId: パラメータ "K" への Ref で、既定値も許可値もありません' });
    });
  });
});
