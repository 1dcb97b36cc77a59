/**
 * Audit trail (LA-1, LA-2, EX-1): the write-once log archive and the account's multi-region trail into
 * it and CloudWatch Logs, or, in the management account of an organization, an organization trail into
 * the central archive (FinTechLogArchiveStack) with a CloudWatch Logs copy in this account.
 */
import { Tags, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FinTechGuardrailsError } from '../../constructs/errors';
import { createEncryptedLogGroup } from '../../constructs/log-key-policy';
import { DATA_CLASSIFICATION_TAG, WriteOnceLogArchive } from '../../constructs/write-once-log-archive';
import { FinTechAccountBaselineProps, OrganizationTrailOptions } from '../account-baseline-props';
import { validateOrganizationId } from '../validation';
import { BaselineContext } from './context';

export class AuditTrail {
  /** The write-once log archive. */
  public readonly archive: WriteOnceLogArchive;

  /** The account's trail or the organization trail, unless `accountTrail` is false. */
  public readonly trail?: cloudtrail.Trail;

  /** The key of the organization trail's CloudWatch Logs copy, with an organization trail. */
  public readonly organizationTrailLogsKey?: kms.Key;

  constructor(private readonly base: BaselineContext, props: FinTechAccountBaselineProps) {
    const stack = base.stack;
    this.archive = new WriteOnceLogArchive(stack, 'LogArchive', {
      retention: props.archiveRetention,
      objectLockMode: props.archiveObjectLockMode,
      dataClassification: base.dataClassification,
    });
    const retention = props.trailLogRetention ?? logs.RetentionDays.ONE_YEAR;
    if (props.organizationTrail) {
      if (props.accountTrail === false) {
        throw new FinTechGuardrailsError(
          `${stack.node.path}: organizationTrail and accountTrail: false contradict each other. Fix: leave accountTrail unset with organizationTrail.`,
        );
      }
      const { trail, key } = this.createOrganizationTrail(props.organizationTrail, retention);
      this.trail = trail;
      this.organizationTrailLogsKey = key;
    } else if (props.accountTrail !== false) {
      this.trail = this.archive.addTrail({ cloudWatchLogs: true, cloudWatchLogsRetention: retention });
      if (this.trail.logGroup) Tags.of(this.trail.logGroup).add(DATA_CLASSIFICATION_TAG, base.dataClassification);
    }
  }

  /**
   * A multi-region organization trail with log file validation into the central write-once archive,
   * encrypted with the archive's key, and copied into an encrypted CloudWatch Logs group of this
   * account for the root-usage and administrator alarms (which then cover every account).
   */
  private createOrganizationTrail(options: OrganizationTrailOptions, retention: logs.RetentionDays): { trail: cloudtrail.Trail; key: kms.Key } {
    const stack = this.base.stack;
    validateOrganizationId(stack.node.path, options.organizationId);
    const { key, logGroup } = createEncryptedLogGroup(stack, {
      keyId: 'OrganizationTrailLogsKey',
      keyDescription: `Encrypts the CloudWatch Logs copy of the organization trail (${stack.node.path})`,
      logGroupId: 'OrganizationTrailLogs',
      retention,
      dataClassification: this.base.dataClassification,
    });
    const trailName = options.trailName ?? 'fintech-guardrails-organization';
    const trail = new cloudtrail.Trail(stack, 'OrganizationTrail', {
      trailName,
      bucket: s3.Bucket.fromBucketName(stack, 'CentralArchive', options.bucketName),
      encryptionKey: kms.Key.fromKeyArn(stack, 'CentralArchiveKey', options.encryptionKeyArn),
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: logGroup,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      isOrganizationTrail: true,
      orgId: options.organizationId,
    });
    Validations.of(trail).acknowledge({
      id: 'FinTechChecks::FTG-CT-4',
      reason:
        `The organization trail writes into the central archive ${options.bucketName} in the log-archive account, built by ` +
        'FinTechLogArchiveStack with WriteOnceLogArchive (S3 Object Lock in COMPLIANCE mode); a bucket of another account cannot be seen in this template.',
    });
    return { trail, key };
  }
}
