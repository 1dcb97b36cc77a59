/**
 * The organization form: the central log archive, the organization trail and the service-managed
 * StackSets that roll the member baseline out. Synthesized once with FinTechChecks and
 * AwsSolutionsChecks and shared by the tests.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  attestationItems,
  FinTechLogArchiveStack,
  FinTechOrganizationBaseline,
  LOG_ARCHIVE_KEY_ALIAS,
  logArchiveBucketName,
  MAX_TEMPLATE_BODY_BYTES,
} from '../../lib/baseline';
import { FinTechChecks } from '../../packs/fintech-checks';
import { expectThrows } from '../helpers/constructs';

const ORG = 'o-abcdef1234';
const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
const REGION = 'ap-northeast-1';
const OUS = ['ou-abcd-12345678', 'ou-abcd-87654321'];

let outdir: string;
let app: App;
let logArchive: FinTechLogArchiveStack;
let organization: FinTechOrganizationBaseline;
let synthError: unknown;
let orgTemplate: Template;
let archiveTemplate: Template;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-organization-'));
  app = new App({ outdir });
  logArchive = new FinTechLogArchiveStack(app, 'LogArchive', {
    env: { account: LOG_ARCHIVE, region: REGION },
    organizationId: ORG,
    managementAccountId: MANAGEMENT,
  });
  organization = new FinTechOrganizationBaseline(app, 'Organization', {
    env: { account: MANAGEMENT, region: REGION },
    managerEmails: ['security@example.co.jp'],
    organizationId: ORG,
    logArchiveAccountId: LOG_ARCHIVE,
    organizationalUnitIds: OUS,
    memberBaseline: { roleNamePrefix: 'Member' },
  });
  Validations.of(app).addPlugins(new FinTechChecks(app), new AwsSolutionsChecks(app));
  try {
    app.synth();
  } catch (err) {
    synthError = err;
  }
  orgTemplate = Template.fromStack(organization);
  archiveTemplate = Template.fromStack(logArchive);
});

afterAll(() => {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
});


describe('synthesis', () => {
  test('no unsuppressed violation under FinTechChecks and AwsSolutionsChecks, and no warning', () => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
    const violations = report.pluginReports.flatMap((p: any) => (p.violations ?? []).map((v: any) => `${p.pluginName} ${v.ruleName}`));
    if (synthError || violations.length) throw new Error(`synthesis: ${String(synthError)}\n${violations.join('\n')}`);
    expect(violations).toEqual([]);
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    for (const stack of [logArchive, organization]) {
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    }
  });

  test('the only FinTechChecks acknowledgment of the organization trail is the bucket it cannot see', () => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
    const ours = report.pluginReports.find((p: any) => p.pluginName === 'FinTechChecks');
    const onTrail = (ours?.suppressedViolations ?? []).filter((v: any) =>
      v.violatingConstructs.some((c: any) => c.constructPath.startsWith('Organization/OrganizationTrail')));
    expect(onTrail.map((v: any) => v.ruleName)).toEqual(['FTG-CT-4']);
    expect(onTrail[0].reason).toMatch(/FinTechLogArchiveStack/);
  });
});

describe('FinTechLogArchiveStack', () => {
  test('the archive has the fixed name the management stack uses, and a key alias', () => {
    expect(logArchive.bucketName).toBe(logArchiveBucketName(LOG_ARCHIVE, REGION));
    archiveTemplate.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: `fintech-log-archive-${LOG_ARCHIVE}-${REGION}`,
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE' } } },
    });
    archiveTemplate.hasResourceProperties('AWS::KMS::Alias', { AliasName: LOG_ARCHIVE_KEY_ALIAS });
  });

  test('the bucket policy lets the organization trail write (aws:SourceOrgID) and denies reads from outside the organization (aws:PrincipalOrgID)', () => {
    archiveTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^Archive') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'OrganizationTrailAclCheck',
            Action: 's3:GetBucketAcl',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceOrgID': ORG } },
          }),
          Match.objectLike({
            Sid: 'OrganizationTrailWrite',
            Action: 's3:PutObject',
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': ORG } },
            Resource: [
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, `/AWSLogs/${ORG}/*`]] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, `/AWSLogs/${MANAGEMENT}/*`]] },
            ],
          }),
          Match.objectLike({
            Sid: 'DenyReadsFromOutsideTheOrganization',
            Effect: 'Deny',
            Condition: {
              StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
              BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
            },
          }),
        ]),
      },
    });
  });

  test("the key lets CloudTrail encrypt for the management account's trails", () => {
    archiveTemplate.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'OrganizationTrailEncryptsLogs',
            Condition: {
              StringLike: {
                'kms:EncryptionContext:aws:cloudtrail:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:*:${MANAGEMENT}:trail/*`]] },
              },
            },
          }),
        ]),
      },
    });
  });

  test('fails without a known account and region, or with bad IDs', () => {
    expectThrows(() => new FinTechLogArchiveStack(new App(), 'A', { organizationId: ORG, managementAccountId: MANAGEMENT }), /known account and region/);
    expectThrows(() => new FinTechLogArchiveStack(new App(), 'A', {
      env: { account: LOG_ARCHIVE, region: REGION }, organizationId: 'org-1', managementAccountId: MANAGEMENT,
    }), /organizationId must look like 'o-'/);
    expectThrows(() => new FinTechLogArchiveStack(new App(), 'A', {
      env: { account: LOG_ARCHIVE, region: REGION }, organizationId: ORG, managementAccountId: '12',
    }), /managementAccountId must be a 12-digit/);
  });
});

describe('FinTechOrganizationBaseline', () => {
  test('an organization trail into the central archive, multi-region, validated and encrypted with its key', () => {
    orgTemplate.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      IncludeGlobalServiceEvents: true,
      S3BucketName: logArchiveBucketName(LOG_ARCHIVE, REGION),
      KMSKeyId: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:kms:${REGION}:${LOG_ARCHIVE}:${LOG_ARCHIVE_KEY_ALIAS}`]] },
      CloudWatchLogsLogGroupArn: Match.anyValue(),
    });
    orgTemplate.resourceCountIs('AWS::CloudTrail::Trail', 1);
    // The root-usage alarm watches the organization trail, so it covers every account.
    orgTemplate.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^OrganizationTrailLogs') },
      MetricTransformations: [Match.objectLike({ MetricName: 'RootAccountUsage' })],
    });
  });

  test("an alarm on the organization trail notifies when a member account's administrator role is assumed", () => {
    orgTemplate.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.eventName = "AssumeRole") && (($.requestParameters.roleArn = "*:role/MemberAdministrator")) }',
      LogGroupName: { Ref: Match.stringLikeRegexp('^OrganizationTrailLogs') },
    });
    orgTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'MemberAdministratorRoleUsed' });
  });

  test('a service-managed StackSet with automatic deployment rolls the member baseline out to the OUs', () => {
    orgTemplate.hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: 'fintech-guardrails-member-baseline',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: OUS }, Regions: [REGION] }],
      TemplateURL: Match.anyValue(),
    });
  });

  test('the member template is too large to inline, so it is a file asset holding exactly memberTemplate', () => {
    const text = JSON.stringify(organization.memberTemplate);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_TEMPLATE_BODY_BYTES);
    const assets = fs.readdirSync(outdir).filter((f) => f.startsWith('asset.') && f.endsWith('.json'));
    const contents = assets.map((f) => fs.readFileSync(path.join(outdir, f), 'utf-8'));
    expect(contents).toContain(text);
  });

  test('the member template has no assets, no bootstrap check, no trail of its own, and the member options', () => {
    const member = Template.fromJSON(organization.memberTemplate);
    member.resourceCountIs('AWS::Lambda::Function', 0);
    member.resourceCountIs('AWS::CloudTrail::Trail', 0);
    expect(organization.memberTemplate.Rules?.CheckBootstrapVersion).toBeUndefined();
    expect(organization.memberTemplate.Parameters?.BootstrapVersion).toBeUndefined();
    expect(JSON.stringify(organization.memberTemplate)).not.toMatch(/cdk-[a-z0-9]+-assets-/);
    member.hasResourceProperties('AWS::IAM::Role', { RoleName: 'MemberAdministrator' });
    member.hasResourceProperties('AWS::Config::ConfigurationRecorder', Match.anyValue());
    member.resourceCountIs('AWS::Config::ConfigRule', attestationItems().length + 15);
    member.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'security@example.co.jp' });
  });

  test('a second StackSet puts the global-event forwarder in us-east-1 of the same accounts, inline', () => {
    orgTemplate.hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: 'fintech-guardrails-global-event-forwarder',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: OUS }, Regions: ['us-east-1'] }],
      TemplateBody: Match.stringLikeRegexp(`event-bus/default`),
    });
    const body = JSON.parse(orgTemplate.toJSON().Resources[organization.resolve(organization.forwarderStackSet!.logicalId)].Properties.TemplateBody);
    expect(JSON.stringify(body)).toContain(`:events:${REGION}:`);
  });

  test('the management account gets its own baseline too (roles, Config, the forwarder stack)', () => {
    orgTemplate.hasResourceProperties('AWS::IAM::Role', { RoleName: 'FinTechAdministrator' });
    orgTemplate.resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
    expect(organization.globalEventForwarder?.region).toBe('us-east-1');
  });

  test('a home region of us-east-1 needs no forwarder StackSet', () => {
    const org = new FinTechOrganizationBaseline(new App(), 'Org', {
      env: { account: MANAGEMENT, region: 'us-east-1' },
      managerEmails: ['security@example.co.jp'],
      organizationId: ORG,
      logArchiveAccountId: LOG_ARCHIVE,
      organizationalUnitIds: ['r-ab12'],
      accountSettings: 'detect',
    });
    expect(org.forwarderStackSet).toBeUndefined();
    expect(org.memberStackSet).toBeDefined();
  });

  test('fails on bad organization inputs', () => {
    const base = {
      env: { account: MANAGEMENT, region: REGION },
      managerEmails: ['security@example.co.jp'],
      organizationId: ORG,
      logArchiveAccountId: LOG_ARCHIVE,
      organizationalUnitIds: OUS,
    };
    expectThrows(() => new FinTechOrganizationBaseline(new App(), 'O', { ...base, env: { account: MANAGEMENT } }), /needs a known region/);
    expectThrows(() => new FinTechOrganizationBaseline(new App(), 'O', { ...base, organizationalUnitIds: [] }), /organizationalUnitIds needs at least one/);
    expectThrows(() => new FinTechOrganizationBaseline(new App(), 'O', { ...base, organizationalUnitIds: ['workloads'] }), /organizationalUnitIds\[0\]/);
    expectThrows(() => new FinTechOrganizationBaseline(new App(), 'O', { ...base, organizationId: 'o-X' }), /organizationId/);
    expectThrows(() => new FinTechOrganizationBaseline(new App(), 'O', { ...base, logArchiveAccountId: 'abc' }), /logArchiveAccountId/);
    expectThrows(() => new FinTechOrganizationBaseline(new App(), 'O', { ...base, memberRegions: ['tokyo'] }), /memberRegions/);
  });
});
