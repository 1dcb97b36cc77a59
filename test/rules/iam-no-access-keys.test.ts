import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IamNoAccessKeys } from '../../packs/rules/iam/IamNoAccessKeys';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const K = 'AWS::IAM::AccessKey';
const key = (Properties: Record<string, unknown>, extra = {}) => cfn({ K: { Type: K, Properties: { UserName: 'ci', ...Properties } } }, extra);

describe('IamNoAccessKeys (FTG-IAM-3)', () => {
  describe('non-compliance', () => {
    test('L2 access key (active by default)', () => {
      const stack = new Stack(new App());
      new iam.AccessKey(stack, 'K', { user: new iam.User(stack, 'U') });
      expect(statusOf(IamNoAccessKeys, stack, K)).toBe('non-compliant');
    });
    test('L1 access key with Status Active', () => {
      expect(statusOf(IamNoAccessKeys, key({ Status: 'Active' }), K)).toBe('non-compliant');
    });
    test('escape hatch re-activates an inactive key', () => {
      const stack = new Stack(new App());
      const k = new iam.AccessKey(stack, 'K', { user: new iam.User(stack, 'U'), status: iam.AccessKeyStatus.INACTIVE });
      (k.node.defaultChild as iam.CfnAccessKey).addPropertyOverride('Status', 'Active');
      expect(statusOf(IamNoAccessKeys, stack, K)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 inactive key', () => {
      const stack = new Stack(new App());
      new iam.AccessKey(stack, 'K', { user: new iam.User(stack, 'U'), status: iam.AccessKeyStatus.INACTIVE });
      expect(statusOf(IamNoAccessKeys, stack, K)).toBe('compliant');
    });
    test('L1 inactive key', () => {
      expect(statusOf(IamNoAccessKeys, key({ Status: 'Inactive' }), K)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('a user without keys', () => {
      expect(statusOf(IamNoAccessKeys, cfn({ U: { Type: 'AWS::IAM::User' } }), 'AWS::IAM::User')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    test('parameter with default Inactive is compliant', () => {
      expect(statusOf(IamNoAccessKeys, key({ Status: { Ref: 'S' } }, { Parameters: { S: { Type: 'String', Default: 'Inactive' } } }), K)).toBe('compliant');
    });
    test('parameter with allowed values Active and Inactive is non-compliant', () => {
      expect(statusOf(IamNoAccessKeys, key({ Status: { Ref: 'S' } }, { Parameters: { S: { Type: 'String', AllowedValues: ['Active', 'Inactive'] } } }), K)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(IamNoAccessKeys, key({ Status: { Ref: 'S' } }, { Parameters: { S: { Type: 'String' } } }), K)).toBe('unverifiable');
    });
    test('Fn::If with an Active branch is non-compliant', () => {
      expect(statusOf(IamNoAccessKeys, key({ Status: { 'Fn::If': ['C', 'Inactive', 'Active'] } }), K)).toBe('non-compliant');
    });
    test('Fn::If with both branches Inactive is compliant', () => {
      expect(statusOf(IamNoAccessKeys, key({ Status: { 'Fn::If': ['C', 'Inactive', 'Inactive'] } }), K)).toBe('compliant');
    });
    test('GetAtt status is unverifiable', () => {
      const t = cfn({ K: { Type: K, Properties: { UserName: 'ci', Status: { 'Fn::GetAtt': ['X', 'Status'] } } }, X: { Type: 'Custom::X' } });
      expect(statusOf(IamNoAccessKeys, t, K)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in Japanese', () => {
      expect(outcomes(IamNoAccessKeys, key({ Status: 'Active' }), { language: 'ja' }).K).toEqual({ status: 'non-compliant', detail: 'Status が "Active" です' });
    });
  });
});
