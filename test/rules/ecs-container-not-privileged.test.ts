import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EcsContainerNotPrivileged } from '../../packs/rules/ecs/EcsContainerNotPrivileged';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::ECS::TaskDefinition';
const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest');
const task = (...containers: unknown[]) => cfn({ T: { Type: T, Properties: { ContainerDefinitions: containers } } });
const c = (props: object = {}) => ({ Name: 'app', Image: 'nginx', ReadonlyRootFilesystem: true, ...props });

function l2(options: Partial<ecs.ContainerDefinitionOptions>) {
  const stack = new Stack(new App());
  const td = new ecs.FargateTaskDefinition(stack, 'T');
  const container = td.addContainer('app', { image, ...options });
  return { stack, td, container };
}

describe('EcsContainerNotPrivileged (FTG-ECS-1)', () => {
  describe('non-compliance', () => {
    test('L2 container without readonlyRootFilesystem', () => {
      expect(statusOf(EcsContainerNotPrivileged, l2({}).stack, T)).toBe('non-compliant');
    });
    test('L2 Ec2 task container that is privileged (with a read-only root)', () => {
      const stack = new Stack(new App());
      new ecs.Ec2TaskDefinition(stack, 'T').addContainer('app', { image, memoryLimitMiB: 512, privileged: true, readonlyRootFilesystem: true });
      expect(statusOf(EcsContainerNotPrivileged, stack, T)).toBe('non-compliant');
    });
    test('L1: the second container is privileged, named in the detail', () => {
      expect(outcomes(EcsContainerNotPrivileged, task(c(), c({ Name: 'sidecar', Privileged: 'true' }))).T)
        .toEqual({ status: 'non-compliant', detail: expect.stringContaining('container "sidecar" Privileged') });
    });
    test('escape hatch making the root file system writable', () => {
      const { stack, td } = l2({ readonlyRootFilesystem: true });
      (td.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('ContainerDefinitions.0.ReadonlyRootFilesystem', false);
      expect(statusOf(EcsContainerNotPrivileged, stack, T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 container with readonlyRootFilesystem and privileged false', () => {
      expect(statusOf(EcsContainerNotPrivileged, l2({ readonlyRootFilesystem: true, privileged: false }).stack, T)).toBe('compliant');
    });
    test('L1 containers with "true" as a string', () => {
      expect(statusOf(EcsContainerNotPrivileged, task(c({ ReadonlyRootFilesystem: 'true' }), c({ Name: 'b' })), T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(EcsContainerNotPrivileged, cfn({ S: { Type: 'AWS::ECS::Service', Properties: {} } }), 'AWS::ECS::Service')).toBe('not-applicable');
    });
    test('task definition without container definitions', () => {
      expect(statusOf(EcsContainerNotPrivileged, cfn({ T: { Type: T, Properties: {} } }), T)).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with default true for the read-only root is compliant', () => {
      expect(statusOf(EcsContainerNotPrivileged, { ...task(c({ ReadonlyRootFilesystem: { Ref: 'Ro' } })), Parameters: { Ro: { Type: 'String', Default: 'true' } } }, T)).toBe('compliant');
    });
    test('parameter whose allowed values include a privileged true is non-compliant', () => {
      expect(statusOf(EcsContainerNotPrivileged, { ...task(c({ Privileged: { Ref: 'P' } })), Parameters: { P: { Type: 'String', AllowedValues: ['false', 'true'] } } }, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(EcsContainerNotPrivileged, { ...task(c({ Privileged: { Ref: 'P' } })), Parameters: { P: { Type: 'String' } } }, T)).toBe('unverifiable');
    });
    test('Fn::If with a writable root in one branch is non-compliant', () => {
      expect(statusOf(EcsContainerNotPrivileged, task(c({ ReadonlyRootFilesystem: { 'Fn::If': ['Debug', false, true] } })), T)).toBe('non-compliant');
    });
    test('Fn::If on a whole container with safe settings in both branches is compliant', () => {
      expect(statusOf(EcsContainerNotPrivileged, task({ 'Fn::If': ['Big', c({ Memory: 1024 }), c({ Memory: 512, Privileged: false })] }), T)).toBe('compliant');
    });
    test('GetAtt for the read-only flag is unverifiable', () => {
      const t = task(c({ ReadonlyRootFilesystem: { 'Fn::GetAtt': ['X', 'Ro'] } }));
      expect(statusOf(EcsContainerNotPrivileged, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const t = task(c(), c({ Name: 'sidecar', Privileged: 'true' }));
      expect(outcomes(EcsContainerNotPrivileged, t).T).toEqual({ status: 'non-compliant', detail: 'container "sidecar" Privileged is "true"' });
      expect(outcomes(EcsContainerNotPrivileged, t, { language: 'ja' }).T).toEqual({ status: 'non-compliant', detail: 'コンテナ "sidecar" の Privileged が "true" です' });
      const unnamed = task({ Image: 'nginx', ReadonlyRootFilesystem: false });
      expect(outcomes(EcsContainerNotPrivileged, unnamed, { language: 'ja' }).T)
        .toEqual({ status: 'non-compliant', detail: 'ContainerDefinitions[0] の ReadonlyRootFilesystem が false です' });
      const named = task({ Name: { 'Fn::Join': ['-', ['a', { Ref: 'AWS::StackName' }]] }, Image: 'nginx' });
      expect(outcomes(EcsContainerNotPrivileged, named, { language: 'ja' }).T)
        .toEqual({ status: 'non-compliant', detail: 'ContainerDefinitions[0]（{Fn::Join}） の ReadonlyRootFilesystem が 未設定 です' });
    });
  });
});
