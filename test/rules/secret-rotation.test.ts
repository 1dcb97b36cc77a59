import { App, Duration, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { SecretRotation } from '../../packs/rules/secretsmanager/SecretRotation';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::SecretsManager::Secret';
const RS = 'AWS::SecretsManager::RotationSchedule';
const rules = { ScheduleExpression: 'rate(30 days)' };
const tpl = (schedule: Record<string, unknown> | undefined, secretProps: Record<string, unknown> = {}, extra = {}) => cfn({
  S: { Type: T, Properties: { GenerateSecretString: {}, ...secretProps } },
  ...(schedule ? { Rot: { Type: RS, ...schedule } } : {}),
}, extra);

describe('SecretRotation (FTG-SM-1)', () => {
  describe('non-compliance', () => {
    test('L2 secret without rotation', () => {
      const stack = new Stack(new App());
      new secretsmanager.Secret(stack, 'S');
      const o = Object.values(outcomes(SecretRotation, stack)).find((x) => x.status !== 'not-applicable');
      expect(o).toEqual({ status: 'non-compliant', detail: 'no AWS::SecretsManager::RotationSchedule refers to the secret' });
    });
    test('L1 schedule that refers to another secret', () => {
      const t = cfn({ S: { Type: T }, Other: { Type: T }, Rot: { Type: RS, Properties: { SecretId: { Ref: 'Other' }, RotationRules: rules } } });
      expect(outcomes(SecretRotation, t).S.status).toBe('non-compliant');
      expect(outcomes(SecretRotation, t).Other.status).toBe('compliant');
    });
    test('L1 schedule without a rotation function or rules', () => {
      expect(statusOf(SecretRotation, tpl({ Properties: { SecretId: { Ref: 'S' } } }), T)).toBe('non-compliant');
    });
    test('escape hatch removes the hosted rotation and the rules', () => {
      const stack = new Stack(new App());
      const s = new secretsmanager.Secret(stack, 'S');
      const rot = s.addRotationSchedule('Rot', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });
      const l1 = rot.node.defaultChild as secretsmanager.CfnRotationSchedule;
      l1.addPropertyDeletionOverride('HostedRotationLambda');
      l1.addPropertyDeletionOverride('RotationRules');
      expect(statusOf(SecretRotation, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 secret with hosted rotation', () => {
      const stack = new Stack(new App());
      new secretsmanager.Secret(stack, 'S').addRotationSchedule('Rot', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser(), automaticallyAfter: Duration.days(30) });
      expect(statusOf(SecretRotation, stack, T)).toBe('compliant');
    });
    test('L1 schedule through a SecretTargetAttachment (as CDK writes RDS rotation)', () => {
      const t = cfn({
        S: { Type: T, Properties: { GenerateSecretString: {} } },
        Att: { Type: 'AWS::SecretsManager::SecretTargetAttachment', Properties: { SecretId: { Ref: 'S' }, TargetId: 'db', TargetType: 'AWS::RDS::DBInstance' } },
        Rot: { Type: RS, Properties: { SecretId: { Ref: 'Att' }, RotationLambdaARN: { 'Fn::GetAtt': ['Fn', 'Arn'] }, RotationRules: rules } },
        Fn: { Type: 'AWS::Lambda::Function' },
      });
      expect(statusOf(SecretRotation, t, T)).toBe('compliant');
    });
    test('L1 schedule that names the secret literally', () => {
      expect(statusOf(SecretRotation, tpl({ Properties: { SecretId: 'prod/db', RotationRules: rules } }, { Name: 'prod/db' }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('the schedule itself', () => {
      expect(statusOf(SecretRotation, tpl({ Properties: { SecretId: { Ref: 'S' }, RotationRules: rules } }), RS)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('schedule under a condition that is statically false does not exist: non-compliant', () => {
      const o = outcomes(SecretRotation, tpl({ Condition: 'Prod', Properties: { SecretId: { Ref: 'S' }, RotationRules: rules } }, {}, { Conditions: { Prod: { 'Fn::Equals': ['a', 'b'] } } })).S;
      expect(o).toEqual({ status: 'non-compliant', detail: 'no AWS::SecretsManager::RotationSchedule refers to the secret' });
    });
    test('schedule under an open condition: non-compliant in the scenario where it does not exist, named', () => {
      const o = outcomes(SecretRotation, tpl({ Condition: 'Prod', Properties: { SecretId: { Ref: 'S' }, RotationRules: rules } }, {},
        { Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } }, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } } })).S;
      expect(o).toMatchObject({ status: 'non-compliant', scenario: 'when Prod = false' });
    });
    test('schedule under a condition that --parameter makes true: compliant', () => {
      const t = tpl({ Condition: 'Prod', Properties: { SecretId: { Ref: 'S' }, RotationRules: rules } }, {},
        { Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } }, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } } });
      expect(outcomes(SecretRotation, t, { deployment: { parameters: { Env: 'prod' } } }).S).toEqual({ status: 'compliant' });
    });
    test('SecretId chosen with Fn::If between this and another secret: the secret is found', () => {
      const t = cfn({ S: { Type: T }, O: { Type: T }, Rot: { Type: RS, Properties: { SecretId: { 'Fn::If': ['C', { Ref: 'S' }, { Ref: 'O' }] }, RotationRules: rules } } });
      expect(outcomes(SecretRotation, t).S.status).toBe('compliant');
    });
    test('rotation rules from Fn::If with AWS::NoValue in one branch (and no function) is non-compliant', () => {
      expect(statusOf(SecretRotation, tpl({ Properties: { SecretId: { Ref: 'S' }, RotationRules: { 'Fn::If': ['C', rules, { Ref: 'AWS::NoValue' }] } } }), T)).toBe('non-compliant');
    });
    test('rotation rules from Fn::If with rules in both branches is compliant', () => {
      expect(statusOf(SecretRotation, tpl({ Properties: { SecretId: { Ref: 'S' }, RotationRules: { 'Fn::If': ['C', rules, { AutomaticallyAfterDays: 90 }] } } }), T)).toBe('compliant');
    });
    test('rotation function from a parameter without default (and no rules) is unverifiable', () => {
      expect(statusOf(SecretRotation, tpl({ Properties: { SecretId: { Ref: 'S' }, RotationLambdaARN: { Ref: 'Fn' } } }, {}, { Parameters: { Fn: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('rotation function from a parameter with a default is compliant', () => {
      expect(statusOf(SecretRotation, tpl({ Properties: { SecretId: { Ref: 'S' }, RotationLambdaARN: { Ref: 'Fn' } } }, {}, { Parameters: { Fn: { Type: 'String', Default: 'arn:aws:lambda:ap-northeast-1:123456789012:function:rot' } } }), T)).toBe('compliant');
    });
    test('rotation function from a parameter with allowed values including empty is non-compliant', () => {
      expect(statusOf(SecretRotation, tpl({ Properties: { SecretId: { Ref: 'S' }, RotationLambdaARN: { Ref: 'Fn' } } }, {}, { Parameters: { Fn: { Type: 'String', AllowedValues: ['arn:aws:lambda:ap-northeast-1:123456789012:function:rot', ''] } } }), T)).toBe('non-compliant');
    });
    test('rotation function from GetAtt is compliant', () => {
      const t = cfn({ S: { Type: T }, Rot: { Type: RS, Properties: { SecretId: { Ref: 'S' }, RotationLambdaARN: { 'Fn::GetAtt': ['Fn', 'Arn'] } } }, Fn: { Type: 'AWS::Lambda::Function' } });
      expect(statusOf(SecretRotation, t, T)).toBe('compliant');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(SecretRotation, tpl(undefined), { language: 'ja' }).S)
        .toEqual({ status: 'non-compliant', detail: 'このシークレットを参照する AWS::SecretsManager::RotationSchedule がありません' });
      const empty = tpl({ Properties: { SecretId: { Ref: 'S' } } });
      expect(outcomes(SecretRotation, empty).S)
        .toEqual({ status: 'non-compliant', detail: 'RotationSchedule Rot sets no RotationLambdaARN, HostedRotationLambda or RotationRules' });
      expect(outcomes(SecretRotation, empty, { language: 'ja' }).S)
        .toEqual({ status: 'non-compliant', detail: 'RotationSchedule Rot に RotationLambdaARN、HostedRotationLambda、RotationRules のいずれも設定されていません' });
    });
  });
});
