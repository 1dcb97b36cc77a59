/**
 * The organization form of the baseline (many accounts):
 *
 * - `FinTechLogArchiveStack`, in the log-archive account: the central `WriteOnceLogArchive` with the
 *   bucket policy and key policy an organization trail needs (`aws:SourceOrgID`), and reads from
 *   outside the organization denied (`aws:PrincipalOrgID`).
 * - `FinTechOrganizationBaseline`, in the management account: the account baseline of the management
 *   account, whose trail is an organization trail into the central archive, plus two service-managed
 *   CloudFormation StackSets that roll the member baseline (and, outside us-east-1, the global-event
 *   forwarder) out to organizational units, automatically to every account that joins them.
 *
 * Deploy the log-archive stack first: the organization trail can only deliver once its bucket exists.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aws, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, StackProps, Token } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { FinTechGuardrailsError } from '../constructs/errors';
import { ObjectLockMode, WriteOnceLogArchive } from '../constructs/write-once-log-archive';
import { GLOBAL_EVENTS_REGION } from './activity';
import { FinTechAccountBaseline, FinTechAccountBaselineProps } from './account-baseline';
import { GlobalEventForwarderStack } from './global-event-forwarder';
import { validateOrganizationId } from './validation';

/** The alias of the central archive's KMS key in the log-archive account. */
export const LOG_ARCHIVE_KEY_ALIAS = 'alias/fintech-guardrails/log-archive';

/** The name of the organization trail. */
export const ORGANIZATION_TRAIL_NAME = 'fintech-guardrails-organization';

/** CloudFormation's limit on an inline StackSet template (TemplateBody), in bytes. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

/**
 * The name of the central archive bucket: known to both the log-archive stack and the management
 * stack before either is deployed, so that the two accounts need no second deployment round.
 */
export function logArchiveBucketName(accountId: string, region: string): string {
  return `fintech-log-archive-${accountId}-${region}`;
}

/** The ARN of the central archive key's alias. */
export function logArchiveKeyAliasArn(partition: string, accountId: string, region: string): string {
  return `arn:${partition}:kms:${region}:${accountId}:${LOG_ARCHIVE_KEY_ALIAS}`;
}

/**
 * Properties for `FinTechLogArchiveStack`.
 */
export interface FinTechLogArchiveStackProps extends StackProps {
  /** The organization's ID (`o-...`): only its organization trail may write. */
  readonly organizationId: string;

  /** The management account (where the organization trail is). 12 digits. */
  readonly managementAccountId: string;

  /**
   * How long every log object is locked.
   *
   * @default Duration.days(365)
   */
  readonly retention?: Duration;

  /**
   * Object Lock mode.
   *
   * @default 'COMPLIANCE'
   */
  readonly objectLockMode?: ObjectLockMode;

  /**
   * The `data-classification` tag of the archive.
   *
   * @default 'confidential'
   */
  readonly dataClassification?: string;

  /**
   * The name of the archive bucket.
   *
   * @default logArchiveBucketName(account, region)
   */
  readonly bucketName?: string;
}

/**
 * The central log archive of an organization, in the log-archive account (LA-1, LA-2, EX-1): a
 * `WriteOnceLogArchive` whose bucket and key the organization trail may write to.
 *
 * The bucket policy is complete at the first deployment: after it, only the log-archive account's root
 * user can change it (WriteOnceLogArchive). Its account and region must be known at synthesis.
 */
export class FinTechLogArchiveStack extends Stack {
  /** The central archive. */
  public readonly archive: WriteOnceLogArchive;

  /** The archive's KMS key. */
  public readonly encryptionKey: kms.Key;

  /** The archive bucket's name (fixed, so the management stack can name it). */
  public readonly bucketName: string;

  /** The ARN of the key's alias, which the organization trail uses. */
  public readonly keyAliasArn: string;

  constructor(scope: Construct, id: string, props: FinTechLogArchiveStackProps) {
    super(scope, id, props);
    validateOrganizationId(this.node.path, props.organizationId);
    validateAccountId(this.node.path, 'managementAccountId', props.managementAccountId);
    if (Token.isUnresolved(this.account) || Token.isUnresolved(this.region)) {
      throw new FinTechGuardrailsError(
        `${this.node.path}: the log-archive stack needs a known account and region (its bucket name is shared with the management stack). ` +
          "Fix: env: { account: '<log-archive account>', region: 'ap-northeast-1' }.",
      );
    }
    const orgId = props.organizationId;
    const management = props.managementAccountId;

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'Encrypts the central write-once log archive of the organization (fintech-guardrails LA-1, DM-1)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const trails = `arn:${this.partition}:cloudtrail:*:${management}:trail/*`;
    this.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationTrailEncryptsLogs',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trails } },
      }),
    );
    this.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationTrailDescribesKey',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
      }),
    );
    new kms.Alias(this, 'KeyAlias', { aliasName: LOG_ARCHIVE_KEY_ALIAS, targetKey: this.encryptionKey });

    this.archive = new WriteOnceLogArchive(this, 'Archive', {
      encryptionKey: this.encryptionKey,
      retention: props.retention,
      objectLockMode: props.objectLockMode,
      dataClassification: props.dataClassification,
    });
    this.bucketName = props.bucketName ?? logArchiveBucketName(this.account, this.region);
    (this.archive.bucket.node.defaultChild as s3.CfnBucket).bucketName = this.bucketName;
    this.keyAliasArn = logArchiveKeyAliasArn(this.partition, this.account, this.region);

    const bucket = this.archive.bucket;
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const fromOrg = { 'aws:SourceOrgID': orgId };
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationTrailAclCheck',
        principals: [cloudTrail],
        actions: ['s3:GetBucketAcl'],
        resources: [bucket.bucketArn],
        conditions: { StringEquals: fromOrg },
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationTrailWrite',
        principals: [cloudTrail],
        actions: ['s3:PutObject'],
        // Member accounts under AWSLogs/<org ID>/<account>/, the management account under AWSLogs/<account>/.
        resources: [bucket.arnForObjects(`AWSLogs/${orgId}/*`), bucket.arnForObjects(`AWSLogs/${management}/*`)],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...fromOrg } },
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyReadsFromOutsideTheOrganization',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': orgId },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
  }
}

/** Options of the member baseline that the organization rolls out (the rest is fixed for StackSets). */
export type MemberBaselineOptions = Omit<
FinTechAccountBaselineProps,
keyof StackProps | 'managerEmails' | 'accountTrail' | 'organizationTrail' | 'accountSettings' | 'globalEventForwarding'
>;

/**
 * Properties for `FinTechOrganizationBaseline`.
 */
export interface FinTechOrganizationBaselineProps extends FinTechAccountBaselineProps {
  /** The organization's ID (`o-...`). */
  readonly organizationId: string;

  /** The log-archive account, where `FinTechLogArchiveStack` is deployed. 12 digits. */
  readonly logArchiveAccountId: string;

  /**
   * The region of the log-archive stack.
   *
   * @default - this stack's region
   */
  readonly logArchiveRegion?: string;

  /**
   * The archive bucket's name, if `FinTechLogArchiveStack` was given one.
   *
   * @default logArchiveBucketName(logArchiveAccountId, logArchiveRegion)
   */
  readonly logArchiveBucketName?: string;

  /** The organizational units (or the root, `r-...`) whose accounts get the member baseline. */
  readonly organizationalUnitIds: string[];

  /**
   * The regions the member baseline is deployed to. Use one (the home region): the baseline's IAM
   * roles, password-policy rule and global events are account-wide.
   *
   * @default - this stack's region
   */
  readonly memberRegions?: string[];

  /**
   * Options of the member baseline.
   *
   * @default - the baseline's defaults
   */
  readonly memberBaseline?: MemberBaselineOptions;

  /**
   * Email addresses that receive the member accounts' notifications.
   *
   * @default - managerEmails
   */
  readonly memberManagerEmails?: string[];

  /**
   * Whether the StackSets are managed by the management account (`SELF`) or by a CloudFormation
   * delegated administrator (`DELEGATED_ADMIN`, when this stack is deployed there).
   *
   * @default 'SELF'
   */
  readonly callAs?: 'SELF' | 'DELEGATED_ADMIN';

  /**
   * The prefix of the StackSet names.
   *
   * @default 'fintech-guardrails'
   */
  readonly stackSetNamePrefix?: string;
}

/**
 * The baseline of an AWS organization, deployed in the management account.
 *
 * - Everything `FinTechAccountBaseline` deploys, for the management account itself, except that its
 *   trail is an organization trail into the central archive of `FinTechLogArchiveStack`, and its
 *   CloudWatch Logs copy (with the root-usage and administrator alarms) covers every account.
 * - A service-managed StackSet (`memberStackSet`) that deploys the member baseline to the accounts of
 *   `organizationalUnitIds`, automatically to accounts that join later, and removes it from accounts that
 *   leave. The member template is synthesized from `FinTechAccountBaseline` at construction (no trail of
 *   its own, `accountSettings: 'detect'`, so it has no assets) and uploaded as a CDK file asset
 *   (`TemplateURL`): it is larger than the 51,200 bytes CloudFormation accepts inline.
 * - Outside us-east-1, a second StackSet (`forwarderStackSet`) with `GlobalEventForwarderStack` in
 *   us-east-1 of the same accounts.
 *
 * Prerequisites (once, in the management account): trusted access for CloudTrail and for CloudFormation
 * StackSets in AWS Organizations, and `cdk bootstrap` of this account and region.
 */
export class FinTechOrganizationBaseline extends FinTechAccountBaseline {
  /** The StackSet of the member baseline. */
  public readonly memberStackSet: cloudformation.CfnStackSet;

  /** The StackSet of the global-event forwarder, when the member region is not us-east-1. */
  public readonly forwarderStackSet?: cloudformation.CfnStackSet;

  /** The member baseline's template, as deployed by the StackSet. */
  public readonly memberTemplate: Record<string, any>;

  constructor(scope: Construct, id: string, props: FinTechOrganizationBaselineProps) {
    // Validate before the (large) account baseline is built.
    const where = scope.node.path ? `${scope.node.path}/${id}` : id;
    const region = props.env?.region;
    if (!region || Token.isUnresolved(region)) {
      throw new FinTechGuardrailsError(
        `${where}: the organization baseline needs a known region (the home region of the organization trail and the member ` +
          "baseline). Fix: env: { account: '<management account>', region: 'ap-northeast-1' }.",
      );
    }
    validateAccountId(where, 'logArchiveAccountId', props.logArchiveAccountId);
    validateOrganizationId(where, props.organizationId);
    const ous = props.organizationalUnitIds;
    if (!Array.isArray(ous) || ous.length === 0) {
      throw new FinTechGuardrailsError(
        `${where}: organizationalUnitIds needs at least one OU ID, got ${JSON.stringify(ous)}. Fix: organizationalUnitIds: ['ou-abcd-12345678'].`,
      );
    }
    ous.forEach((ou, i) => {
      if (!Token.isUnresolved(ou) && !/^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/.test(ou)) {
        throw new FinTechGuardrailsError(
          `${where}: organizationalUnitIds[${i}] is not an OU ID ('ou-xxxx-xxxxxxxx') or a root ID ('r-xxxx'): '${ou}'.`,
        );
      }
    });
    const regions = props.memberRegions ?? [region];
    if (regions.length === 0 || regions.some((r) => Token.isUnresolved(r) || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r))) {
      throw new FinTechGuardrailsError(`${where}: memberRegions must list region names such as 'ap-northeast-1', got ${JSON.stringify(regions)}.`);
    }
    const logArchiveRegion = props.logArchiveRegion ?? region;
    super(scope, id, {
      ...props,
      organizationTrail: {
        organizationId: props.organizationId,
        bucketName: props.logArchiveBucketName ?? logArchiveBucketName(props.logArchiveAccountId, logArchiveRegion),
        encryptionKeyArn: logArchiveKeyAliasArn(Aws.PARTITION, props.logArchiveAccountId, logArchiveRegion),
        trailName: ORGANIZATION_TRAIL_NAME,
      },
    });

    // The organization trail records every account: one alarm covers the member accounts' administrator role too.
    const memberRolePrefix = props.memberBaseline?.roleNamePrefix ?? 'FinTech';
    if (memberRolePrefix !== this.roleNamePrefix) {
      this.alarmOnRoleUse('MemberAdministratorRoleUsed', [`${memberRolePrefix}Administrator`], {
        en: "A member account's break-glass administrator role was assumed (fintech-guardrails LA-4, CA-4).",
        ja: 'メンバーアカウントの管理者ロール（緊急用）が引き受けられました。',
      });
    }

    const prefix = props.stackSetNamePrefix ?? 'fintech-guardrails';
    const callAs = props.callAs ?? 'SELF';
    const homeRegion = regions[0];

    const member = synthesizeTemplate((app) =>
      new FinTechAccountBaseline(app, 'FinTechMemberBaseline', {
        ...(props.memberBaseline ?? {}),
        managerEmails: props.memberManagerEmails ?? props.managerEmails,
        accountTrail: false,
        accountSettings: 'detect',
        globalEventForwarding: homeRegion === GLOBAL_EVENTS_REGION ? 'none' : 'external',
        synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
        analyticsReporting: false,
        description: 'FinTech account baseline (member account), rolled out by fintech-guardrails FinTechOrganizationBaseline',
      }),
    );
    this.memberTemplate = member.template;

    const common = {
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      callAs,
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      managedExecution: { Active: true },
      operationPreferences: {
        failureTolerancePercentage: 0,
        maxConcurrentPercentage: 25,
        regionConcurrencyType: 'SEQUENTIAL',
      },
    };
    this.memberStackSet = new cloudformation.CfnStackSet(this, 'MemberBaselineStackSet', {
      ...common,
      stackSetName: `${prefix}-member-baseline`,
      description: 'FinTech account baseline for every account of the organizational units (fintech-guardrails)',
      ...this.templateSource('MemberTemplate', member),
      stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: ous }, regions }],
    });

    if (homeRegion !== GLOBAL_EVENTS_REGION) {
      const forwarder = synthesizeTemplate((app) =>
        new GlobalEventForwarderStack(app, 'FinTechGlobalEventForwarder', {
          homeRegion,
          synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
          analyticsReporting: false,
          description: `Forwards console sign-in and IAM events from ${GLOBAL_EVENTS_REGION} to ${homeRegion} (fintech-guardrails)`,
        }),
      );
      this.forwarderStackSet = new cloudformation.CfnStackSet(this, 'GlobalEventForwarderStackSet', {
        ...common,
        stackSetName: `${prefix}-global-event-forwarder`,
        description: `Forwards console sign-in and IAM events from ${GLOBAL_EVENTS_REGION} to ${homeRegion} (fintech-guardrails)`,
        ...this.templateSource('GlobalEventForwarderTemplate', forwarder),
        stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: ous }, regions: [GLOBAL_EVENTS_REGION] }],
      });
      this.forwarderStackSet.addResourceDependency(this.memberStackSet);
    }
  }

  /**
   * Inline (`TemplateBody`) when the template fits CloudFormation's 51,200 bytes, else a CDK file asset
   * in this account's bootstrap bucket (`TemplateURL`), which StackSets read with the deploying role.
   */
  private templateSource(id: string, synthesized: SynthesizedTemplate): { templateBody?: string; templateUrl?: string } {
    if (synthesized.bytes <= MAX_TEMPLATE_BODY_BYTES) return { templateBody: JSON.stringify(synthesized.template) };
    return { templateUrl: new s3assets.Asset(this, id, { path: synthesized.file }).httpUrl };
  }
}

/** A synthesized StackSet template. */
interface SynthesizedTemplate {
  readonly template: Record<string, any>;
  /** The minified template file. */
  readonly file: string;
  /** Its size in bytes. */
  readonly bytes: number;
}

/**
 * Synthesize one stack in a throwaway app (its own temporary cloud assembly, never the caller's) and
 * return its template. Throws if the template needs assets, which a StackSet cannot provide.
 */
function synthesizeTemplate(build: (app: App) => Stack): SynthesizedTemplate {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-guardrails-stackset-'));
  try {
    const app = new App({ outdir, autoSynth: false, analyticsReporting: false });
    const stack = build(app);
    const artifact = app.synth().getStackArtifact(stack.artifactId);
    const text = fs.readFileSync(artifact.templateFullPath, 'utf-8');
    if (/cdk-[a-z0-9]+-assets-/.test(text)) {
      throw new FinTechGuardrailsError(
        `${stack.node.path}: the StackSet template uses CDK assets, which member accounts do not have. ` +
          "Fix: keep accountSettings: 'detect' in the member baseline (no AwsCustomResource).",
      );
    }
    // Minified: the uploaded template is what CloudFormation reads; its size limit counts bytes. The
    // file stays (an asset may point at it when asset staging is disabled); the assembly does not.
    const minified = JSON.stringify(artifact.template);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-guardrails-template-')), `${stack.stackName}.json`);
    fs.writeFileSync(file, minified);
    return { template: artifact.template, file, bytes: Buffer.byteLength(minified) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function validateAccountId(where: string, name: string, id: string): void {
  if (Token.isUnresolved(id)) return;
  if (typeof id !== 'string' || !/^\d{12}$/.test(id)) {
    throw new FinTechGuardrailsError(`${where}: ${name} must be a 12-digit AWS account ID, got '${String(id)}'.`);
  }
}
