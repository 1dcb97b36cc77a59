import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { DynamoDbPointInTimeRecovery } from '../../packs/rules/dynamodb/DynamoDbPointInTimeRecovery';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::DynamoDB::Table';
const G = 'AWS::DynamoDB::GlobalTable';
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };
const table = (pitr: unknown, extra = {}) => cfn({ D: { Type: T, Properties: { PointInTimeRecoverySpecification: pitr } } }, extra);
const on = { PointInTimeRecoveryEnabled: true };

describe('DynamoDbPointInTimeRecovery (FTG-DDB-1)', () => {
  describe('non-compliance', () => {
    test('L2 Table without PITR', () => {
      const stack = new Stack(new App());
      new dynamodb.Table(stack, 'D', { partitionKey: pk });
      expect(statusOf(DynamoDbPointInTimeRecovery, stack, T)).toBe('non-compliant');
    });
    test('L2 TableV2 (GlobalTable) without PITR', () => {
      const stack = new Stack(new App());
      new dynamodb.TableV2(stack, 'G', { partitionKey: pk });
      expect(statusOf(DynamoDbPointInTimeRecovery, stack, G)).toBe('non-compliant');
    });
    test('L1 global table with PITR on one replica only', () => {
      const t = cfn({ G: { Type: G, Properties: { Replicas: [{ Region: 'ap-northeast-1', PointInTimeRecoverySpecification: on }, { Region: 'ap-northeast-3' }] } } });
      expect(outcomes(DynamoDbPointInTimeRecovery, t).G).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('ap-northeast-3') }));
    });
    test('escape hatch turns PITR off', () => {
      const stack = new Stack(new App());
      const d = new dynamodb.Table(stack, 'D', { partitionKey: pk, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
      (d.node.defaultChild as dynamodb.CfnTable).addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
      expect(statusOf(DynamoDbPointInTimeRecovery, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 Table with PITR', () => {
      const stack = new Stack(new App());
      new dynamodb.Table(stack, 'D', { partitionKey: pk, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
      expect(statusOf(DynamoDbPointInTimeRecovery, stack, T)).toBe('compliant');
    });
    test('L2 TableV2 with PITR', () => {
      const stack = new Stack(new App());
      new dynamodb.TableV2(stack, 'G', { partitionKey: pk, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
      expect(statusOf(DynamoDbPointInTimeRecovery, stack, G)).toBe('compliant');
    });
    test('L1 table with "true"', () => {
      expect(statusOf(DynamoDbPointInTimeRecovery, table({ PointInTimeRecoveryEnabled: 'true', RecoveryPeriodInDays: 35 }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(DynamoDbPointInTimeRecovery, cfn({ S: { Type: 'AWS::S3::Bucket' } }), 'AWS::S3::Bucket')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => table({ PointInTimeRecoveryEnabled: { Ref: 'Pitr' } }, { Parameters: { Pitr: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(DynamoDbPointInTimeRecovery, param({ Default: 'true' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(DynamoDbPointInTimeRecovery, param({ AllowedValues: ['true', 'false'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(DynamoDbPointInTimeRecovery, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(DynamoDbPointInTimeRecovery, table({ 'Fn::If': ['Prod', on, { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches on is compliant (a replica list too)', () => {
      expect(statusOf(DynamoDbPointInTimeRecovery, table({ 'Fn::If': ['Prod', on, { PointInTimeRecoveryEnabled: 'true' }] }), T)).toBe('compliant');
      const g = cfn({ G: { Type: G, Properties: { Replicas: [{ Region: 'ap-northeast-1', PointInTimeRecoverySpecification: on }, { 'Fn::If': ['Dr', { Region: 'ap-northeast-3', PointInTimeRecoverySpecification: on }, { Ref: 'AWS::NoValue' }] }] } } });
      expect(statusOf(DynamoDbPointInTimeRecovery, g, G)).toBe('compliant');
    });
    test('GetAtt for the flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, D: { Type: T, Properties: { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: { 'Fn::GetAtt': ['X', 'Pitr'] } } } } });
      expect(statusOf(DynamoDbPointInTimeRecovery, t, T)).toBe('unverifiable');
    });
  });
});

describe('DynamoDbPointInTimeRecovery details', () => {
  test('no PITR, a replica without it, and no replicas, in Japanese', () => {
    expect(outcomes(DynamoDbPointInTimeRecovery, table(undefined), { language: 'ja' }).D)
      .toEqual({ status: 'non-compliant', detail: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled が 未設定 です' });
    const g = cfn({ G: { Type: G, Properties: { Replicas: [{ Region: 'ap-northeast-1', PointInTimeRecoverySpecification: on }, { Region: 'ap-northeast-3' }] } } });
    expect(outcomes(DynamoDbPointInTimeRecovery, g, { language: 'ja' }).G)
      .toEqual({ status: 'non-compliant', detail: 'Replicas[1] (ap-northeast-3).PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled が 未設定 です' });
    const empty = cfn({ G: { Type: G, Properties: { Replicas: [] } } });
    expect(outcomes(DynamoDbPointInTimeRecovery, empty).G).toEqual({ status: 'non-compliant', detail: 'Replicas is empty' });
    expect(outcomes(DynamoDbPointInTimeRecovery, empty, { language: 'ja' }).G).toEqual({ status: 'non-compliant', detail: 'Replicas が空です' });
  });
});
