import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  ROOT_ONLY_BUCKET_ACTIONS,
  ROOT_ONLY_OBJECT_ACTIONS,
  WriteOnceLogArchive,
} from '../../lib/constructs';
import { expectThrows } from '../helpers/constructs';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

const ARCHIVE = Match.stringLikeRegexp('^Archive[0-9A-F]{8}$');
const ARCHIVE_ARN = { 'Fn::GetAtt': [ARCHIVE, 'Arn'] };
const ROOT_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };

function bucketPolicyOf(template: Template, bucketLogicalId: RegExp): any[] {
  const policies = template.findResources('AWS::S3::BucketPolicy');
  const found = Object.values(policies).find((p: any) => bucketLogicalId.test(p.Properties.Bucket.Ref)) as any;
  expect(found).toBeDefined();
  return found.Properties.PolicyDocument.Statement;
}


describe('WriteOnceLogArchive with defaults', () => {
  const stack = newStack();
  const archive = new WriteOnceLogArchive(stack, 'Archive');
  const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  archive.grantWrite(producer);
  const template = Template.fromStack(stack);
  const archivePolicy = bucketPolicyOf(template, /^Archive[0-9A-F]{8}$/);

  test('exposes the bucket as its main child and no trail or stream yet', () => {
    expect(archive.bucket.node.id).toBe('Resource');
    expect(archive.trail).toBeUndefined();
    expect(archive.deliveryStream).toBeUndefined();
    expect(archive.encryptionKey).toBeInstanceOf(kms.Key);
  });

  test('Object Lock in COMPLIANCE mode with a 365-day default retention', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
      },
    });
  });

  test('versioned, KMS-encrypted with its own rotating key, public access blocked, ACLs disabled', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveKey'), 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  test('server access logs go to a separate bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^ArchiveAccessLogs') },
        LogFilePrefix: 'archive/',
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: Match.absent(),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicPolicy: true, RestrictPublicBuckets: true }),
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 365 })]) },
    });
    const accessLogsPolicy = bucketPolicyOf(template, /^ArchiveAccessLogs/);
    expect(accessLogsPolicy).toContainEqual(
      expect.objectContaining({
        Sid: 'S3ServerAccessLogsDelivery',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
      }),
    );
  });

  test('both buckets carry a data-classification tag (DM-4)', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as any[];
    for (const b of buckets) {
      expect(b.Properties.Tags).toContainEqual({ Key: 'data-classification', Value: 'confidential' });
    }
  });

  test('both buckets, their policies and the key are retained', () => {
    const retained = (type: string) =>
      Object.values(template.findResources(type)).every((r: any) => r.DeletionPolicy === 'Retain' && r.UpdateReplacePolicy === 'Retain');
    expect(retained('AWS::S3::Bucket')).toBe(true);
    expect(retained('AWS::S3::BucketPolicy')).toBe(true);
    template.resourceCountIs('AWS::S3::Bucket', 2);
  });

  test('TLS is enforced (and TLS 1.2 at least)', () => {
    expect(archivePolicy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(archivePolicy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
    );
  });

  test('only the account root may change the storage settings or policy, or delete the bucket', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: ARCHIVE },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'OnlyRootAltersBucket',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: [...ROOT_ONLY_BUCKET_ACTIONS],
            Resource: ARCHIVE_ARN,
            Condition: { ArnNotEquals: { 'aws:PrincipalArn': ROOT_ARN } },
          },
        ]),
      },
    });
    for (const action of [
      's3:PutBucketPolicy',
      's3:DeleteBucketPolicy',
      's3:PutBucketObjectLockConfiguration',
      's3:PutBucketVersioning',
      's3:PutLifecycleConfiguration',
      's3:DeleteBucket',
    ]) {
      expect(ROOT_ONLY_BUCKET_ACTIONS).toContain(action);
    }
  });

  test('only the account root may delete or unlock objects; reading is not denied', () => {
    const objectDeny = archivePolicy.find((s) => s.Sid === 'OnlyRootDeletesOrUnlocksObjects');
    expect(objectDeny).toMatchObject({ Effect: 'Deny', Action: [...ROOT_ONLY_OBJECT_ACTIONS] });
    expect(objectDeny.Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': ROOT_ARN } });
    const denied = archivePolicy.filter((s) => s.Effect === 'Deny' && s.Action !== 's3:*').flatMap((s) => [s.Action].flat());
    expect(denied).not.toContain('s3:GetObject');
    expect(denied).not.toContain('s3:ListBucket');
  });

  test('the access-log bucket gets the same root-only protection', () => {
    const statements = bucketPolicyOf(template, /^ArchiveAccessLogs/);
    expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining(['OnlyRootAltersBucket', 'OnlyRootDeletesOrUnlocksObjects']));
  });

  test('CloudTrail of this account may write into AWSLogs/<account>/ from the start', () => {
    expect(archivePolicy).toContainEqual(
      expect.objectContaining({
        Sid: 'CloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Condition: expect.objectContaining({
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        }),
      }),
    );
    expect(archivePolicy).toContainEqual(expect.objectContaining({ Sid: 'CloudTrailAclCheck', Action: 's3:GetBucketAcl' }));
  });

  test('grantWrite grants s3:PutObject on objects and kms:GenerateDataKey through S3, nothing else', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Producer') }],
      PolicyDocument: {
        Statement: [
          { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [ARCHIVE_ARN, '/*']] } },
          {
            Action: 'kms:GenerateDataKey',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveKey'), 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
          },
        ],
      },
    });
  });
});

describe('WriteOnceLogArchive trail and log shipping', () => {
  const stack = newStack();
  const archive = new WriteOnceLogArchive(stack, 'Archive');
  const policyBefore = JSON.stringify(stack.resolve((archive.bucket.policy!.node.defaultChild as any)._toCloudFormation()));
  const trail = archive.addTrail({ cloudWatchLogs: true });
  const app1 = new logs.LogGroup(stack, 'App1');
  const app2 = new logs.LogGroup(stack, 'App2');
  archive.addLogGroup(app1);
  archive.addLogGroup(app2);
  archive.addLogGroup(app1);
  const template = Template.fromStack(stack);

  test('the trail is multi-region, with global events, file validation, KMS, into the archive', () => {
    expect(archive.trail).toBe(trail);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveKey'), 'Arn'] },
      S3BucketName: { Ref: ARCHIVE },
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveTrailLogGroup'), 'Arn'] },
    });
  });

  test('the trail waits for the bucket policy, and adding it does not change that policy', () => {
    template.hasResource('AWS::CloudTrail::Trail', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^ArchivePolicy')]) });
    const policyAfter = JSON.stringify(stack.resolve((archive.bucket.policy!.node.defaultChild as any)._toCloudFormation()));
    expect(policyAfter).toEqual(policyBefore);
  });

  test('the key lets CloudTrail and CloudWatch Logs encrypt', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowCloudTrailToEncryptLogs', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey' }),
          Match.objectLike({ Sid: 'AllowCloudTrailToDescribeKey', Action: 'kms:DescribeKey' }),
          Match.objectLike({ Sid: 'AllowCloudWatchLogsToUseKey' }),
        ]),
      },
    });
  });

  test('the CloudWatch Logs copy of the trail is encrypted and retained', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveKey'), 'Arn'] },
      RetentionInDays: 365,
    });
  });

  test('one encrypted Firehose stream for all log groups, delivering into the archive with the KMS key', () => {
    template.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', 1);
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfigurationInput: {
        KeyType: 'CUSTOMER_MANAGED_CMK',
        KeyARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveKey'), 'Arn'] },
      },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BucketARN: ARCHIVE_ARN,
        Prefix: Match.stringLikeRegexp('^cloudwatch-logs/'),
        EncryptionConfiguration: {
          KMSEncryptionConfig: { AWSKMSKeyARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveKey'), 'Arn'] } },
        },
      }),
    });
    expect(archive.deliveryStream).toBeDefined();
  });

  test('each log group gets one subscription filter, with the role CloudWatch Logs uses to put records', () => {
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 2);
    for (const group of ['App1', 'App2']) {
      template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
        LogGroupName: { Ref: Match.stringLikeRegexp(`^${group}`) },
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveDeliveryStream'), 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveSubscriptionRole'), 'Arn'] },
        FilterPattern: '',
      });
    }
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'logs.amazonaws.com' } })] },
      Policies: [
        {
          PolicyName: 'PutRecords',
          PolicyDocument: {
            Statement: [
              {
                Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
                Effect: 'Allow',
                Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveDeliveryStream'), 'Arn'] },
              },
            ],
          },
        },
      ],
    });
  });

  test('the Firehose role can only put objects (no read, no delete, no wildcard action)', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'firehose.amazonaws.com' } })] } },
    });
    const [role] = Object.values(roles) as any[];
    const actions = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
    expect(actions).toEqual(
      expect.arrayContaining(['s3:PutObject', 's3:AbortMultipartUpload', 'kms:GenerateDataKey', 'logs:PutLogEvents']),
    );
    for (const a of actions) {
      expect(a).not.toContain('*');
      expect(a).not.toMatch(/Delete|GetObject/);
    }
  });

  test('fails when addTrail is called twice', () => {
    expectThrows(() => archive.addTrail(), 'addTrail was already called', /Fix: call it once/);
  });
});

describe('WriteOnceLogArchive options', () => {
  test('retention and GOVERNANCE mode are used, and GOVERNANCE warns', () => {
    const stack = newStack();
    new WriteOnceLogArchive(stack, 'Archive', { retention: Duration.days(2555), objectLockMode: 'GOVERNANCE' });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 2555 } } },
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Archive', Match.stringLikeRegexp('GOVERNANCE mode'));
  });

  test('COMPLIANCE mode does not warn', () => {
    const stack = newStack();
    new WriteOnceLogArchive(stack, 'Archive');
    Annotations.fromStack(stack).hasNoWarning('/Stack/Archive', Match.anyValue());
  });

  test('a given key is used instead of a new one', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const archive = new WriteOnceLogArchive(stack, 'Archive', { encryptionKey: key });
    expect(archive.encryptionKey).toBe(key);
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('an imported key warns that its policy must allow CloudTrail', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const archive = new WriteOnceLogArchive(stack, 'Archive', { encryptionKey: key });
    archive.addTrail();
    Annotations.fromStack(stack).hasWarning('/Stack/Archive', Match.stringLikeRegexp('AllowCloudTrailToEncryptLogs'));
  });

  test('fails when grantWrite is given a principal that cannot hold an IAM policy', () => {
    const stack = newStack();
    const archive = new WriteOnceLogArchive(stack, 'Archive');
    expectThrows(
      () => archive.grantWrite(new iam.ServicePrincipal('delivery.logs.amazonaws.com')),
      'grantWrite could not add an IAM policy',
      /Fix: grant a role or user of this account/,
    );
  });

  test.each([
    ['0 days', Duration.days(0), /got 0 days/],
    ['36501 days', Duration.days(36501), /got 36501 days/],
    ['36 hours', Duration.hours(36), /got 1 day 12 hours/],
  ])('fails when retention is %s', (_name, retention, given) => {
    expectThrows(
      () => new WriteOnceLogArchive(newStack(), 'Archive', { retention }),
      'Stack/Archive',
      'retention must be a whole number of days from 1 to 36500',
      given,
      /Fix: use e\.g\. Duration\.days\(365\)/,
    );
  });

  test('fails when objectLockMode is not COMPLIANCE or GOVERNANCE', () => {
    expectThrows(
      () => new WriteOnceLogArchive(newStack(), 'Archive', { objectLockMode: 'compliance' as never }),
      "got 'compliance'",
      /Fix: leave it unset/,
    );
  });
});
