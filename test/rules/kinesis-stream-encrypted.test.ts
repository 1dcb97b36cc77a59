import { App, Stack } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { KinesisStreamEncrypted } from '../../packs/rules/kinesis/KinesisStreamEncrypted';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::Kinesis::Stream';
const F = 'AWS::KinesisFirehose::DeliveryStream';
const stream = (enc: unknown, extra = {}) => cfn({ K: { Type: T, Properties: { ShardCount: 1, StreamEncryption: enc } } }, extra);
const kms = { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' };

describe('KinesisStreamEncrypted (FTG-KIN-1)', () => {
  describe('non-compliance', () => {
    test('L2 stream with encryption UNENCRYPTED', () => {
      const stack = new Stack(new App());
      new kinesis.Stream(stack, 'K', { encryption: kinesis.StreamEncryption.UNENCRYPTED });
      expect(statusOf(KinesisStreamEncrypted, stack, T)).toBe('non-compliant');
    });
    test('L2 stream with CDK default (unencrypted in the China-region branch): state it', () => {
      const stack = new Stack(new App());
      const k = new kinesis.Stream(stack, 'K');
      expect(outcomes(KinesisStreamEncrypted, stack)[stack.getLogicalId(k.node.defaultChild as kinesis.CfnStream)])
        .toEqual({ status: 'non-compliant', detail: 'StreamEncryption.EncryptionType is not set (Ref AWS::NoValue)', scenario: 'when AwsCdkKinesisEncryptedStreamsUnsupportedRegions = true' });
    });
    test('L2 stream with CDK default, deployed to Tokyo: the China-region branch cannot happen', () => {
      const stack = new Stack();
      const k = new kinesis.Stream(stack, 'K');
      const id = stack.getLogicalId(k.node.defaultChild as kinesis.CfnStream);
      expect(outcomes(KinesisStreamEncrypted, stack, { deployment: { regions: ['ap-northeast-1'] } })[id]).toEqual({ status: 'compliant' });
      expect(outcomes(KinesisStreamEncrypted, stack, { deployment: { regions: ['cn-north-1'] } })[id]).toMatchObject({ status: 'non-compliant' });
    });
    test('L1 stream without StreamEncryption and L1 DirectPut delivery stream without SSE', () => {
      expect(statusOf(KinesisStreamEncrypted, cfn({ K: { Type: T } }), T)).toBe('non-compliant');
      expect(statusOf(KinesisStreamEncrypted, cfn({ F: { Type: F, Properties: { DeliveryStreamType: 'DirectPut' } } }), F)).toBe('non-compliant');
    });
    test('L2 Firehose delivery stream unencrypted', () => {
      const stack = new Stack(new App());
      new firehose.DeliveryStream(stack, 'F', { destination: new firehose.S3Bucket(new s3.Bucket(stack, 'B')), encryption: firehose.StreamEncryption.unencrypted() });
      expect(statusOf(KinesisStreamEncrypted, stack, F)).toBe('non-compliant');
    });
    test('escape hatch removes the stream encryption', () => {
      const stack = new Stack(new App());
      const k = new kinesis.Stream(stack, 'K', { encryption: kinesis.StreamEncryption.MANAGED });
      (k.node.defaultChild as kinesis.CfnStream).addPropertyDeletionOverride('StreamEncryption');
      expect(statusOf(KinesisStreamEncrypted, stack, T)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 stream with MANAGED encryption and Firehose with an AWS owned key', () => {
      const stack = new Stack(new App());
      new kinesis.Stream(stack, 'K', { encryption: kinesis.StreamEncryption.MANAGED });
      new firehose.DeliveryStream(stack, 'F', { destination: new firehose.S3Bucket(new s3.Bucket(stack, 'B')), encryption: firehose.StreamEncryption.awsOwnedKey() });
      expect(statusOf(KinesisStreamEncrypted, stack, T)).toBe('compliant');
      expect(statusOf(KinesisStreamEncrypted, stack, F)).toBe('compliant');
    });
    test('L1 stream with a customer managed key', () => {
      expect(statusOf(KinesisStreamEncrypted, stream({ EncryptionType: 'KMS', KeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }), T)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('delivery stream reading from a Kinesis data stream', () => {
      expect(statusOf(KinesisStreamEncrypted, cfn({ F: { Type: F, Properties: { DeliveryStreamType: 'KinesisStreamAsSource' } } }), F)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(KinesisStreamEncrypted, cfn({ C: { Type: 'AWS::Kinesis::StreamConsumer' } }), 'AWS::Kinesis::StreamConsumer')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => stream({ EncryptionType: { Ref: 'Enc' }, KeyId: 'alias/aws/kinesis' }, { Parameters: { Enc: { Type: 'String', ...p } } });
    test('parameter with default KMS is compliant', () => {
      expect(statusOf(KinesisStreamEncrypted, param({ Default: 'KMS' }), T)).toBe('compliant');
    });
    test('parameter with allowed values including NONE is non-compliant', () => {
      expect(statusOf(KinesisStreamEncrypted, param({ AllowedValues: ['KMS', 'NONE'] }), T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(statusOf(KinesisStreamEncrypted, param({}), T)).toBe('unverifiable');
    });
    test('Fn::If with an unencrypted branch is non-compliant', () => {
      expect(statusOf(KinesisStreamEncrypted, stream({ 'Fn::If': ['Prod', kms, { Ref: 'AWS::NoValue' }] }), T)).toBe('non-compliant');
    });
    test('Fn::If with both branches encrypted is compliant', () => {
      expect(statusOf(KinesisStreamEncrypted, stream({ 'Fn::If': ['Prod', kms, { EncryptionType: 'KMS', KeyId: 'alias/mine' }] }), T)).toBe('compliant');
    });
    test('GetAtt for the encryption type is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, K: { Type: T, Properties: { StreamEncryption: { EncryptionType: { 'Fn::GetAtt': ['X', 'T'] }, KeyId: 'k' } } } });
      expect(statusOf(KinesisStreamEncrypted, t, T)).toBe('unverifiable');
    });
  });
});

describe('KinesisStreamEncrypted details in Japanese', () => {
  test('the CDK default stream in the China-region branch, and a DirectPut delivery stream without encryption', () => {
    const stack = new Stack(new App());
    const k = new kinesis.Stream(stack, 'K');
    expect(outcomes(KinesisStreamEncrypted, stack, { language: 'ja' })[stack.getLogicalId(k.node.defaultChild as kinesis.CfnStream)]).toEqual({
      status: 'non-compliant',
      detail: 'StreamEncryption.EncryptionType が 未設定 です（Ref AWS::NoValue）',
      scenario: 'AwsCdkKinesisEncryptedStreamsUnsupportedRegions = true の場合',
    });
    expect(outcomes(KinesisStreamEncrypted, cfn({ F: { Type: F, Properties: {} } }), { language: 'ja' }).F)
      .toEqual({ status: 'non-compliant', detail: 'DeliveryStreamEncryptionConfigurationInput が 未設定 です' });
  });
});
