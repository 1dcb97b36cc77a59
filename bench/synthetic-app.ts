/**
 * A synthetic FinTech-shaped app of about 2,000 resources, for the benchmark: many small "services",
 * each with a bucket, a queue, a table, a topic, a role with a policy, a function and a log group.
 */
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

export function buildSyntheticApp(app: App, services: number): Stack {
  const stack = new Stack(app, 'Bench');
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  for (let i = 0; i < services; i++) {
    const bucket = new s3.Bucket(stack, `Bucket${i}`, { encryptionKey: key, enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    const queue = new sqs.Queue(stack, `Queue${i}`, { encryptionMasterKey: key, enforceSSL: true });
    const table = new dynamodb.Table(stack, `Table${i}`, {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
    });
    const topic = new sns.Topic(stack, `Topic${i}`, { masterKey: key, enforceSSL: true });
    const role = new iam.Role(stack, `Role${i}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    bucket.grantRead(role);
    queue.grantSendMessages(role);
    table.grantReadWriteData(role);
    topic.grantPublish(role);
    const logGroup = new logs.LogGroup(stack, `Logs${i}`, { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key });
    new lambda.Function(stack, `Fn${i}`, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
      role,
      timeout: Duration.seconds(10),
      logGroup,
      environment: { TABLE: table.tableName, QUEUE_URL: queue.queueUrl },
    });
  }
  return stack;
}
