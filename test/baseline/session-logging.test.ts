/**
 * Session Manager logging (lib/baseline/parts/session-logging.ts, EX-1): the account's Session Manager
 * preferences, the session key and log group, the managed policy for instance roles, the engineer's
 * denial, the organization's member template, and the prop that turns it off.
 */
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  BASELINE_PARTS,
  FinTechAccountBaseline,
  FinTechOrganizationBaseline,
  SESSION_LOGS_PREFIX,
  SESSION_PREFERENCES_DOCUMENT,
} from '../../lib/baseline';
import { checkedApp, CheckedApp, logicalIdOf } from '../helpers/baseline';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };
const MANAGERS = ['security@example.co.jp'];

let checked: CheckedApp;
let app: App;
let baseline: FinTechAccountBaseline;
let member: FinTechAccountBaseline;
let off: FinTechAccountBaseline;
let synthError: unknown;
let template: Template;
let memberTemplate: Template;
let offTemplate: Template;

beforeAll(() => {
  checked = checkedApp('sessions');
  app = checked.app;
  baseline = new FinTechAccountBaseline(app, 'Baseline', { env: ENV, managerEmails: MANAGERS });
  // The member form: environment-agnostic, no trail of its own, another role prefix.
  member = new FinTechAccountBaseline(app, 'Member', {
    managerEmails: MANAGERS,
    roleNamePrefix: 'Acme',
    accountTrail: false,
    accountSettings: 'detect',
    globalEventForwarding: 'external',
  });
  off = new FinTechAccountBaseline(app, 'Off', {
    env: ENV,
    managerEmails: MANAGERS,
    roleNamePrefix: 'Off',
    sessionLogging: false,
    findingNotifications: false,
    globalEventForwarding: 'none',
  });
  synthError = checked.synthUnderChecks();
  template = Template.fromStack(baseline);
  memberTemplate = Template.fromStack(member);
  offTemplate = Template.fromStack(off);
});

afterAll(() => {
  checked?.cleanup();
});

const logicalId = logicalIdOf;

function policyStatements(t: Template, id: string): any[] {
  return t.toJSON().Resources[id].Properties.PolicyDocument.Statement;
}

function engineerStatements(t: Template): any[] {
  const policies = t.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p: any) => JSON.stringify(p.Properties.Roles).includes('EngineerRole'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('synthesis', () => {
  test('no unsuppressed finding under FinTechChecks and AwsSolutionsChecks', () => {
    const violations = checked.violations();
    if (synthError || violations.length) throw new Error(`synthesis: ${String(synthError)}\n${violations.join('\n')}`);
    expect(violations).toEqual([]);
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  test('the policy\'s two wildcards are acknowledged with reasons, and only those', () => {
    const acks: Record<string, string> = {};
    for (const entry of baseline.sessionManagerLoggingPolicy!.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) Object.assign(acks, entry.data);
    }
    const ids = Object.keys(acks).map((id) => id.replace(/^annotation::/i, '')).sort();
    expect(ids).toEqual([
      `AwsSolutions-IAM5[Resource::<${logicalId(baseline.archive.bucket)}.Arn>/${SESSION_LOGS_PREFIX}/*]`,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]',
    ].sort());
    for (const reason of Object.values(acks)) expect(String(reason).length).toBeGreaterThan(60);
  });
});

describe('Session Manager preferences', () => {
  test('the account document, updated in place as a new version', () => {
    const doc = template.toJSON().Resources[logicalId(baseline.sessionManagerPreferences!)];
    expect(doc.Type).toBe('AWS::SSM::Document');
    expect(doc.Properties).toEqual(expect.objectContaining({
      Name: SESSION_PREFERENCES_DOCUMENT,
      DocumentType: 'Session',
      DocumentFormat: 'JSON',
      UpdateMethod: 'NewVersion',
    }));
    expect(SESSION_PREFERENCES_DOCUMENT).toBe('SSM-SessionManagerRunShell');
  });

  test('transcripts to the archive (own prefix) and the encrypted log group, sessions encrypted with the session key', () => {
    const content = template.toJSON().Resources[logicalId(baseline.sessionManagerPreferences!)].Properties.Content;
    expect(content.schemaVersion).toBe('1.0');
    expect(content.sessionType).toBe('Standard_Stream');
    expect(content.inputs).toEqual({
      s3BucketName: { Ref: logicalId(baseline.archive.bucket) },
      s3KeyPrefix: SESSION_LOGS_PREFIX,
      s3EncryptionEnabled: true,
      cloudWatchLogGroupName: { Ref: logicalId(baseline.sessionManagerLogGroup!) },
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      kmsKeyId: { Ref: logicalId(baseline.sessionManagerKey!) },
      runAsEnabled: false,
      runAsDefaultUser: '',
      idleSessionTimeout: '20',
      shellProfile: { windows: '', linux: '' },
    });
    expect(SESSION_LOGS_PREFIX).toBe('session-manager');
  });

  test('the session key rotates, is retained, and lets CloudWatch Logs of this account use it', () => {
    const key = template.toJSON().Resources[logicalId(baseline.sessionManagerKey!)];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    const logsStatement = key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'AllowCloudWatchLogsToUseKey');
    expect(logsStatement.Principal).toEqual({ Service: `logs.${ENV.region}.amazonaws.com` });
    expect(JSON.stringify(logsStatement.Condition)).toContain(`:logs:${ENV.region}:${ENV.account}:log-group:*`);
  });

  test('the log group is encrypted with the session key, kept one year, retained and classified', () => {
    const group = template.toJSON().Resources[logicalId(baseline.sessionManagerLogGroup!)];
    expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [logicalId(baseline.sessionManagerKey!), 'Arn'] });
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.DeletionPolicy).toBe('Retain');
    expect(group.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'data-classification', Value: 'confidential' }]));
  });

  test('the archive\'s bucket policy denies instances nothing they need (its denials are root-only actions and plain HTTP)', () => {
    const bucketId = logicalId(baseline.archive.bucket);
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p: any) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    ) as any;
    const denials = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Deny');
    expect(denials.length).toBeGreaterThan(0);
    for (const s of denials) {
      const actions = [s.Action].flat();
      const plainHttpOnly = JSON.stringify(s.Condition ?? {}).includes('aws:SecureTransport') || JSON.stringify(s.Condition ?? {}).includes('s3:TlsVersion');
      if (!plainHttpOnly) expect(actions.filter((a: string) => ['s3:PutObject', 's3:*', 's3:GetEncryptionConfiguration'].includes(a))).toEqual([]);
    }
  });
});

describe('the instance-role policy', () => {
  test('grants exactly what the SSM Agent needs to log sessions', () => {
    const id = logicalId(baseline.sessionManagerLoggingPolicy!);
    const resource = template.toJSON().Resources[id];
    expect(resource.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(resource.Properties.ManagedPolicyName).toBe('FinTechSessionManagerLogging');
    expect(resource.Properties.Roles).toBeUndefined();
    const bucket = logicalId(baseline.archive.bucket);
    const archiveKey = logicalId(baseline.archive.encryptionKey as any);
    const group = logicalId(baseline.sessionManagerLogGroup!);
    const sessionKey = logicalId(baseline.sessionManagerKey!);
    expect(policyStatements(template, id)).toEqual([
      { Sid: 'WriteTranscriptsToArchive', Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, `/${SESSION_LOGS_PREFIX}/*`]] } },
      { Sid: 'CheckArchiveEncryption', Effect: 'Allow', Action: 's3:GetEncryptionConfiguration', Resource: { 'Fn::GetAtt': [bucket, 'Arn'] } },
      {
        Sid: 'EncryptTranscriptsInArchive',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [archiveKey, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': `s3.${ENV.region}.amazonaws.com` } },
      },
      {
        Sid: 'StreamTranscriptsToLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: { 'Fn::GetAtt': [group, 'Arn'] },
      },
      {
        Sid: 'CheckLogGroupEncryption',
        Effect: 'Allow',
        Action: 'logs:DescribeLogGroups',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:*']] },
      },
      { Sid: 'DecryptSessions', Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [sessionKey, 'Arn'] } },
    ]);
  });

  test('nothing that reads, deletes or unlocks a log', () => {
    const text = JSON.stringify(policyStatements(template, logicalId(baseline.sessionManagerLoggingPolicy!)));
    for (const action of ['s3:GetObject', 's3:DeleteObject', 's3:PutObjectRetention', 's3:BypassGovernanceRetention', 'logs:GetLogEvents', 'logs:DeleteLogGroup', 'kms:*', 's3:*']) {
      expect(text).not.toContain(`"${action}"`);
    }
  });

  test('its name follows roleNamePrefix', () => {
    memberTemplate.hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'AcmeSessionManagerLogging' });
  });
});

describe('the engineer', () => {
  test('cannot disable the session key, change the preferences or shorten the logs', () => {
    const statements = engineerStatements(template);
    const keys = statements.find((s) => s.Sid === 'DenyDisablingBaselineKeys');
    expect(keys.Resource).toEqual(expect.arrayContaining([{ 'Fn::GetAtt': [logicalId(baseline.sessionManagerKey!), 'Arn'] }]));
    const doc = statements.find((s) => s.Sid === 'DenyChangingSessionLogging');
    expect(doc.Effect).toBe('Deny');
    expect(doc.Action).toEqual(expect.arrayContaining(['ssm:UpdateDocument', 'ssm:DeleteDocument', 'ssm:UpdateDocumentDefaultVersion']));
    expect(JSON.stringify(doc.Resource)).toContain(`:document/${SESSION_PREFERENCES_DOCUMENT}`);
    const group = statements.find((s) => s.Sid === 'DenyChangingSessionLogs');
    expect(group.Effect).toBe('Deny');
    expect(group.Action).toEqual(expect.arrayContaining(['logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DisassociateKmsKey']));
    expect(group.Resource).toEqual({ 'Fn::GetAtt': [logicalId(baseline.sessionManagerLogGroup!), 'Arn'] });
  });
});

describe('forms', () => {
  test('the member form (no trail, environment-agnostic) logs sessions into its own archive', () => {
    const content = Object.values(memberTemplate.findResources('AWS::SSM::Document'))[0] as any;
    expect(content.Properties.Content.inputs.s3BucketName).toEqual({ Ref: logicalId(member.archive.bucket) });
  });

  test('the organization rolls it out to the member accounts, and memberBaseline can turn it off', () => {
    const build = (sessionLogging?: boolean) => {
      const orgApp = new App();
      const org = new FinTechOrganizationBaseline(orgApp, 'Organization', {
        env: { account: '111111111111', region: ENV.region },
        managerEmails: MANAGERS,
        organizationId: 'o-abcdef1234',
        logArchiveAccountId: '222222222222',
        organizationalUnitIds: ['ou-abcd-12345678'],
        memberBaseline: sessionLogging === undefined ? undefined : { sessionLogging },
      });
      const types = (t: any) => Object.values<any>(t.Resources).map((r) => r.Type);
      return { member: types(org.memberTemplate), management: types(Template.fromStack(org).toJSON()) };
    };
    const on = build();
    expect(on.member).toEqual(expect.arrayContaining(['AWS::SSM::Document', 'AWS::IAM::ManagedPolicy']));
    expect(on.management).toContain('AWS::SSM::Document');
    expect(build(false).member).not.toContain('AWS::SSM::Document');
  });
});

describe('sessionLogging: false', () => {
  test('deploys no preferences, key, log group or policy, and denies nothing about them', () => {
    expect(off.sessionManagerPreferences).toBeUndefined();
    expect(off.sessionManagerKey).toBeUndefined();
    expect(off.sessionManagerLogGroup).toBeUndefined();
    expect(off.sessionManagerLoggingPolicy).toBeUndefined();
    offTemplate.resourceCountIs('AWS::SSM::Document', 0);
    offTemplate.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const sids = engineerStatements(offTemplate).map((s) => s.Sid);
    expect(sids).not.toContain('DenyChangingSessionLogging');
    expect(sids).not.toContain('DenyChangingSessionLogs');
    expect(sids).toContain('DenyDisablingBaselineKeys');
    expect(Object.keys(offTemplate.findResources('AWS::KMS::Key')).length).toBe(Object.keys(template.findResources('AWS::KMS::Key')).length - 1);
    // The session-start notification (LA-4) does not depend on it.
    expect(off.notificationRules.SessionManagerRule).toBeDefined();
  });
});

describe('BASELINE_PARTS', () => {
  test('lists the part with its items, resource types and prop', () => {
    const part = BASELINE_PARTS.find((p) => p.id === 'session-logging')!;
    expect(part.items).toEqual(expect.arrayContaining(['EX-1', 'LA-4']));
    expect(part.props).toEqual(['sessionLogging']);
    for (const type of part.resourceTypes) expect(Object.keys(template.findResources(type)).length).toBeGreaterThan(0);
    template.hasResourceProperties('AWS::SSM::Document', Match.objectLike({ DocumentType: 'Session' }));
  });
});
