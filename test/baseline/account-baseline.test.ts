/**
 * FinTechAccountBaseline: every part and secure default, the validation errors, and synthesis with
 * zero unacknowledged findings under FinTechChecks and cdk-nag's AwsSolutionsChecks.
 *
 * One app (three baselines) is synthesized once with both plugins and shared by the tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Token, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  attestationItems,
  attestationRuleName,
  BACKUP_TAG,
  BASELINE_PARTS,
  CONFIGURATION_CHANGES,
  ENGINEER_DENIED_ACTIONS,
  FinTechAccountBaseline,
  LOG_BUCKET_CHANGES,
  SecurityHubStandard,
  SENSITIVE_WORK,
} from '../../lib/baseline';
import { getItem } from '../../lib/catalog';
import { ROOT_USAGE_FILTER_PATTERN } from '../../lib/constructs';
import { FinTechChecks } from '../../packs/fintech-checks';
import { expectThrows } from '../helpers/constructs';
import { checkedApp, CheckedApp, logicalIdOf } from '../helpers/baseline';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };
const MANAGERS = ['security@example.co.jp', 'cto@example.co.jp'];

let checked: CheckedApp;
let app: App;
let baseline: FinTechAccountBaseline;
let member: FinTechAccountBaseline;
let tuned: FinTechAccountBaseline;
let synthError: unknown;
let template: Template;
let memberTemplate: Template;
let tunedTemplate: Template;

beforeAll(() => {
  checked = checkedApp('baseline');
  app = checked.app;
  baseline = new FinTechAccountBaseline(app, 'Baseline', { env: ENV, managerEmails: MANAGERS });
  // The member form of an organization: no trail of its own, no custom resources.
  member = new FinTechAccountBaseline(app, 'Member', {
    managerEmails: ['security@example.co.jp'],
    accountTrail: false,
    accountSettings: 'detect',
    globalEventForwarding: 'external',
  });
  // Every option in use, in us-east-1 (no forwarder needed).
  tuned = new FinTechAccountBaseline(app, 'Tuned', {
    env: { account: ENV.account, region: 'us-east-1' },
    managerEmails: ['security@example.co.jp'],
    trustedAccountId: '210987654321',
    roleNamePrefix: 'Acme',
    maxSessionDuration: Duration.hours(4),
    archiveRetention: Duration.days(2555),
    passwordPolicy: { minimumPasswordLength: 20, passwordReusePrevention: 24, maxPasswordAge: 60 },
    guardDutyFeatures: ['S3_DATA_EVENTS'],
    guardDutyMinSeverity: 7,
    securityHubStandards: [SecurityHubStandard.FOUNDATIONAL_BEST_PRACTICES, SecurityHubStandard.CIS_1_4],
    backupVaultLock: { minRetention: Duration.days(7), maxRetention: Duration.days(3650), changeableFor: Duration.days(3) },
    dataClassification: 'restricted',
  });
  synthError = checked.synthUnderChecks();
  template = Template.fromStack(baseline);
  memberTemplate = Template.fromStack(member);
  tunedTemplate = Template.fromStack(tuned);
});

afterAll(() => {
  checked?.cleanup();
});

const logicalId = logicalIdOf;

function resourcesOf(t: Template, type: string): Record<string, any> {
  return t.findResources(type);
}

describe('synthesis under FinTechChecks and AwsSolutionsChecks', () => {
  test('succeeds with no unsuppressed violation (warnings included) in the validation report', () => {
    expect(fs.existsSync(path.join(checked.outdir, 'validation-report.json'))).toBe(true);
    const violations = checked.violations();
    if (synthError || violations.length) throw new Error(`synthesis: ${String(synthError)}\n${violations.join('\n')}`);
    expect(violations).toEqual([]);
  });

  test('cdk-nag, run on its own over the same tree, finds nothing', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('each acknowledgment is needed: without them these findings appear', () => {
    const hidden: { type: string }[] = [];
    for (const node of baseline.node.findAll()) {
      for (const entry of node.node.metadata as { type: string }[]) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
          entry.type = 'hidden-for-test';
          hidden.push(entry);
        }
      }
    }
    try {
      const nag = new AwsSolutionsChecks().validateScope(baseline);
      expect([...new Set(nag.violations.map((v) => v.ruleName))].sort()).toEqual([
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/PowerUserAccess]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
        `AwsSolutions-IAM5[Resource::<${logicalId(baseline.archive.bucket)}.Arn>/*]`,
        `AwsSolutions-IAM5[Resource::<${logicalId(baseline.configBucket!)}.Arn>/*]`,
        `AwsSolutions-IAM5[Resource::<${logicalId(baseline.configBucket!)}.Arn>/AWSLogs/123456789012/Config/*]`,
        'AwsSolutions-IAM5[Resource::*]',
        `AwsSolutions-IAM5[Resource::<${logicalId(baseline.archive.bucket)}.Arn>/session-manager/*]`,
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]',
      ].sort());
      const ours = new FinTechChecks().validateScope(baseline);
      expect(ours.violations.map((v) => v.ruleName)).toContain('FTG-IAM-6');
    } finally {
      for (const e of hidden) e.type = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
    }
  });

  test('no construct warns (the root sign-in region warning is answered by the forwarder or by the organization)', () => {
    for (const stack of [baseline, member, tuned, baseline.globalEventForwarder!]) {
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    }
  });

  test('every acknowledgment the baseline makes has a written reason', () => {
    const acks: { id: string; reason: string; where: string }[] = [];
    for (const node of baseline.node.findAll()) {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acks.push({ id: id.replace(/^annotation::/i, ''), reason: String(reason), where: node.node.path });
        }
      }
    }
    expect(acks.length).toBeGreaterThan(5);
    for (const a of acks) expect(a.reason.length).toBeGreaterThan(60);
    const ids = [...new Set(acks.map((a) => `${a.where.replace(/^Baseline\//, '')} ${a.id}`))];
    expect(ids).toEqual(expect.arrayContaining([
      'AdministratorRole FinTechChecks::FTG-IAM-6',
      'AdministratorRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
      'EngineerRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/PowerUserAccess]',
      'ReadOnlyRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess]',
      'AuditorRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit]',
      'ConfigRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      'PasswordPolicy AwsSolutions-IAM5[Resource::*]',
      'EbsEncryptionByDefault AwsSolutions-IAM5[Resource::*]',
      'S3AccountPublicAccessBlock AwsSolutions-IAM5[Resource::*]',
      'RootLogin fintech-guardrails:rootLoginRegion',
    ]));
  });
});

describe('audit trail and archive (LA-1, LA-2, EX-1)', () => {
  test('a multi-region trail with log file validation, KMS-encrypted, into the write-once archive and CloudWatch Logs', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      KMSKeyId: Match.anyValue(),
      CloudWatchLogsLogGroupArn: Match.anyValue(),
      S3BucketName: { Ref: logicalId(baseline.archive.bucket) },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } },
    });
    expect(baseline.trail).toBeDefined();
  });

  test('archiveRetention sets the Object Lock retention', () => {
    tunedTemplate.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2555 } } },
    });
  });

  test('accountTrail: false leaves the trail to the organization', () => {
    memberTemplate.resourceCountIs('AWS::CloudTrail::Trail', 0);
    expect(member.trail).toBeUndefined();
  });
});

describe('root (CA-2, CA-3, EX-1)', () => {
  test('RootLoginNotification publishes to the baseline topic, with the CIS root-usage metric filter and alarm', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: ROOT_USAGE_FILTER_PATTERN });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: logicalId(baseline.topic) }],
      MetricName: 'RootAccountUsage',
    });
    expect(baseline.rootLoginNotification.topic).toBe(baseline.topic);
  });

  test.each(['ROOT_ACCOUNT_MFA_ENABLED', 'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED', 'IAM_ROOT_ACCESS_KEY_CHECK'])(
    'AWS Config managed rule %s, created after the recorder',
    (identifier) => {
      const rules = template.findResources('AWS::Config::ConfigRule', {
        Properties: { Source: { Owner: 'AWS', SourceIdentifier: identifier } },
      });
      const [rule] = Object.values(rules);
      expect(rule).toBeDefined();
      expect(rule.DependsOn).toContain(logicalId(baseline.configRecorder!));
    },
  );

  test('outside us-east-1 a forwarder stack in us-east-1 sends console sign-ins and IAM calls to the home region', () => {
    const forwarder = baseline.globalEventForwarder!;
    expect(forwarder.region).toBe('us-east-1');
    const t = Template.fromStack(forwarder);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['AWS Console Sign In via CloudTrail'] },
      Targets: [Match.objectLike({ Arn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':events:ap-northeast-1:123456789012:event-bus/default'])]) }) })],
    });
    t.hasResourceProperties('AWS::Events::Rule', { EventPattern: { source: ['aws.iam'] } });
    expect(tuned.globalEventForwarder).toBeUndefined();
  });
});

describe('people (CA-1, CA-4, CA-5, CA-6)', () => {
  const roles: [keyof FinTechAccountBaseline['roles'], string, string][] = [
    ['administrator', 'FinTechAdministrator', 'AdministratorAccess'],
    ['engineer', 'FinTechEngineer', 'PowerUserAccess'],
    ['readOnly', 'FinTechReadOnly', 'ReadOnlyAccess'],
    ['auditor', 'FinTechAuditor', 'SecurityAudit'],
  ];
  test.each(roles)('the %s role can only be assumed with MFA, for one hour, with %s', (_key, name, policy) => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: name,
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:root']] } },
          }),
        ],
      },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${policy}`]] }],
    });
  });

  test('trustedAccountId, roleNamePrefix and maxSessionDuration adjust the roles', () => {
    tunedTemplate.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'AcmeEngineer',
      MaxSessionDuration: 14400,
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:root']] } } })],
      },
    });
  });

  test('the engineer cannot switch off the baseline or silence its notifications', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: logicalId(baseline.roles.engineer) }] },
    });
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const sids = statements.filter((s: any) => s.Effect === 'Deny').map((s: any) => s.Sid).sort();
    expect(sids).toEqual([
      'DenyChangingAlarmFilters', 'DenyChangingNotificationRules', 'DenyChangingSessionLogging', 'DenyChangingSessionLogs',
      'DenyDisablingBaselineKeys', 'DenyDisablingDeployChecks', 'DenySilencingAlarms', 'DenySilencingNotifications', 'DenySwitchingOffTheBaseline',
    ]);
    // Every alarm of the stack (CIS, root usage, administrator) is protected, and the filters' log group.
    const alarmIds = Object.keys(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
    expect(alarmIds.length).toBeGreaterThanOrEqual(16);
    const silencing = statements.find((s: any) => s.Sid === 'DenySilencingAlarms');
    expect(silencing.Action).toEqual(expect.arrayContaining(['cloudwatch:DeleteAlarms', 'cloudwatch:DisableAlarmActions']));
    expect(silencing.Resource.map((r: any) => r['Fn::GetAtt'][0]).sort()).toEqual([...alarmIds].sort());
    const filters = statements.find((s: any) => s.Sid === 'DenyChangingAlarmFilters');
    expect(filters.Action).toEqual(expect.arrayContaining(['logs:DeleteMetricFilter', 'logs:PutMetricFilter']));
    const hook = statements.find((s: any) => s.Sid === 'DenyDisablingDeployChecks');
    expect(hook.Action).toEqual(expect.arrayContaining(['cloudformation:DeactivateType', 'cloudformation:SetTypeConfiguration']));
    expect(hook.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^GuardRulesHook/), 'HookArn'] });
    const main = statements.find((s: any) => s.Sid === 'DenySwitchingOffTheBaseline');
    expect(main.Action).toEqual(expect.arrayContaining(['cloudtrail:StopLogging', 'config:StopConfigurationRecorder', 'guardduty:DeleteDetector']));
    expect(main.Action).toHaveLength(ENGINEER_DENIED_ACTIONS.length);
  });

  test('the auditor reads the archive and the Config history, and writes nothing', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: logicalId(baseline.roles.auditor) }] },
    });
    const actions = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement).flatMap((s: any) => [s.Action].flat());
    expect(new Set(actions)).toEqual(new Set(['s3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketLocation', 's3:GetObject', 's3:GetObjectVersion', 'kms:Decrypt']));
  });

  test('a strong IAM password policy through AwsCustomResource, with a policy for that one action', () => {
    const [resource] = Object.values(resourcesOf(template, 'Custom::IamPasswordPolicy'));
    const create = JSON.stringify(resource.Properties.Create);
    for (const fragment of ['updateAccountPasswordPolicy', '\\"MinimumPasswordLength\\":14', '\\"PasswordReusePrevention\\":24', '\\"MaxPasswordAge\\":90',
      '\\"RequireSymbols\\":true', '\\"RequireNumbers\\":true', '\\"RequireUppercaseCharacters\\":true', '\\"RequireLowercaseCharacters\\":true']) {
      expect(create).toContain(fragment);
    }
    expect(resource.Properties.Delete).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'iam:UpdateAccountPasswordPolicy', Effect: 'Allow', Resource: '*' }] },
    });
    const [tunedPolicy] = Object.values(resourcesOf(tunedTemplate, 'Custom::IamPasswordPolicy'));
    expect(JSON.stringify(tunedPolicy.Properties.Create)).toContain('\\"MinimumPasswordLength\\":20');
  });

  test.each([
    ['IAM_USER_MFA_ENABLED', undefined],
    ['MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', undefined],
    ['IAM_USER_UNUSED_CREDENTIALS_CHECK', { maxCredentialUsageAge: '90' }],
    ['IAM_PASSWORD_POLICY', Match.objectLike({ MinimumPasswordLength: '14', PasswordReusePrevention: '24', MaxPasswordAge: '90' })],
  ])('AWS Config managed rule %s', (identifier, params) => {
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { Owner: 'AWS', SourceIdentifier: identifier },
      ...(params ? { InputParameters: params } : {}),
    });
  });

  test('IAM Access Analyzer for the account, with finding notifications', () => {
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.access-analyzer'], 'detail-type': ['Access Analyzer Finding'] },
    });
  });
});

describe('configuration changes and sensitive work (LA-3, LA-4)', () => {
  test('an AWS Config recorder of all supported resources, global ones included, with AWS_ConfigRole', () => {
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
      RoleARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConfigRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'config.amazonaws.com' } })] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWS_ConfigRole']] }],
    });
  });

  test('the delivery channel goes to a KMS-encrypted bucket that lets Config deliver, after the recorder exists', () => {
    const [channel] = Object.values(resourcesOf(template, 'AWS::Config::DeliveryChannel'));
    expect(channel.Properties.S3BucketName).toEqual({ Ref: logicalId(baseline.configBucket!) });
    expect(channel.Properties.S3KmsKeyArn).toBeDefined();
    expect(channel.DependsOn).toContain(logicalId(baseline.configRecorder!));
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'config-history/' }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(baseline.configBucket!) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AWSConfigBucketPermissionsCheck', Principal: { Service: 'config.amazonaws.com' } }),
          Match.objectLike({
            Sid: 'AWSConfigBucketDelivery',
            Action: 's3:PutObject',
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '123456789012' } },
          }),
        ]),
      },
    });
  });

  const activities = [...CONFIGURATION_CHANGES, LOG_BUCKET_CHANGES, ...SENSITIVE_WORK];
  test.each(activities.map((a) => [a.id, a] as const))('%s notifies the topic with a Japanese and English message', (id, activity) => {
    const rule = baseline.notificationRules[id];
    expect(rule).toBeDefined();
    const resource = template.toJSON().Resources[logicalId(rule)];
    expect(resource.Properties.EventPattern.detail.eventName).toEqual([...activity.eventNames]);
    const target = resource.Properties.Targets[0];
    expect(target.Arn).toEqual({ Ref: logicalId(baseline.topic) });
    const text: string = target.InputTransformer.InputTemplate;
    expect(text).toContain(activity.title.ja);
    expect(text).toContain(activity.title.en);
    expect(text).toContain('<detail-userIdentity-arn>');
  });

  test('the log-bucket rule names the archive, its access-log bucket and the Config history bucket', () => {
    const resource = template.toJSON().Resources[logicalId(baseline.notificationRules.LogBucketChangeRule)];
    expect(resource.Properties.EventPattern.detail.requestParameters.bucketName).toEqual([
      { Ref: logicalId(baseline.archive.bucket) },
      { Ref: logicalId(baseline.archive.accessLogsBucket) },
      { Ref: logicalId(baseline.configBucket!) },
    ]);
  });

  test('console sign-in of an IAM user without MFA is notified', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.signin'],
        'detail-type': ['AWS Console Sign In via CloudTrail'],
        'detail': Match.objectLike({ eventName: ['ConsoleLogin'], additionalEventData: { MFAUsed: ['No'] } }),
      },
    });
  });

  test('every assumption of the administrator role raises an alarm to the topic', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.eventName = "AssumeRole") && (($.requestParameters.roleArn = "*:role/FinTechAdministrator")) }',
      MetricTransformations: [Match.objectLike({ MetricName: 'AdministratorRoleUsed' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'AdministratorRoleUsed', AlarmActions: [{ Ref: logicalId(baseline.topic) }] });
  });
});

describe('detection and defaults (DM-1, DM-5, CF-3, OP-2, CM-4)', () => {
  test('GuardDuty with S3 and malware protection, and notifications from medium severity', () => {
    template.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      Features: Match.arrayWith([{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }, { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' }]),
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.guardduty'], 'detail': { severity: [{ numeric: ['>=', 4] }] } },
    });
    tunedTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.guardduty'], detail: { severity: [{ numeric: ['>=', 7] }] } },
    });
  });

  test('Security Hub with AWS Foundational Security Best Practices and CIS 3.0', () => {
    template.hasResourceProperties('AWS::SecurityHub::Hub', { EnableDefaultStandards: false });
    for (const standard of ['aws-foundational-security-best-practices/v/1.0.0', 'cis-aws-foundations-benchmark/v/3.0.0']) {
      template.hasResourceProperties('AWS::SecurityHub::Standard', {
        StandardsArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:securityhub:ap-northeast-1::standards/${standard}`]] },
      });
    }
    tunedTemplate.hasResourceProperties('AWS::SecurityHub::Standard', {
      StandardsArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0']] },
    });
  });

  test('EBS encryption by default and the account-level S3 public access block are set and watched', () => {
    const [ebs] = Object.values(resourcesOf(template, 'Custom::EbsEncryptionByDefault'));
    expect(JSON.stringify(ebs.Properties.Create)).toContain('enableEbsEncryptionByDefault');
    const [bpa] = Object.values(resourcesOf(template, 'Custom::S3AccountPublicAccessBlock'));
    const call = JSON.stringify(bpa.Properties.Create);
    for (const f of ['putPublicAccessBlock', 'BlockPublicAcls\\":true', 'IgnorePublicAcls\\":true', 'BlockPublicPolicy\\":true', 'RestrictPublicBuckets\\":true']) {
      expect(call).toContain(f);
    }
    for (const id of ['EC2_EBS_ENCRYPTION_BY_DEFAULT', 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', 'EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK']) {
      template.hasResourceProperties('AWS::Config::ConfigRule', { Source: { Owner: 'AWS', SourceIdentifier: id } });
    }
  });

  test("accountSettings: 'detect' deploys no custom resource and no Lambda function (asset-free), but keeps the rules", () => {
    memberTemplate.resourceCountIs('AWS::Lambda::Function', 0);
    memberTemplate.resourceCountIs('Custom::IamPasswordPolicy', 0);
    memberTemplate.hasResourceProperties('AWS::Config::ConfigRule', { Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' } });
  });
});

describe('backups (OP-3, CF-2)', () => {
  test('a KMS-encrypted vault that denies recovery-point deletion, and notifies restores', () => {
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: Match.anyValue(),
      AccessPolicy: Match.objectLike({ Statement: [Match.objectLike({ Effect: 'Deny', Action: Match.arrayWith(['backup:DeleteRecoveryPoint']) })] }),
      Notifications: { BackupVaultEvents: Match.arrayWith(['RESTORE_JOB_STARTED']), SNSTopicArn: { Ref: logicalId(baseline.topic) } },
    });
  });

  test('daily backups kept 35 days and monthly backups kept one year', () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({ RuleName: 'Daily35Days', Lifecycle: { DeleteAfterDays: 35 } }),
          Match.objectLike({ RuleName: 'Monthly1Year', Lifecycle: { DeleteAfterDays: 365 }, ScheduleExpression: 'cron(0 17 1 * ? *)' }),
        ],
      },
    });
  });

  test(`selects the resources tagged ${BACKUP_TAG.key} = ${BACKUP_TAG.value}`, () => {
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        ListOfTags: [{ ConditionKey: 'backup', ConditionType: 'STRINGEQUALS', ConditionValue: 'true' }],
      }),
    });
  });

  test('backupVaultLock locks the vault', () => {
    tunedTemplate.hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 3650, ChangeableForDays: 3 },
    });
    template.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: Match.absent() });
  });

  test('failed backup jobs are notified', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.backup'], 'detail-type': ['Backup Job State Change'] },
    });
  });
});

describe('attestation items', () => {
  test('one process-check rule per catalog item with attest coverage, named and described from the catalog', () => {
    const items = attestationItems();
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining(['AS-1', 'AS-2', 'AS-3', 'CM-2', 'CM-3', 'CM-5', 'DV-1', 'DV-2', 'DV-3', 'DV-4', 'AA-3', 'DM-4', 'DM-6']));
    for (const item of items) {
      const rule = baseline.attestationRules[item.id];
      const resource = template.toJSON().Resources[logicalId(rule)];
      expect(resource.Properties.ConfigRuleName).toBe(attestationRuleName(item.id));
      expect(resource.Properties.ConfigRuleName).toBe(`fintech-${item.id.toLowerCase()}`);
      expect(resource.Properties.Source).toEqual({ Owner: 'AWS', SourceIdentifier: 'AWS_CONFIG_PROCESS_CHECK' });
      expect(resource.Properties.Description).toContain(getItem(item.id).ja);
      expect(resource.Properties.Description).toContain(getItem(item.id).en);
      expect([...resource.Properties.Description].length).toBeLessThanOrEqual(256);
      expect(resource.DependsOn).toContain(logicalId(baseline.configRecorder!));
    }
    expect(Object.keys(baseline.attestationRules)).toHaveLength(items.length);
  });
});

describe('notifications and tags', () => {
  test('one KMS-encrypted, TLS-only topic with an email subscription per manager', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    for (const email of MANAGERS) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: email });
    }
  });

  test('the topic key lets EventBridge, CloudWatch and AWS Backup publish encrypted', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowNotifyingServicesToPublishEncrypted',
            Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'backup.amazonaws.com'] },
          }),
        ]),
      },
    });
  });

  test('every data store the baseline creates carries a data-classification tag', () => {
    const tagged = (r: any, key = 'Tags') => [r.Properties[key] ?? []].flat().some((t: any) => t.Key === 'data-classification') ||
      (r.Properties[key] && !Array.isArray(r.Properties[key]) && 'data-classification' in r.Properties[key]);
    for (const bucket of Object.values(resourcesOf(template, 'AWS::S3::Bucket'))) expect(tagged(bucket)).toBe(true);
    for (const vault of Object.values(resourcesOf(template, 'AWS::Backup::BackupVault'))) expect(tagged(vault, 'BackupVaultTags')).toBe(true);
    for (const group of Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'))) expect(tagged(group)).toBe(true);
    tunedTemplate.hasResourceProperties('AWS::S3::Bucket', { Tags: Match.arrayWith([{ Key: 'data-classification', Value: 'restricted' }]) });
  });
});

describe('BASELINE_PARTS matches what the stack deploys', () => {
  test.each(BASELINE_PARTS.filter((p) => !p.organizationOnly).map((p) => [p.id, p] as const))('%s', (_id, part) => {
    for (const type of part.resourceTypes) {
      expect(Object.keys(resourcesOf(template, type)).length).toBeGreaterThan(0);
    }
  });
});

describe('validation', () => {
  const build = (props: Partial<ConstructorParameters<typeof FinTechAccountBaseline>[2]>) =>
    new FinTechAccountBaseline(new App(), 'Baseline', { env: ENV, managerEmails: MANAGERS, ...props } as any);

  test('fails without manager addresses', () => {
    expectThrows(() => build({ managerEmails: [] }), /managerEmails needs at least one address/, /Fix:/);
    expectThrows(() => new FinTechAccountBaseline(new App(), 'B', { env: ENV } as any), /managerEmails needs at least one/);
  });

  test('fails when an address does not look like one, and skips tokens', () => {
    expectThrows(() => build({ managerEmails: ['security@example.co.jp', 'not-an-address'] }), /managerEmails\[1\]/, /not-an-address/);
    const token = Token.asString({ Ref: 'ManagerEmail' });
    expect(() => new FinTechAccountBaseline(new App(), 'B', {
      env: ENV, managerEmails: [token], accountSettings: 'detect', globalEventForwarding: 'none',
    })).not.toThrow();
  });

  test('fails on a weaker password policy', () => {
    expectThrows(() => build({ passwordPolicy: { minimumPasswordLength: 8, passwordReusePrevention: 24, maxPasswordAge: 90 } }), /minimumPasswordLength 8/);
    expectThrows(() => build({ passwordPolicy: { minimumPasswordLength: 14, passwordReusePrevention: 5, maxPasswordAge: 365 } }), /passwordReusePrevention 5/, /maxPasswordAge 365/);
  });

  test('fails on a session duration outside 1 to 12 hours', () => {
    expectThrows(() => build({ maxSessionDuration: Duration.minutes(30) }), /maxSessionDuration must be from 1 to 12 hours/);
    expectThrows(() => build({ maxSessionDuration: Duration.hours(13) }), /maxSessionDuration/);
  });

  test('fails on a vault lock that would make the plan fail', () => {
    expectThrows(() => build({ backupVaultLock: { minRetention: Duration.days(90) } }), /minRetention/, /daily backups/);
    expectThrows(() => build({ backupVaultLock: { minRetention: Duration.days(7), maxRetention: Duration.days(100) } }), /maxRetention/);
    expectThrows(() => build({ backupVaultLock: { minRetention: Duration.days(7), changeableFor: Duration.days(1) } }), /changeableFor/);
  });

  test('fails on bad values of the other options', () => {
    expectThrows(() => build({ guardDutyMinSeverity: 12 }), /guardDutyMinSeverity/);
    expectThrows(() => build({ trustedAccountId: '1234' }), /trustedAccountId must be a 12-digit/);
    expectThrows(() => build({ roleNamePrefix: 'has space' }), /roleNamePrefix/);
    expectThrows(() => build({ accountSettings: 'maybe' as any }), /accountSettings must be/);
    expectThrows(() => build({ globalEventForwarding: 'sometimes' as any }), /globalEventForwarding must be/);
  });

  test('an environment-agnostic baseline keeps the root sign-in region warning (nothing can be forwarded)', () => {
    const stack = new FinTechAccountBaseline(new App(), 'Agnostic', { managerEmails: MANAGERS, accountSettings: 'detect' });
    expect(stack.globalEventForwarder).toBeUndefined();
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('environment-agnostic'));
    expect(warnings).toHaveLength(1);
  });
});
