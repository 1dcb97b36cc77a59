import { App, Stack, Tags } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataStoreClassified } from '../../packs/rules/tagging/DataStoreClassified';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const B = 'AWS::S3::Bucket';
const tagged = (type: string, tags: unknown, path = 'Tags', extra = {}) => cfn({ R: { Type: type, Properties: { [path]: tags } } }, extra);
const cls = { Key: 'data-classification', Value: 'confidential' };
const other = { Key: 'owner', Value: 'payments' };
const env = { account: '111122223333', region: 'ap-northeast-1' };

describe('DataStoreClassified (FTG-TAG-1)', () => {
  describe('non-compliance', () => {
    test('L2 bucket without tags', () => {
      const stack = new Stack(new App());
      new s3.Bucket(stack, 'B');
      expect(statusOf(DataStoreClassified, stack, B)).toBe('non-compliant');
    });
    test('L2 table tagged with a differently spelled key', () => {
      const stack = new Stack(new App());
      const t = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
      Tags.of(t).add('Data-Classification', 'pci');
      const o = outcomes(DataStoreClassified, stack)[stack.getLogicalId(t.node.defaultChild as dynamodb.CfnTable)];
      expect(o).toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('case-sensitive') }));
    });
    test('L1 data stores of every kind without the tag', () => {
      const t = cfn({
        D: { Type: 'AWS::DynamoDB::Table', Properties: { Tags: [other] } },
        I: { Type: 'AWS::RDS::DBInstance', Properties: {} },
        C: { Type: 'AWS::RDS::DBCluster', Properties: { Tags: [] } },
        F: { Type: 'AWS::EFS::FileSystem', Properties: { FileSystemTags: [{ Key: 'Name', Value: 'fs' }] } },
        O: { Type: 'AWS::OpenSearchService::Domain', Properties: {} },
        E: { Type: 'AWS::Elasticsearch::Domain', Properties: {} },
        G: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: [{ Region: 'ap-northeast-1', Tags: [cls] }, { Region: 'ap-northeast-3' }] } },
      });
      const o = outcomes(DataStoreClassified, t);
      expect(Object.values(o).map((x) => x.status)).toEqual(Array(7).fill('non-compliant'));
    });
    test('escape hatch replaces the tags', () => {
      const stack = new Stack(new App());
      const b = new s3.Bucket(stack, 'B');
      Tags.of(b).add('data-classification', 'internal');
      (b.node.defaultChild as s3.CfnBucket).addPropertyOverride('Tags', [other]);
      expect(statusOf(DataStoreClassified, stack, B)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 bucket and TableV2 tagged with Tags.of', () => {
      const stack = new Stack(new App(), 'S', { env });
      Tags.of(new s3.Bucket(stack, 'B')).add('data-classification', 'pci');
      Tags.of(new dynamodb.TableV2(stack, 'G', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } })).add('data-classification', 'internal');
      expect(statusOf(DataStoreClassified, stack, B)).toBe('compliant');
      expect(statusOf(DataStoreClassified, stack, 'AWS::DynamoDB::GlobalTable')).toBe('compliant');
    });
    test('L1 EFS file system (FileSystemTags) and RDS cluster', () => {
      expect(statusOf(DataStoreClassified, tagged('AWS::EFS::FileSystem', [other, cls], 'FileSystemTags'), 'AWS::EFS::FileSystem')).toBe('compliant');
      expect(statusOf(DataStoreClassified, tagged('AWS::RDS::DBCluster', [cls]), 'AWS::RDS::DBCluster')).toBe('compliant');
    });
    test('a tag whose value is not known is fine', () => {
      expect(statusOf(DataStoreClassified, tagged(B, [{ Key: 'data-classification', Value: { Ref: 'Level' } }], 'Tags', { Parameters: { Level: { Type: 'String' } } }), B)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('an RDS instance in a cluster (the cluster carries the tag)', () => {
      const t = cfn({ C: { Type: 'AWS::RDS::DBCluster', Properties: { Tags: [cls] } }, I: { Type: 'AWS::RDS::DBInstance', Properties: { DBClusterIdentifier: { Ref: 'C' } } } });
      expect(outcomes(DataStoreClassified, t).I.status).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(DataStoreClassified, tagged('AWS::SQS::Queue', []), 'AWS::SQS::Queue')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => tagged(B, [other, { Key: { Ref: 'K' }, Value: 'x' }], 'Tags', { Parameters: { K: { Type: 'String', ...p } } });
    test('tag key parameter with default data-classification is compliant', () => {
      expect(statusOf(DataStoreClassified, param({ Default: 'data-classification' }), B)).toBe('compliant');
    });
    test('tag key parameter with allowed values including another key is non-compliant', () => {
      expect(statusOf(DataStoreClassified, param({ AllowedValues: ['data-classification', 'team'] }), B)).toBe('non-compliant');
    });
    test('tag key parameter without default is unverifiable', () => {
      expect(statusOf(DataStoreClassified, param({}), B)).toBe('unverifiable');
    });
    test('Fn::If with the tag in one branch only is non-compliant', () => {
      expect(statusOf(DataStoreClassified, tagged(B, [other, { 'Fn::If': ['Prod', cls, { Ref: 'AWS::NoValue' }] }]), B)).toBe('non-compliant');
    });
    test('Fn::If with the tag in both branches is compliant', () => {
      expect(statusOf(DataStoreClassified, tagged(B, { 'Fn::If': ['Prod', [cls], [other, { ...cls, Value: 'internal' }]] }), B)).toBe('compliant');
    });
    test('GetAtt for the tag list is unverifiable', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, R: { Type: B, Properties: { Tags: { 'Fn::GetAtt': ['X', 'Tags'] } } } });
      expect(statusOf(DataStoreClassified, t, B)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const near = tagged(B, [{ Key: 'Data-Classification', Value: 'x' }]);
      expect(outcomes(DataStoreClassified, near).R).toEqual({
        status: 'non-compliant',
        detail: 'Tags has "Data-Classification" but not "data-classification" (tag keys are case-sensitive; use the company-wide key)',
      });
      expect(outcomes(DataStoreClassified, near, { language: 'ja' }).R).toEqual({
        status: 'non-compliant',
        detail: 'Tags に "Data-Classification" はありますが "data-classification" がありません（タグキーは大文字と小文字を区別します。全社共通のキーを使ってください）',
      });
      expect(outcomes(DataStoreClassified, tagged(B, [other]), { language: 'ja' }).R)
        .toEqual({ status: 'non-compliant', detail: 'Tags に "data-classification" タグがありません' });
      expect(outcomes(DataStoreClassified, cfn({ R: { Type: B } }), { language: 'ja' }).R).toEqual({ status: 'non-compliant', detail: 'Tags が未設定です' });
      const unknownKey = tagged(B, [{ Key: { 'Fn::GetAtt': ['X', 'Key'] }, Value: 'x' }]);
      expect(outcomes(DataStoreClassified, unknownKey, { language: 'ja' }).R)
        .toEqual({ status: 'unverifiable', detail: 'Tags: Tags にデプロイ時にしか決まらないタグキーがあります' });
    });
  });
});
