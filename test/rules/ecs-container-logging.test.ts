import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EcsContainerLogging } from '../../packs/rules/ecs/EcsContainerLogging';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::ECS::TaskDefinition';
const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest');
const task = (...containers: unknown[]) => cfn({ T: { Type: T, Properties: { ContainerDefinitions: containers } } });
const awslogs = { LogDriver: 'awslogs', Options: { 'awslogs-group': 'app', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'app' } };
const c = (logConfiguration?: unknown, name = 'app') => ({ Name: name, Image: 'nginx', ...(logConfiguration === undefined ? {} : { LogConfiguration: logConfiguration }) });

function l2(logging?: ecs.LogDriver) {
  const stack = new Stack(new App());
  const td = new ecs.FargateTaskDefinition(stack, 'T');
  td.addContainer('app', { image, logging });
  return { stack, td };
}

describe('EcsContainerLogging (FTG-ECS-2)', () => {
  describe('non-compliance', () => {
    test('L2 container without logging', () => {
      expect(statusOf(EcsContainerLogging, l2().stack, T)).toBe('non-compliant');
    });
    test('L1: a sidecar without LogConfiguration, named in the detail', () => {
      expect(outcomes(EcsContainerLogging, task(c(awslogs), c(undefined, 'sidecar'))).T)
        .toEqual({ status: 'non-compliant', detail: 'container "sidecar" has no LogConfiguration' });
    });
    test('L1 container logging to json-file on the host', () => {
      expect(statusOf(EcsContainerLogging, task(c({ LogDriver: 'json-file' })), T)).toBe('non-compliant');
    });
    test('escape hatch removing the log configuration', () => {
      const { stack, td } = l2(ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }));
      (td.node.defaultChild as ecs.CfnTaskDefinition).addPropertyDeletionOverride('ContainerDefinitions.0.LogConfiguration');
      expect(statusOf(EcsContainerLogging, stack, T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 container with awsLogs', () => {
      expect(statusOf(EcsContainerLogging, l2(ecs.LogDrivers.awsLogs({ streamPrefix: 'app' })).stack, T)).toBe('compliant');
    });
    test('L1 containers with awslogs and awsfirelens', () => {
      expect(statusOf(EcsContainerLogging, task(c(awslogs), c({ LogDriver: 'awsfirelens' }, 'b')), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(EcsContainerLogging, cfn({ S: { Type: 'AWS::ECS::Cluster', Properties: {} } }), 'AWS::ECS::Cluster')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('log driver parameter with default awslogs is compliant', () => {
      expect(statusOf(EcsContainerLogging, { ...task(c({ LogDriver: { Ref: 'D' } })), Parameters: { D: { Type: 'String', Default: 'awslogs' } } }, T)).toBe('compliant');
    });
    test('log driver parameter whose allowed values include json-file is non-compliant', () => {
      expect(statusOf(EcsContainerLogging, { ...task(c({ LogDriver: { Ref: 'D' } })), Parameters: { D: { Type: 'String', AllowedValues: ['awslogs', 'json-file'] } } }, T)).toBe('non-compliant');
    });
    test('log driver parameter without default is unverifiable', () => {
      expect(statusOf(EcsContainerLogging, { ...task(c({ LogDriver: { Ref: 'D' } })), Parameters: { D: { Type: 'String' } } }, T)).toBe('unverifiable');
    });
    test('Fn::If without logging in one branch is non-compliant', () => {
      expect(statusOf(EcsContainerLogging, task(c({ 'Fn::If': ['Log', awslogs, { Ref: 'AWS::NoValue' }] })), T)).toBe('non-compliant');
    });
    test('Fn::If with logging in both branches is compliant', () => {
      expect(statusOf(EcsContainerLogging, task(c({ 'Fn::If': ['Log', awslogs, { LogDriver: 'splunk' }] })), T)).toBe('compliant');
    });
    test('LogConfiguration from a GetAtt is unverifiable', () => {
      const t = task(c({ 'Fn::GetAtt': ['X', 'Config'] }));
      expect(statusOf(EcsContainerLogging, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const t = cfn({ T: { Type: T, Properties: { ContainerDefinitions: [{ Image: 'nginx', LogConfiguration: { LogDriver: { Ref: 'D' } } }] } } },
        { Parameters: { D: { Type: 'String', Default: 'json-file' } } });
      expect(outcomes(EcsContainerLogging, t).T).toEqual({
        status: 'non-compliant',
        detail: 'ContainerDefinitions[0] uses the json-file log driver, which keeps logs only on the host (parameter "D" default "json-file")',
      });
      expect(outcomes(EcsContainerLogging, t, { language: 'ja' }).T).toEqual({
        status: 'non-compliant',
        detail: 'ContainerDefinitions[0] が、ホスト上にしかログを残さない json-file ログドライバーを使っています（パラメータ "D" の既定値 "json-file"）',
      });
      expect(outcomes(EcsContainerLogging, task(c(awslogs), c(undefined, 'sidecar')), { language: 'ja' }).T)
        .toEqual({ status: 'non-compliant', detail: 'コンテナ "sidecar" に LogConfiguration がありません' });
      expect(outcomes(EcsContainerLogging, task(c({ Options: {} })), { language: 'ja' }).T)
        .toEqual({ status: 'non-compliant', detail: 'コンテナ "app" の LogConfiguration に LogDriver がありません' });
      expect(outcomes(EcsContainerLogging, task(c({ LogDriver: 3 })), { language: 'ja' }).T)
        .toEqual({ status: 'unverifiable', detail: 'コンテナ "app" の LogConfiguration.LogDriver が 3 です' });
    });
  });
});
