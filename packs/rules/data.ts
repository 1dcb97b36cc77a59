/** The data-store rules of the FinTechChecks pack (DM, OP/CF, BP items), in rule-ID order. */
import { RuleDefinition } from '../engine/rule';
import { DynamoDbCustomerManagedKey } from './dynamodb/DynamoDbCustomerManagedKey';
import { DynamoDbPointInTimeRecovery } from './dynamodb/DynamoDbPointInTimeRecovery';
import { EbsEncrypted } from './ebs/EbsEncrypted';
import { EfsEncrypted } from './efs/EfsEncrypted';
import { ElastiCacheEncrypted } from './elasticache/ElastiCacheEncrypted';
import { ElastiCacheMultiAz } from './elasticache/ElastiCacheMultiAz';
import { KinesisStreamEncrypted } from './kinesis/KinesisStreamEncrypted';
import { KmsKeyPolicyNoPublicAccess } from './kms/KmsKeyPolicyNoPublicAccess';
import { KmsKeyRotation } from './kms/KmsKeyRotation';
import { OpenSearchEncrypted } from './opensearch/OpenSearchEncrypted';
import { OpenSearchZoneAwareness } from './opensearch/OpenSearchZoneAwareness';
import { RdsBackupRetention } from './rds/RdsBackupRetention';
import { RdsDeletionProtection } from './rds/RdsDeletionProtection';
import { RdsMultiAz } from './rds/RdsMultiAz';
import { RdsNotPublic } from './rds/RdsNotPublic';
import { RdsStorageEncrypted } from './rds/RdsStorageEncrypted';
import { S3BucketAccessLogged } from './s3/S3BucketAccessLogged';
import { S3BucketEncrypted } from './s3/S3BucketEncrypted';
import { S3BucketNoPublicPolicy } from './s3/S3BucketNoPublicPolicy';
import { S3BucketPublicAccessBlocked } from './s3/S3BucketPublicAccessBlocked';
import { S3BucketTlsOnly } from './s3/S3BucketTlsOnly';
import { S3BucketVersioned } from './s3/S3BucketVersioned';
import { SnsTopicEncrypted } from './sns/SnsTopicEncrypted';
import { SnsTopicTlsOnly } from './sns/SnsTopicTlsOnly';
import { SqsQueueEncrypted } from './sqs/SqsQueueEncrypted';
import { SqsQueueTlsOnly } from './sqs/SqsQueueTlsOnly';
import { DataStoreClassified } from './tagging/DataStoreClassified';

export const DATA_RULES: readonly RuleDefinition[] = [
  S3BucketEncrypted, // FTG-S3-1
  S3BucketTlsOnly, // FTG-S3-2
  S3BucketPublicAccessBlocked, // FTG-S3-3
  S3BucketVersioned, // FTG-S3-4
  S3BucketAccessLogged, // FTG-S3-5
  S3BucketNoPublicPolicy, // FTG-S3-6
  KmsKeyRotation, // FTG-KMS-1
  KmsKeyPolicyNoPublicAccess, // FTG-KMS-2
  RdsStorageEncrypted, // FTG-RDS-1
  RdsBackupRetention, // FTG-RDS-2
  RdsMultiAz, // FTG-RDS-3
  RdsNotPublic, // FTG-RDS-4
  RdsDeletionProtection, // FTG-RDS-5
  DynamoDbPointInTimeRecovery, // FTG-DDB-1
  DynamoDbCustomerManagedKey, // FTG-DDB-2
  EbsEncrypted, // FTG-EBS-1
  EfsEncrypted, // FTG-EFS-1
  ElastiCacheEncrypted, // FTG-EC-1
  ElastiCacheMultiAz, // FTG-EC-2
  OpenSearchEncrypted, // FTG-OS-1
  OpenSearchZoneAwareness, // FTG-OS-2
  KinesisStreamEncrypted, // FTG-KIN-1
  SnsTopicEncrypted, // FTG-SNS-1
  SnsTopicTlsOnly, // FTG-SNS-2
  SqsQueueEncrypted, // FTG-SQS-1
  SqsQueueTlsOnly, // FTG-SQS-2
  DataStoreClassified, // FTG-TAG-1
];
