import { App, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlarmHasAction } from '../../packs/rules/cloudwatch/AlarmHasAction';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const T = 'AWS::CloudWatch::Alarm';
const C = 'AWS::CloudWatch::CompositeAlarm';
const TOPIC = 'arn:aws:sns:ap-northeast-1:123456789012:oncall';
const alarm = (props: Record<string, unknown> = {}) => ({
  A: { Type: T, Properties: { MetricName: 'Errors', Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', ...props } },
});
const composite = (props: Record<string, unknown> = {}) => ({
  CA: { Type: C, Properties: { AlarmRule: { 'Fn::Sub': 'ALARM("${A.Arn}")' }, ...props } },
});

function l2(withAction: boolean): { stack: Stack; alarm: cloudwatch.Alarm } {
  const stack = new Stack(new App());
  const a = new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors' }).createAlarm(stack, 'A', { threshold: 1, evaluationPeriods: 1 });
  if (withAction) a.addAlarmAction(new actions.SnsAction(new sns.Topic(stack, 'T')));
  return { stack, alarm: a };
}

describe('AlarmHasAction (FTG-CW-1)', () => {
  describe('non-compliance', () => {
    test('L2 alarm without an action', () => {
      expect(statusOf(AlarmHasAction, l2(false).stack, T)).toBe('non-compliant');
    });
    test('L2 composite alarm without an action (and its input alarm)', () => {
      const { stack, alarm: a } = l2(false);
      new cloudwatch.CompositeAlarm(stack, 'CA', { alarmRule: cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM) });
      expect(statusOf(AlarmHasAction, stack, C)).toBe('non-compliant');
      expect(statusOf(AlarmHasAction, stack, T)).toBe('non-compliant');
    });
    test('escape hatch disables the actions of an alarm', () => {
      const { stack, alarm: a } = l2(true);
      (a.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('ActionsEnabled', false);
      expect(statusOf(AlarmHasAction, stack, T)).toBe('non-compliant');
    });
    test('L1 alarm with only an OK action, and with an empty AlarmActions', () => {
      expect(statusOf(AlarmHasAction, cfn(alarm({ OKActions: [TOPIC] })), T)).toBe('non-compliant');
      expect(statusOf(AlarmHasAction, cfn(alarm({ AlarmActions: [] })), T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 alarm with an SNS action', () => {
      expect(statusOf(AlarmHasAction, l2(true).stack, T)).toBe('compliant');
    });
    test('L2 alarm without actions that feeds a composite alarm with an action', () => {
      const { stack, alarm: a } = l2(false);
      const ca = new cloudwatch.CompositeAlarm(stack, 'CA', { alarmRule: cloudwatch.AlarmRule.anyOf(a) });
      ca.addAlarmAction(new actions.SnsAction(new sns.Topic(stack, 'T')));
      expect(Object.values(statuses(AlarmHasAction, stack)).filter((s) => s !== 'not-applicable')).toEqual(['compliant', 'compliant']);
    });
    test('L1 alarm with ActionsEnabled "true" and a literal topic', () => {
      expect(statusOf(AlarmHasAction, cfn(alarm({ ActionsEnabled: 'true', AlarmActions: [TOPIC] })), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(AlarmHasAction, l2(true).stack, 'AWS::SNS::Topic')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with a topic default is compliant', () => {
      expect(statusOf(AlarmHasAction, cfn(alarm({ AlarmActions: [{ Ref: 'P' }] }), { Parameters: { P: { Type: 'String', Default: TOPIC } } }), T)).toBe('compliant');
    });
    test('ActionsEnabled from a parameter with allowed values including false is non-compliant', () => {
      const t = cfn(alarm({ AlarmActions: [TOPIC], ActionsEnabled: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', AllowedValues: ['true', 'false'] } } });
      expect(statusOf(AlarmHasAction, t, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(AlarmHasAction, cfn(alarm({ AlarmActions: [{ Ref: 'P' }] }), { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If that removes the only action in one branch is non-compliant', () => {
      const t = cfn(alarm({ AlarmActions: [{ 'Fn::If': ['Prod', TOPIC, { Ref: 'AWS::NoValue' }] }] }));
      expect(statusOf(AlarmHasAction, t, T)).toBe('non-compliant');
    });
    test('Fn::If with an action in both branches is compliant', () => {
      const t = cfn(alarm({ AlarmActions: { 'Fn::If': ['Prod', [TOPIC], ['arn:aws:sns:ap-northeast-1:123456789012:dev']] } }));
      expect(statusOf(AlarmHasAction, t, T)).toBe('compliant');
    });
    test('GetAtt/Ref to a topic is compliant; an input alarm of a composite with an unknown action is unverifiable', () => {
      expect(statusOf(AlarmHasAction, cfn({ ...alarm({ AlarmActions: [{ Ref: 'Topic' }] }), Topic: { Type: 'AWS::SNS::Topic' } }), T)).toBe('compliant');
      const t = cfn({ ...alarm(), ...composite({ AlarmActions: [{ Ref: 'P' }] }) }, { Parameters: { P: { Type: 'String' } } });
      expect(statusOf(AlarmHasAction, t, T)).toBe('unverifiable');
    });
  });
});

describe('AlarmHasAction details in Japanese', () => {
  test('no actions, and empty actions from a parameter-driven Fn::If', () => {
    expect(outcomes(AlarmHasAction, cfn(alarm()), { language: 'ja' }).A).toEqual({ status: 'non-compliant', detail: 'AlarmActions が未設定です' });
    expect(outcomes(AlarmHasAction, cfn(alarm({ AlarmActions: [] })), { language: 'ja' }).A).toEqual({ status: 'non-compliant', detail: 'AlarmActions が空です' });
  });
  test('an input alarm of a composite with an unknown action names the composite alarm in Japanese', () => {
    const t = cfn({ ...alarm(), ...composite({ AlarmActions: [{ Ref: 'P' }] }) }, { Parameters: { P: { Type: 'String' } } });
    const en = outcomes(AlarmHasAction, t).A;
    const ja = outcomes(AlarmHasAction, t, { language: 'ja' }).A;
    expect(en.status === 'unverifiable' && en.detail).toContain('composite alarm CA (fed by this alarm): AlarmActions entries cannot be verified');
    expect(ja).toEqual({ status: 'unverifiable', detail: 'このアラームを入力とする複合アラーム CA: AlarmActions の要素をデプロイ前に検証できません' });
  });
});
