import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DynamoDbCustomerManagedKey } from '../../packs/rules/dynamodb/DynamoDbCustomerManagedKey';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::DynamoDB::Table';
const G = 'AWS::DynamoDB::GlobalTable';
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };
const table = (sse: unknown, extra = {}) => cfn({ D: { Type: T, Properties: { SSESpecification: sse } } }, extra);
const kmsSse = { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/payments' };
const env = { account: '111122223333', region: 'ap-northeast-1' };

describe('DynamoDbCustomerManagedKey (FTG-DDB-2)', () => {
  describe('non-compliance', () => {
    test('L2 Table with the default (AWS owned key)', () => {
      const stack = new Stack(new App());
      new dynamodb.Table(stack, 'D', { partitionKey: pk });
      expect(statusOf(DynamoDbCustomerManagedKey, stack, T)).toBe('non-compliant');
    });
    test('L2 Table with DEFAULT encryption and TableV2 with the AWS owned key', () => {
      const stack = new Stack(new App(), 'S', { env });
      new dynamodb.Table(stack, 'D', { partitionKey: pk, encryption: dynamodb.TableEncryption.DEFAULT });
      new dynamodb.TableV2(stack, 'G', { partitionKey: pk, encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey() });
      expect(statusOf(DynamoDbCustomerManagedKey, stack, T)).toBe('non-compliant');
      expect(statusOf(DynamoDbCustomerManagedKey, stack, G)).toBe('non-compliant');
    });
    test('L1 table with SSEEnabled false', () => {
      expect(statusOf(DynamoDbCustomerManagedKey, table({ SSEEnabled: false }), T)).toBe('non-compliant');
    });
    test('escape hatch removes the SSE specification', () => {
      const stack = new Stack(new App());
      const d = new dynamodb.Table(stack, 'D', { partitionKey: pk, encryption: dynamodb.TableEncryption.AWS_MANAGED });
      (d.node.defaultChild as dynamodb.CfnTable).addPropertyDeletionOverride('SSESpecification');
      expect(statusOf(DynamoDbCustomerManagedKey, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 Table with a customer managed key', () => {
      const stack = new Stack(new App());
      new dynamodb.Table(stack, 'D', { partitionKey: pk, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      expect(statusOf(DynamoDbCustomerManagedKey, stack, T)).toBe('compliant');
    });
    test('L2 TableV2 with a customer managed key', () => {
      const stack = new Stack(new App(), 'S', { env });
      new dynamodb.TableV2(stack, 'G', { partitionKey: pk, encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'K')) });
      expect(statusOf(DynamoDbCustomerManagedKey, stack, G)).toBe('compliant');
    });
    test('L1 table with SSEEnabled true and no SSEType (KMS with the AWS managed key)', () => {
      expect(statusOf(DynamoDbCustomerManagedKey, table({ SSEEnabled: 'true' }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(DynamoDbCustomerManagedKey, cfn({ K: { Type: 'AWS::KMS::Key' } }), 'AWS::KMS::Key')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => table({ SSEEnabled: { Ref: 'Sse' } }, { Parameters: { Sse: { Type: 'String', ...p } } });
    test('parameter with default true is compliant', () => {
      expect(statusOf(DynamoDbCustomerManagedKey, param({ Default: 'true' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including false is non-compliant', () => {
      expect(statusOf(DynamoDbCustomerManagedKey, param({ AllowedValues: ['true', 'false'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(DynamoDbCustomerManagedKey, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(DynamoDbCustomerManagedKey, table({ 'Fn::If': ['Prod', kmsSse, { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches on KMS is compliant', () => {
      expect(statusOf(DynamoDbCustomerManagedKey, table({ 'Fn::If': ['Prod', kmsSse, { SSEEnabled: true }] }), T)).toBe('compliant');
    });
    test('GetAtt for the flag is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, D: { Type: T, Properties: { SSESpecification: { SSEEnabled: { 'Fn::GetAtt': ['X', 'Sse'] } } } } });
      expect(statusOf(DynamoDbCustomerManagedKey, t, T)).toBe('unverifiable');
    });
  });
});

describe('DynamoDbCustomerManagedKey details in Japanese', () => {
  test('no SSESpecification, and SSE turned off', () => {
    expect(outcomes(DynamoDbCustomerManagedKey, table(undefined), { language: 'ja' }).D)
      .toEqual({ status: 'non-compliant', detail: 'SSESpecification が未設定です（この場合 DynamoDB は AWS 所有のキーを使います）' });
    expect(outcomes(DynamoDbCustomerManagedKey, table({ SSEEnabled: false }), { language: 'ja' }).D)
      .toEqual({ status: 'non-compliant', detail: 'SSESpecification.SSEEnabled が false です' });
  });
});
