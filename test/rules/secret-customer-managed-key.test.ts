import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { SecretCustomerManagedKey } from '../../packs/rules/secretsmanager/SecretCustomerManagedKey';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::SecretsManager::Secret';
const KEY = 'arn:aws:kms:ap-northeast-1:123456789012:key/abc';
const secret = (KmsKeyId: unknown, extra = {}) => cfn({ S: { Type: T, Properties: { GenerateSecretString: {}, KmsKeyId } } }, extra);

describe('SecretCustomerManagedKey (FTG-SM-2)', () => {
  describe('non-compliance', () => {
    test('L2 secret with the default key', () => {
      const stack = new Stack(new App());
      new secretsmanager.Secret(stack, 'S');
      expect(statusOf(SecretCustomerManagedKey, stack, T)).toBe('non-compliant');
    });
    test('L1 secret with alias/aws/secretsmanager', () => {
      expect(statusOf(SecretCustomerManagedKey, secret('alias/aws/secretsmanager'), T)).toBe('non-compliant');
    });
    test('L1 secret with the AWS managed alias as an ARN', () => {
      expect(statusOf(SecretCustomerManagedKey, secret('arn:aws:kms:ap-northeast-1:123456789012:alias/aws/secretsmanager'), T)).toBe('non-compliant');
    });
    test('escape hatch removes the key', () => {
      const stack = new Stack(new App());
      const s = new secretsmanager.Secret(stack, 'S', { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      (s.node.defaultChild as secretsmanager.CfnSecret).addPropertyDeletionOverride('KmsKeyId');
      expect(statusOf(SecretCustomerManagedKey, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 secret with a customer managed key', () => {
      const stack = new Stack(new App());
      new secretsmanager.Secret(stack, 'S', { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
      expect(statusOf(SecretCustomerManagedKey, stack, T)).toBe('compliant');
    });
    test('L1 secret with a customer alias', () => {
      expect(statusOf(SecretCustomerManagedKey, secret('alias/app-secrets'), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('rotation schedules', () => {
      expect(statusOf(SecretCustomerManagedKey, cfn({ R: { Type: 'AWS::SecretsManager::RotationSchedule' } }), 'AWS::SecretsManager::RotationSchedule')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with a key default is compliant', () => {
      expect(statusOf(SecretCustomerManagedKey, secret({ Ref: 'K' }, { Parameters: { K: { Type: 'String', Default: KEY } } }), T)).toBe('compliant');
    });
    test('parameter with allowed values including the AWS managed alias is non-compliant', () => {
      expect(statusOf(SecretCustomerManagedKey, secret({ Ref: 'K' }, { Parameters: { K: { Type: 'String', AllowedValues: [KEY, 'alias/aws/secretsmanager'] } } }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(SecretCustomerManagedKey, secret({ Ref: 'K' }, { Parameters: { K: { Type: 'String' } } }), T)).toBe('unverifiable');
    });
    test('Fn::If with AWS::NoValue in one branch is non-compliant', () => {
      expect(statusOf(SecretCustomerManagedKey, secret({ 'Fn::If': ['Prod', KEY, { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with keys in both branches is compliant', () => {
      expect(statusOf(SecretCustomerManagedKey, secret({ 'Fn::If': ['Prod', KEY, 'alias/app'] }), T)).toBe('compliant');
    });
    test('GetAtt of a key is compliant', () => {
      const t = cfn({ S: { Type: T, Properties: { KmsKeyId: { 'Fn::GetAtt': ['K', 'Arn'] } } }, K: { Type: 'AWS::KMS::Key' } });
      expect(statusOf(SecretCustomerManagedKey, t, T)).toBe('compliant');
    });
  });
  describe('details', () => {
    test('in Japanese', () => {
      expect(outcomes(SecretCustomerManagedKey, secret('alias/aws/secretsmanager'), { language: 'ja' }).S)
        .toEqual({ status: 'non-compliant', detail: 'KmsKeyId が "alias/aws/secretsmanager" です' });
    });
  });
});
