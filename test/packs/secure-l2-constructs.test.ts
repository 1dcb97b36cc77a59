/**
 * The pack's promise, over a broad set of common aws-cdk-lib L2 constructs: configured the way a
 * careful team configures them for the guideline (customer managed KMS keys with rotation, TLS only,
 * logging, backups, several Availability Zones, WAF where the guideline asks for it), they never
 * fail synthesis under FinTechChecks, and give no warning either unless this file says which and why.
 * Each group synthesizes once in an `env`-bound stack (Tokyo) and once in an environment-agnostic
 * one; the real validation report that synthesis writes is read (as in default-constructs.test.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, App, Duration, RemovalPolicy, Stack, StackProps, Tags, Token, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { FactName } from 'aws-cdk-lib/region-info';
import { CDK_INTERNALS } from '../../packs/cdk-internals';
import { FinTechChecks } from '../../packs/fintech-checks';

interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
  readonly description: string;
}

interface Synthesized {
  readonly error?: Error;
  /** Every FinTechChecks violation in the validation report (errors and warnings). */
  readonly findings: Finding[];
  /** Findings the pack saw but that are acknowledged, as `ruleId constructPath` (CDK internals). */
  readonly acknowledged: string[];
  /** How many resources the pack looked at (the checks really ran). */
  readonly resources: number;
}

const TOKYO = { env: { account: '123456789012', region: 'ap-northeast-1' } };
const ENVIRONMENTS: [string, StackProps][] = [['env-bound (Tokyo)', TOKYO], ['environment-agnostic', {}]];
/**
 * An app without feature flags (aws-cdk-lib's legacy defaults), and one with the flags `cdk init`
 * writes into cdk.json (among them: CDK-managed log groups for every function, bucket policies for
 * server access logs, the default security group restricted by a custom resource).
 */
const FLAGS: [string, Record<string, unknown>][] = [
  ['no feature flags', {}],
  ['cdk init feature flags', { ...cxapi.NEW_PROJECT_DEFAULT_CONTEXT, ...cxapi.CURRENTLY_RECOMMENDED_FLAGS }],
];

function synth(stackProps: StackProps, context: Record<string, unknown>, build: (stack: Stack) => void): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-secure-l2-'));
  try {
    const app = new App({ outdir, context });
    const stack = new Stack(app, 'Secure', stackProps);
    build(stack);
    const pack = new FinTechChecks(app);
    Validations.of(app).addPlugins(pack);
    let error: Error | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e as Error;
    }
    const reportFile = path.join(outdir, 'validation-report.json');
    const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf-8')) : { pluginReports: [] };
    const findings: Finding[] = [];
    for (const p of report.pluginReports ?? []) {
      if (p.pluginName !== pack.name) continue;
      for (const v of p.violations ?? []) {
        for (const c of v.violatingConstructs ?? []) findings.push({ rule: v.ruleName, severity: v.severity, path: c.constructPath, description: v.description });
      }
    }
    const evaluation = pack.lastEvaluation;
    const acknowledged = (evaluation?.findings ?? []).filter((f) => f.acknowledged).map((f) => `${f.ruleId} ${f.path}`);
    return { error, findings, acknowledged: [...new Set(acknowledged)].sort(), resources: evaluation?.resources ?? 0 };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** A customer managed key with rotation on (DM-2). */
function rotatingKey(stack: Stack, id: string): kms.Key {
  return new kms.Key(stack, id, { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
}

/** Data stores carry the classification the company rules define (DM-4). */
function classify(store: { node: any }, value = 'confidential'): void {
  Tags.of(store as any).add('data-classification', value);
}

/** A VPC over two Availability Zones with a flow log of all traffic to an encrypted log group. */
function secureVpc(stack: Stack, key: kms.IKey): ec2.Vpc {
  const flowLogs = new logs.LogGroup(stack, 'FlowLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  return new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    restrictDefaultSecurityGroup: true,
    flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.ALL } },
  });
}

/** A regional web ACL with an AWS managed rule group, and its logging configuration (FTG-WAF-1/2). */
function regionalWebAcl(stack: Stack, key: kms.IKey): wafv2.CfnWebACL {
  const acl = new wafv2.CfnWebACL(stack, 'WebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'web-acl', sampledRequestsEnabled: true },
    rules: [{
      name: 'Common',
      priority: 0,
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
      overrideAction: { none: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true },
    }],
  });
  const wafLogs = new logs.LogGroup(stack, 'WafLogs', { logGroupName: 'aws-waf-logs-secure', encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  new wafv2.CfnLoggingConfiguration(stack, 'WebAclLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [wafLogs.logGroupArn] });
  return acl;
}

/** An alarm that notifies the on-call topic (OP-1). */
function alarmTo(topic: sns.ITopic, alarm: cloudwatch.Alarm): void {
  alarm.addAlarmAction(new cwActions.SnsAction(topic));
}

/**
 * Storage, messaging and serverless: s3.Bucket (+ access-logs bucket), dynamodb.TableV2 and Table,
 * sns.Topic, sqs.Queue with a DLQ, secretsmanager.Secret with hosted rotation, kinesis.Stream,
 * logs.LogGroup, kms.Key, lambda.Function (+ function URL with AWS_IAM, + S3 event notification),
 * events.Rule to SQS and to Lambda, SNS subscriptions (SQS, Lambda), cloudwatch.Alarm to SNS,
 * ecr.Repository, cognito.UserPool, stepfunctions.StateMachine, backup vault and plan.
 */
function dataAndServerless(stack: Stack): void {
  const key = rotatingKey(stack, 'Key');

  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    // The target of server access logs: SSE-S3 (S3 log delivery writes SSE-KMS only with a key policy
    // for logging.s3.amazonaws.com), which FTG-S3-1 accepts for access-log destinations.
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
  });
  classify(accessLogs, 'internal');
  const bucket = new s3.Bucket(stack, 'Data', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'data/',
  });
  classify(bucket);

  // TableV2 renders its replica key per region: with a customer managed key it needs an env-bound
  // stack (CDK throws "Replica SSE specification cannot be rendered in a region agnostic stack").
  if (!Token.isUnresolved(stack.region)) {
    const tableV2 = new dynamodb.TableV2(stack, 'TableV2', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
    });
    classify(tableV2);
  }
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
  });
  classify(table);

  // A key of its own for the topic: with the queue's key, the key policy that lets the topic's
  // subscription decrypt (restrictSqsDescryption flag) names the topic, and the topic the key: a cycle.
  const topic = new sns.Topic(stack, 'Topic', { masterKey: rotatingKey(stack, 'TopicKey'), enforceSSL: true });
  const dlq = new sqs.Queue(stack, 'DeadLetters', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14) });
  const queue = new sqs.Queue(stack, 'Queue', {
    encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true,
    deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
  });

  const secret = new secretsmanager.Secret(stack, 'Secret', {
    encryptionKey: key,
    generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'app' }), generateStringKey: 'password', excludePunctuation: true },
  });
  secret.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser(), automaticallyAfter: Duration.days(30) });

  new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key, retentionPeriod: Duration.days(7) });
  new logs.LogGroup(stack, 'AppLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });

  const fnLogs = new logs.LogGroup(stack, 'FunctionLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  const fn = new lambda.Function(stack, 'Function', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    logGroup: fnLogs,
    environmentEncryption: key,
    environment: { TABLE_NAME: table.tableName, SECRET_ARN: secret.secretArn },
    tracing: lambda.Tracing.ACTIVE,
    deadLetterQueue: dlq,
  });
  table.grantReadWriteData(fn);
  secret.grantRead(fn);
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  url.grantInvokeUrl(new iam.AccountRootPrincipal());
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), { prefix: 'incoming/' });

  new events.Rule(stack, 'Schedule', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.SqsQueue(queue, { deadLetterQueue: dlq })] });
  new events.Rule(stack, 'OnObject', {
    eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: [bucket.bucketName] } } },
    targets: [new targets.LambdaFunction(fn, { deadLetterQueue: dlq, retryAttempts: 2 })],
  });
  topic.addSubscription(new subs.SqsSubscription(queue, { rawMessageDelivery: true }));
  topic.addSubscription(new subs.LambdaSubscription(fn));
  alarmTo(topic, new cloudwatch.Alarm(stack, 'QueueAge', {
    metric: queue.metricApproximateAgeOfOldestMessage(),
    threshold: 300,
    evaluationPeriods: 3,
  }));
  alarmTo(topic, fn.metricErrors().createAlarm(stack, 'FunctionErrors', { threshold: 1, evaluationPeriods: 1 }));

  new ecr.Repository(stack, 'Repository', {
    imageScanOnPush: true,
    imageTagMutability: ecr.TagMutability.IMMUTABLE,
    encryption: ecr.RepositoryEncryption.KMS,
    encryptionKey: key,
  });

  const pool = new cognito.UserPool(stack, 'UserPool', {
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
    selfSignUpEnabled: false,
    deletionProtection: true,
  });
  Tags.of(pool).add('fintech-guardrails:audience', 'admin');

  const sfnLogs = new logs.LogGroup(stack, 'StateMachineLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  new sfn.StateMachine(stack, 'StateMachine', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Start')),
    logs: { destination: sfnLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
    tracingEnabled: true,
    encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key),
  });

  const vault = new backup.BackupVault(stack, 'Vault', { encryptionKey: key, lockConfiguration: { minRetention: Duration.days(35) } });
  const plan = backup.BackupPlan.daily35DayRetention(stack, 'BackupPlan', vault);
  plan.addSelection('Selection', { resources: [backup.BackupResource.fromDynamoDbTable(table), backup.BackupResource.fromTag('data-classification', 'confidential')] });
}

/**
 * In a VPC: ec2.Vpc with flow logs, rds.DatabaseCluster (Aurora PostgreSQL) and
 * rds.DatabaseInstance, efs.FileSystem, an autoscaling.AutoScalingGroup, opensearchservice.Domain.
 */
function vpcData(stack: Stack): void {
  const key = rotatingKey(stack, 'Key');
  const vpc = secureVpc(stack, key);

  const cluster = new rds.DatabaseCluster(stack, 'Aurora', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_6 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    credentials: rds.Credentials.fromGeneratedSecret('dbadmin', { encryptionKey: key }),
    writer: rds.ClusterInstance.serverlessV2('Writer', { publiclyAccessible: false }),
    readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true, publiclyAccessible: false })],
    storageEncrypted: true,
    storageEncryptionKey: key,
    backup: { retention: Duration.days(14) },
    deletionProtection: true,
    iamAuthentication: true,
    cloudwatchLogsExports: ['postgresql'],
    cloudwatchLogsRetention: logs.RetentionDays.ONE_YEAR,
  });
  classify(cluster);
  cluster.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });

  const instance = new rds.DatabaseInstance(stack, 'Postgres', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    credentials: rds.Credentials.fromGeneratedSecret('dbadmin', { encryptionKey: key }),
    multiAz: true,
    publiclyAccessible: false,
    storageEncrypted: true,
    storageEncryptionKey: key,
    backupRetention: Duration.days(14),
    deletionProtection: true,
    iamAuthentication: true,
    cloudwatchLogsExports: ['postgresql'],
    cloudwatchLogsRetention: logs.RetentionDays.ONE_YEAR,
  });
  classify(instance);
  instance.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });

  const fileSystem = new efs.FileSystem(stack, 'FileSystem', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    encrypted: true,
    kmsKey: key,
    enableAutomaticBackups: true,
    fileSystemPolicy: undefined,
  });
  classify(fileSystem);

  // A server fleet: replaced, never changed (NT-2), patched through SSM, encrypted root volume, IMDSv2.
  const fleetRole = new iam.Role(stack, 'FleetRole', {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
  });
  const launchTemplate = new ec2.LaunchTemplate(stack, 'FleetTemplate', {
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
    requireImdsv2: true,
    role: fleetRole,
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, kmsKey: key, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
  });
  new autoscaling.AutoScalingGroup(stack, 'Fleet', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    launchTemplate,
    minCapacity: 2,
    maxCapacity: 4,
    maxInstanceLifetime: Duration.days(30),
    updatePolicy: autoscaling.UpdatePolicy.rollingUpdate(),
  });

  const searchLogs = new logs.LogGroup(stack, 'SearchLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  const domain = new opensearch.Domain(stack, 'Search', {
    version: opensearch.EngineVersion.OPENSEARCH_2_17,
    vpc,
    vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
    capacity: { dataNodes: 2, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false },
    zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
    ebs: { volumeSize: 20 },
    encryptionAtRest: { enabled: true, kmsKey: key },
    nodeToNodeEncryption: true,
    enforceHttps: true,
    tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
    logging: { slowSearchLogEnabled: true, slowSearchLogGroup: searchLogs, appLogEnabled: true, appLogGroup: searchLogs, slowIndexLogEnabled: true, slowIndexLogGroup: searchLogs },
    fineGrainedAccessControl: { masterUserArn: `arn:aws:iam::${stack.account}:role/search-admin` },
  });
  classify(domain);
}

/**
 * Load-balancer access logs. An env-bound stack uses `logAccessLogs`; CDK's method needs the region to
 * pick the ELB log-delivery account, so an environment-agnostic stack looks the account up per
 * region at deployment (`regionalFact`, a CloudFormation mapping) and sets the attributes itself.
 */
function logAccess(lb: elbv2.ApplicationLoadBalancer | elbv2.NetworkLoadBalancer, bucket: s3.Bucket, prefix: string): void {
  const stack = Stack.of(lb);
  if (!Token.isUnresolved(stack.region)) {
    lb.logAccessLogs(bucket, prefix);
    return;
  }
  lb.setAttribute('access_logs.s3.enabled', 'true');
  lb.setAttribute('access_logs.s3.bucket', bucket.bucketName);
  lb.setAttribute('access_logs.s3.prefix', prefix);
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'],
    principals: [new iam.AccountPrincipal(stack.regionalFact(FactName.ELBV2_ACCOUNT))],
    resources: [bucket.arnForObjects(`${prefix}/AWSLogs/${stack.account}/*`)],
  }));
}

/**
 * Load-balanced services: ecs-patterns.ApplicationLoadBalancedFargateService over HTTPS with a WAF
 * association, and an elbv2.NetworkLoadBalancer with a TLS listener, with access logs and alarms.
 */
function loadBalanced(stack: Stack): void {
  const key = rotatingKey(stack, 'Key');
  const vpc = secureVpc(stack, key);
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', 'arn:aws:acm:ap-northeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555');
  const topic = new sns.Topic(stack, 'OnCall', { masterKey: key, enforceSSL: true });
  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
  });
  classify(accessLogs, 'internal');
  const lbLogs = new s3.Bucket(stack, 'LbLogs', {
    // ALB access logs support only SSE-S3 on the target bucket (CDK's logAccessLogs throws on a KMS key).
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'lb-logs/',
  });
  classify(lbLogs, 'internal');

  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const appLogs = new logs.LogGroup(stack, 'ServiceLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  // Our own task definition: the pattern's taskImageOptions cannot make the root file system read-only.
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDef', { cpu: 512, memoryLimitMiB: 1024 });
  taskDefinition.addContainer('web', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
    portMappings: [{ containerPort: 8080 }],
    readonlyRootFilesystem: true,
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logGroup: appLogs }),
  });
  const service = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Service', {
    cluster,
    taskDefinition,
    desiredCount: 2,
    minHealthyPercent: 100,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    certificate,
    redirectHTTP: true,
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    publicLoadBalancer: true,
    circuitBreaker: { rollback: true },
  });
  service.loadBalancer.setAttribute('routing.http.drop_invalid_header_fields.enabled', 'true');
  logAccess(service.loadBalancer, lbLogs, 'alb');
  new wafv2.CfnWebACLAssociation(stack, 'AlbWaf', { resourceArn: service.loadBalancer.loadBalancerArn, webAclArn: regionalWebAcl(stack, key).attrArn });
  alarmTo(topic, service.targetGroup.metrics.unhealthyHostCount().createAlarm(stack, 'AlbUnhealthy', { threshold: 1, evaluationPeriods: 2 }));

  const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc, internetFacing: false, crossZoneEnabled: true });
  logAccess(nlb, lbLogs, 'nlb');
  const listener = nlb.addListener('Tls', {
    port: 443,
    protocol: elbv2.Protocol.TLS,
    certificates: [elbv2.ListenerCertificate.fromArn(certificate.certificateArn)],
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
  });
  const nlbTargets = listener.addTargets('Service', {
    port: 8080,
    protocol: elbv2.Protocol.TCP,
    targets: [service.service.loadBalancerTarget({ containerName: 'web', containerPort: 8080 })],
  });
  alarmTo(topic, nlbTargets.metrics.unHealthyHostCount().createAlarm(stack, 'NlbUnhealthy', { threshold: 1, evaluationPeriods: 2 }));
}

/**
 * The edge: apigateway.RestApi with access logs and a WAF association, and cloudfront.Distribution
 * over an S3 origin with origin access control, TLS 1.2 (2021), logging and a web ACL.
 */
function edge(stack: Stack): void {
  const key = rotatingKey(stack, 'Key');

  const accessLogs = new logs.LogGroup(stack, 'ApiAccessLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  const api = new apigateway.RestApi(stack, 'Api', {
    cloudWatchRole: true,
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    deployOptions: {
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      tracingEnabled: true,
    },
    defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
  });
  api.root.addMethod('GET', new apigateway.MockIntegration({ integrationResponses: [{ statusCode: '200' }], requestTemplates: { 'application/json': '{"statusCode": 200}' } }), {
    methodResponses: [{ statusCode: '200' }],
  });
  new wafv2.CfnWebACLAssociation(stack, 'ApiWaf', { resourceArn: api.deploymentStage.stageArn, webAclArn: regionalWebAcl(stack, key).attrArn });

  const cfLogs = new s3.Bucket(stack, 'CdnLogs', {
    // CloudFront standard logs need ACLs (object ownership: object writer / bucket owner preferred)
    // and SSE-S3 on the target bucket.
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
  });
  classify(cfLogs, 'internal');
  const site = new s3.Bucket(stack, 'Site', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
    serverAccessLogsBucket: cfLogs,
    serverAccessLogsPrefix: 'site/',
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });
  classify(site, 'public');
  // The site's content is built from source and deployed by CDK (BucketDeployment); the bucket can be
  // emptied when the stack is deleted (auto-delete objects custom resource).
  new s3deploy.BucketDeployment(stack, 'SiteContent', {
    sources: [s3deploy.Source.data('index.html', '<!doctype html><title>ok</title>')],
    destinationBucket: site,
    memoryLimit: 512,
  });
  Annotations.of(stack).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac',
    'first deployment: the key policy is scoped to this distribution once its ID is known (see the aws-cloudfront-origins README)');
  new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(site),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
    },
    defaultRootObject: 'index.html',
    // The default *.cloudfront.net certificate always allows TLSv1: a custom domain with an ACM
    // certificate (us-east-1) is what makes the minimum protocol version take effect.
    domainNames: ['www.example.com'],
    certificate: acm.Certificate.fromCertificateArn(stack, 'CdnCertificate', 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000'),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true,
    logBucket: cfLogs,
    logFilePrefix: 'cdn/',
    webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/11111111-2222-3333-4444-555555555555',
  });
}

const GROUPS: [string, (stack: Stack) => void][] = [
  ['storage, messaging and serverless', dataAndServerless],
  ['VPC, databases, file system and search', vpcData],
  ['load-balanced services (ALB Fargate service, NLB)', loadBalanced],
  ['edge (REST API, CloudFront)', edge],
];

/**
 * Findings a careful reader would also give on these stacks, by group, as `severity rule path`,
 * each with the reason. None so far: every construct can be configured to pass.
 */
const EXPECTED: Record<string, readonly string[]> = {};

/** Whether a construct path lies inside one of aws-cdk-lib's own internal constructs. */
function insideCdkInternal(constructPath: string): boolean {
  return constructPath.split('/').some((segment) => CDK_INTERNALS.some((i) => i.pattern.test(segment)));
}

describe.each(ENVIRONMENTS)('secure L2 constructs, %s', (_env, props) => {
  describe.each(FLAGS)('%s', (_flags, context) => {
    test.each(GROUPS)('%s: synthesizes with no finding', (group, build) => {
      const r = synth(props, context, build);
      expect(r.error).toBeUndefined();
      // The pack really looked at the stack (a report without FinTechChecks is also "no violation").
      expect(r.resources).toBeGreaterThan(15);
      expect(r.findings.map((f) => `${f.severity} ${f.rule} ${f.path}`)).toEqual(EXPECTED[group] ?? []);
      // What the pack acknowledges by itself is only on aws-cdk-lib's internal constructs.
      expect(r.acknowledged.filter((a) => !insideCdkInternal(a.split(' ')[1] ?? ''))).toEqual([]);
    });
  });
});
