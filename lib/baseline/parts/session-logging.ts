/**
 * Session Manager logging (EX-1, LA-2, LA-4, DM-1): EX-1 asks that every use of privileged access be
 * reported with its logon and logoff times, the account and the commands used, in a list its user cannot
 * change. The baseline's `SessionManagerRule` notifies each session start; this part keeps what was
 * done in it:
 *
 * - the account's Session Manager preferences (`SSM-SessionManagerRunShell`, a `Session` document):
 *   every session's transcript goes to the write-once archive under `session-manager/` (S3 Object Lock:
 *   nobody can change or delete it during the archive's retention) and is streamed to a CloudWatch Logs
 *   group encrypted with the session key; the session data itself is encrypted with that key
 *   (`kmsKeyId`); sessions idle for 20 minutes end; Run As is off (sessions run as `ssm-user`);
 * - the session key (KMS, rotation on), which also encrypts the log group;
 * - the log group (one year; the archive keeps the transcripts for its own retention);
 * - `<roleNamePrefix>SessionManagerLogging`, a managed policy to attach to the instance roles.
 *
 * Transcripts are written by the SSM Agent on the instance, with the instance role's credentials, so every
 * instance role needs `<roleNamePrefix>SessionManagerLogging` next to `AmazonSSMManagedInstanceCore`. It
 * grants exactly: `s3:PutObject` under `session-manager/` in the archive and `s3:GetEncryptionConfiguration`
 * on it (the agent checks that the bucket is encrypted); `kms:GenerateDataKey` and `kms:Decrypt` on the
 * archive key through S3 only (SSE-KMS, multipart uploads); `logs:CreateLogStream`, `logs:PutLogEvents`
 * and `logs:DescribeLogStreams` on the session log group and `logs:DescribeLogGroups` in the account
 * (the agent checks that the group is encrypted); `kms:Decrypt` on the session key. Without it sessions
 * fail to start (the agent cannot log them), which is the intended failure. The archive's bucket policy
 * needs no change (its only denials concern root-only actions) and the keys' policies let IAM policies of
 * the account grant their use.
 *
 * The document has a fixed name: one per account and region. If Session Manager preferences were already
 * saved in the console, the document exists and the deployment fails: delete it
 * (`aws ssm delete-document --name SSM-SessionManagerRunShell`) or set `sessionLogging: false`.
 * Uploads into an Object Lock bucket need a Content-MD5 or checksum header, which the SSM Agent sends on
 * EC2 (aws/amazon-ssm-agent#178); keep the agent current.
 */
import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { createEncryptedLogGroup } from '../../constructs/log-key-policy';
import { WriteOnceLogArchive } from '../../constructs/write-once-log-archive';
import { BaselineContext } from './context';

/** The name of the document that holds the account's Session Manager preferences (fixed by Session Manager). */
export const SESSION_PREFERENCES_DOCUMENT = 'SSM-SessionManagerRunShell';

/** Where session transcripts land in the archive (`<prefix>/<session ID>.log`). */
export const SESSION_LOGS_PREFIX = 'session-manager';

/** Minutes of inactivity after which a session ends. */
export const SESSION_IDLE_TIMEOUT_MINUTES = 20;

export interface SessionLoggingOptions {
  /** The prefix of the managed policy's name (the baseline's `roleNamePrefix`). */
  readonly policyNamePrefix: string;
}

export class SessionLogging {
  /** The key of the session data and the log group. */
  public readonly key: kms.Key;

  /** The CloudWatch Logs group of the transcripts. */
  public readonly logGroup: logs.LogGroup;

  /** The Session Manager preferences (`SSM-SessionManagerRunShell`). */
  public readonly document: ssm.CfnDocument;

  /** What the instance roles need to log sessions. */
  public readonly instancePolicy: iam.ManagedPolicy;

  constructor(private readonly base: BaselineContext, archive: WriteOnceLogArchive, options: SessionLoggingOptions) {
    const stack = base.stack;
    ({ key: this.key, logGroup: this.logGroup } = createEncryptedLogGroup(stack, {
      keyId: 'SessionManagerKey',
      keyDescription: `Encrypts the Session Manager sessions and their logs of the FinTech account baseline ${stack.node.path} (fintech-guardrails EX-1, DM-1)`,
      logGroupId: 'SessionManagerLogs',
      retention: logs.RetentionDays.ONE_YEAR,
      dataClassification: base.dataClassification,
    }));

    this.document = new ssm.CfnDocument(stack, 'SessionManagerPreferences', {
      name: SESSION_PREFERENCES_DOCUMENT,
      documentType: 'Session',
      documentFormat: 'JSON',
      updateMethod: 'NewVersion',
      content: {
        schemaVersion: '1.0',
        description: 'Session Manager preferences of the FinTech account baseline: transcripts to the write-once archive and CloudWatch Logs, KMS-encrypted (fintech-guardrails EX-1)',
        sessionType: 'Standard_Stream',
        inputs: {
          s3BucketName: archive.bucket.bucketName,
          s3KeyPrefix: SESSION_LOGS_PREFIX,
          s3EncryptionEnabled: true,
          cloudWatchLogGroupName: this.logGroup.logGroupName,
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: this.key.keyId,
          runAsEnabled: false,
          runAsDefaultUser: '',
          idleSessionTimeout: String(SESSION_IDLE_TIMEOUT_MINUTES),
          shellProfile: { windows: '', linux: '' },
        },
      },
    });

    this.instancePolicy = this.createInstancePolicy(archive, options.policyNamePrefix);
  }

  /** What the engineer is denied (for `denyEngineersTampering`): changing the preferences, the log group or its retention. */
  public engineerDenials(): iam.PolicyStatement[] {
    const stack = this.base.stack;
    return [
      new iam.PolicyStatement({
        sid: 'DenyChangingSessionLogging',
        effect: iam.Effect.DENY,
        actions: ['ssm:UpdateDocument', 'ssm:UpdateDocumentDefaultVersion', 'ssm:DeleteDocument', 'ssm:UpdateDocumentMetadata'],
        resources: [stack.formatArn({ service: 'ssm', resource: 'document', resourceName: SESSION_PREFERENCES_DOCUMENT })],
      }),
      new iam.PolicyStatement({
        sid: 'DenyChangingSessionLogs',
        effect: iam.Effect.DENY,
        actions: ['logs:DeleteLogGroup', 'logs:DeleteLogStream', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:DisassociateKmsKey'],
        resources: [this.logGroup.logGroupArn],
      }),
    ];
  }

  private createInstancePolicy(archive: WriteOnceLogArchive, prefix: string): iam.ManagedPolicy {
    const stack = this.base.stack;
    const viaS3 = { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } };
    const policy = new iam.ManagedPolicy(stack, 'SessionManagerLoggingPolicy', {
      managedPolicyName: `${prefix}SessionManagerLogging`,
      description:
        'Attach to every instance role next to AmazonSSMManagedInstanceCore: lets the SSM Agent write Session Manager transcripts ' +
        'to the write-once archive and CloudWatch Logs (fintech-guardrails EX-1)',
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteTranscriptsToArchive',
          actions: ['s3:PutObject'],
          resources: [archive.bucket.arnForObjects(`${SESSION_LOGS_PREFIX}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'CheckArchiveEncryption',
          actions: ['s3:GetEncryptionConfiguration'],
          resources: [archive.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptTranscriptsInArchive',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [archive.encryptionKey.keyArn],
          conditions: viaS3,
        }),
        new iam.PolicyStatement({
          sid: 'StreamTranscriptsToLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.logGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'CheckLogGroupEncryption',
          actions: ['logs:DescribeLogGroups'],
          // Pseudo parameters, not the stack's environment: the same ARN (and acknowledgment) in every form.
          resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`],
        }),
        new iam.PolicyStatement({
          sid: 'DecryptSessions',
          actions: ['kms:Decrypt'],
          resources: [this.key.keyArn],
        }),
      ],
    });
    const ref = `<${stack.getLogicalId(archive.bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    Validations.of(policy).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${ref}/${SESSION_LOGS_PREFIX}/*]`,
        reason:
          'The SSM Agent names each transcript after its session ID, so the grant covers the session-manager/ prefix of the archive; it is ' +
          'write-only, and Object Lock plus the bucket policy stop anyone but root from changing or deleting what was written.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]',
        reason:
          'logs:DescribeLogGroups lists log groups (read-only, no log data): the SSM Agent calls it to check that the session log group ' +
          'is encrypted before streaming; it is limited to this account and region.',
      },
    );
    return policy;
  }
}
