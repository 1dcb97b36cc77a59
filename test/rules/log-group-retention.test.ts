import { App, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { LogGroupRetention } from '../../packs/rules/logs/LogGroupRetention';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::Logs::LogGroup';
const group = (RetentionInDays: unknown, extra = {}) => cfn({ L: { Type: T, Properties: { RetentionInDays } } }, extra);

describe('LogGroupRetention (FTG-LOGS-1)', () => {
  describe('non-compliance', () => {
    test('L2 log group kept one month', () => {
      const stack = new Stack(new App());
      new logs.LogGroup(stack, 'L', { retention: logs.RetentionDays.ONE_MONTH });
      expect(statusOf(LogGroupRetention, stack, T)).toBe('non-compliant');
    });
    test('L1 log group kept 180 days (written as a string)', () => {
      expect(statusOf(LogGroupRetention, group('180'), T)).toBe('non-compliant');
    });
    test('escape hatch shortens the retention', () => {
      const stack = new Stack(new App());
      const l = new logs.LogGroup(stack, 'L');
      (l.node.defaultChild as logs.CfnLogGroup).addPropertyOverride('RetentionInDays', 7);
      expect(statusOf(LogGroupRetention, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 log group with the default (two years)', () => {
      const stack = new Stack(new App());
      new logs.LogGroup(stack, 'L');
      expect(statusOf(LogGroupRetention, stack, T)).toBe('compliant');
    });
    test('L2 log group kept forever (no RetentionInDays)', () => {
      const stack = new Stack(new App());
      new logs.LogGroup(stack, 'L', { retention: logs.RetentionDays.INFINITE });
      expect(statusOf(LogGroupRetention, stack, T)).toBe('compliant');
    });
    test('L1 log group kept exactly 365 days', () => {
      expect(statusOf(LogGroupRetention, group(365), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('log streams', () => {
      expect(statusOf(LogGroupRetention, cfn({ S: { Type: 'AWS::Logs::LogStream' } }), 'AWS::Logs::LogStream')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with default 731 is compliant', () => {
      expect(statusOf(LogGroupRetention, group({ Ref: 'D' }, { Parameters: { D: { Type: 'Number', Default: 731 } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including 30 is non-compliant', () => {
      expect(statusOf(LogGroupRetention, group({ Ref: 'D' }, { Parameters: { D: { Type: 'Number', AllowedValues: [30, 400] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(LogGroupRetention, group({ Ref: 'D' }, { Parameters: { D: { Type: 'Number' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with a short branch is non-compliant', () => {
      expect(statusOf(LogGroupRetention, group({ 'Fn::If': ['Prod', 3653, 14] }), T)).toBe('non-compliant');
    });
    test('Fn::If with a long branch and "forever" is compliant', () => {
      expect(statusOf(LogGroupRetention, group({ 'Fn::If': ['Prod', 3653, { Ref: 'AWS::NoValue' }] }), T)).toBe('compliant');
    });
    test('FindInMap retention is resolved', () => {
      const t = group({ 'Fn::FindInMap': ['Env', 'dev', 'Days'] }, { Mappings: { Env: { dev: { Days: 30 } } } });
      expect(statusOf(LogGroupRetention, t, T)).toBe('non-compliant');
    });
    test('GetAtt is unverifiable', () => {
      const t = cfn({ L: { Type: T, Properties: { RetentionInDays: { 'Fn::GetAtt': ['X', 'Days'] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(LogGroupRetention, t, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(LogGroupRetention, group(30)).L).toEqual({ status: 'non-compliant', detail: 'RetentionInDays is 30' });
      expect(outcomes(LogGroupRetention, group(30), { language: 'ja' }).L).toEqual({ status: 'non-compliant', detail: 'RetentionInDays が 30 です' });
    });
  });
});
