/**
 * The CIS monitoring alarms (lib/baseline/cis-alarms.ts, parts/cis-alarms.ts): the table, what the
 * baseline synthesizes from it, when it synthesizes nothing, and that every pattern is a sane CloudWatch
 * Logs JSON filter pattern that matches the CloudTrail events it is meant for (and not their neighbours).
 * FinTechChecks and AwsSolutionsChecks on the baseline with the alarms: test/baseline/account-baseline.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  CIS_ALARMS,
  cisAlarmText,
  FinTechAccountBaseline,
  FinTechLogArchiveStack,
  FinTechOrganizationBaseline,
} from '../../lib/baseline';
import { CIS_ALARMS_PUBLISH_SID } from '../../lib/baseline/parts/cis-alarms';
import { findItem } from '../../lib/catalog';
import { alarmDescription } from '../../lib/constructs/alert-message';
import { ROOT_USAGE_FILTER_PATTERN } from '../../lib/constructs';
import { compileFilterPattern, FilterPatternError } from '../helpers/log-filter-pattern';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };
const MANAGERS = ['security@example.co.jp'];

let baseline: FinTechAccountBaseline;
let template: Template;
let withoutProp: Template;
let withoutTrail: Template;
let organization: FinTechOrganizationBaseline;
let orgTemplate: Template;

beforeAll(() => {
  const app = new App();
  baseline = new FinTechAccountBaseline(app, 'Baseline', { env: ENV, managerEmails: MANAGERS });
  const noCis = new FinTechAccountBaseline(app, 'NoCis', { env: ENV, managerEmails: MANAGERS, cisAlarms: false });
  const member = new FinTechAccountBaseline(app, 'Member', {
    managerEmails: MANAGERS,
    accountTrail: false,
    accountSettings: 'detect',
    globalEventForwarding: 'external',
  });
  new FinTechLogArchiveStack(app, 'LogArchive', { env: { account: '222222222222', region: ENV.region }, organizationId: 'o-abcdef1234', managementAccountId: '111111111111' });
  organization = new FinTechOrganizationBaseline(app, 'Organization', {
    env: { account: '111111111111', region: ENV.region },
    managerEmails: MANAGERS,
    organizationId: 'o-abcdef1234',
    logArchiveAccountId: '222222222222',
    organizationalUnitIds: ['ou-abcd-12345678'],
  });
  // Every stack exists before the first synthesis (Template.fromStack synthesizes the app).
  template = Template.fromStack(baseline);
  withoutProp = Template.fromStack(noCis);
  withoutTrail = Template.fromStack(member);
  orgTemplate = Template.fromStack(organization);
});

/** The logical IDs of `type` resources whose metric (filter or alarm) is one of the table's. */
function cisResources(t: Template, type: 'AWS::Logs::MetricFilter' | 'AWS::CloudWatch::Alarm'): string[] {
  const ids = new Set(CIS_ALARMS.map((a) => a.id));
  return Object.entries(t.findResources(type))
    .filter(([, r]) => ids.has(type === 'AWS::CloudWatch::Alarm' ? r.Properties.MetricName : r.Properties.MetricTransformations[0].MetricName))
    .map(([id]) => id);
}

function topicStatements(t: Template): any[] {
  const policies = Object.values(t.findResources('AWS::SNS::TopicPolicy'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

describe('CIS_ALARMS', () => {
  test('the CIS monitoring set but root usage (4.3, RootLoginNotification), each recommendation once', () => {
    expect(CIS_ALARMS.map((a) => a.cis)).toEqual(['4.1', '4.2', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12', '4.13', '4.14', '4.15']);
  });

  test('with root usage, Security Hub CloudWatch.1 to CloudWatch.14, each once', () => {
    const controls = CIS_ALARMS.flatMap((a) => (a.securityHub ? [a.securityHub] : []));
    expect(['CloudWatch.1', ...controls]).toEqual(Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`));
  });

  test('IDs are unique construct-ID prefixes that collide with no recorded logical ID but their own', () => {
    expect(new Set(CIS_ALARMS.map((a) => a.id)).size).toBe(CIS_ALARMS.length);
    const own = new Set(CIS_ALARMS.flatMap((a) => [`${a.id}Filter`, `${a.id}Alarm`]));
    for (const a of CIS_ALARMS) expect(a.id).toMatch(/^Cis[A-Z][A-Za-z0-9]+$/);
    const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'baseline-logical-ids.json'), 'utf-8'));
    const recorded = Object.values(fixture as Record<string, Record<string, string>>).flatMap((ids) => Object.keys(ids));
    const clashes = recorded.filter((id) => CIS_ALARMS.some((a) => id.startsWith(a.id)) && ![...own].some((o) => id.startsWith(o)));
    expect(clashes).toEqual([]);
  });

  test('every entry names catalog items, and says what happened in both languages', () => {
    for (const a of CIS_ALARMS) {
      expect(a.items.length).toBeGreaterThan(0);
      for (const id of a.items) expect(findItem(id)).toBeDefined();
      expect(a.title.en).toMatch(/^[A-Z][^.]+[a-zA-Z]$/);
      expect(a.title.ja).toMatch(/[ぁ-んァ-ヶ一-龯]/);
    }
  });

  test('descriptions name the recommendation, the Security Hub control and the items, in English and Japanese', () => {
    const unauthorized = cisAlarmText(CIS_ALARMS[0]);
    expect(unauthorized.en).toBe(
      'API calls were denied as unauthorized (CIS AWS Foundations 4.1, Security Hub CloudWatch.2 metric filter on CloudTrail; fintech-guardrails DM-5, OP-2).',
    );
    expect(unauthorized.ja).toBe('権限のない API 呼び出しが拒否されました（CloudTrail のメトリクスフィルター CIS AWS Foundations 4.1、Security Hub CloudWatch.2。ガイドライン項目 DM-5、OP-2）。');
    const organizations = cisAlarmText(CIS_ALARMS.find((a) => a.cis === '4.15')!);
    expect(organizations.en).not.toContain('Security Hub');
    for (const a of CIS_ALARMS) expect(alarmDescription(cisAlarmText(a)).length).toBeLessThanOrEqual(1024);
  });
});

describe('filter patterns', () => {
  const all = [...CIS_ALARMS.map((a) => [a.id, a.filterPattern] as const), ['RootUsage', ROOT_USAGE_FILTER_PATTERN] as const];

  test.each(all)('%s: a JSON filter pattern: braces, balanced parentheses and quotes, at most 1024 characters', (_, pattern) => {
    expect(pattern.startsWith('{')).toBe(true);
    expect(pattern.endsWith('}')).toBe(true);
    expect(pattern.length).toBeLessThanOrEqual(1024);
    let depth = 0;
    for (const ch of pattern.replace(/"[^"]*"/g, '""')) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    expect((pattern.match(/"/g) ?? []).length % 2).toBe(0);
    expect((pattern.match(/[{}]/g) ?? []).length).toBe(2);
    expect(() => compileFilterPattern(pattern)).not.toThrow();
  });

  test('the evaluator refuses what CloudWatch Logs would misread or reject', () => {
    // The benchmark's own text of 4.1 mixes || and && at one level: the table makes the grouping explicit.
    const cisText = '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
    expect(() => compileFilterPattern(cisText)).toThrow(FilterPatternError);
    expect(() => compileFilterPattern('{ ($.eventName = "A") ')).toThrow(/expected rbrace/);
    expect(() => compileFilterPattern('{ ($.eventName = "A" }')).toThrow(/expected rparen/);
    expect(() => compileFilterPattern('{ $.eventName = "A }')).toThrow(/unclosed string/);
    expect(() => compileFilterPattern('$.eventName = A')).toThrow(/expected lbrace/);
    expect(() => compileFilterPattern('{ $.eventName = A } x')).toThrow(/after the closing brace/);
  });

  test('the evaluator: wildcards, !=, NOT EXISTS, nested fields', () => {
    const p = compileFilterPattern('{ ($.a = "x*z") && ($.b.c != "no") && ($.d NOT EXISTS) }');
    expect(p({ a: 'xyz', b: { c: 'yes' } })).toBe(true);
    expect(p({ a: 'xz', b: { c: 'yes' } })).toBe(true);
    expect(p({ a: 'axyz', b: { c: 'yes' } })).toBe(false);
    expect(p({ a: 'xyz', b: { c: 'no' } })).toBe(false);
    expect(p({ a: 'xyz', b: { c: 'yes' }, d: 1 })).toBe(false);
    expect(p({ a: 'xyz' })).toBe(false);
  });
});

/** A CloudTrail record with the fields the patterns read (the rest of a real record does not matter). */
function event(eventSource: string, eventName: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/FinTechEngineer/alice' },
    eventSource,
    eventName,
    eventType: 'AwsApiCall',
    awsRegion: 'ap-northeast-1',
    sourceIPAddress: '203.0.113.10',
    ...more,
  };
}

function consoleLogin(identityType: string, result: 'Success' | 'Failure', mfa: 'Yes' | 'No', more: Record<string, unknown> = {}) {
  return event('signin.amazonaws.com', 'ConsoleLogin', {
    eventType: 'AwsConsoleSignIn',
    userIdentity: { type: identityType },
    responseElements: { ConsoleLogin: result },
    additionalEventData: { MFAUsed: mfa, LoginTo: 'https://console.aws.amazon.com/' },
    ...more,
  });
}

/** For each entry: events it must match, and close neighbours it must not. */
const SAMPLES: Record<string, { match: object[]; miss: object[] }> = {
  CisUnauthorizedApiCalls: {
    match: [
      event('ec2.amazonaws.com', 'RunInstances', { errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.' }),
      event('s3.amazonaws.com', 'GetObject', { errorCode: 'AccessDenied' }),
      event('iam.amazonaws.com', 'ListUsers', { errorCode: 'AccessDeniedException' }),
    ],
    miss: [
      event('s3.amazonaws.com', 'GetObject'),
      event('s3.amazonaws.com', 'HeadBucket', { errorCode: 'AccessDenied' }),
      event('s3.amazonaws.com', 'PutObject', { errorCode: 'AccessDenied', sourceIPAddress: 'delivery.logs.amazonaws.com' }),
      event('dynamodb.amazonaws.com', 'PutItem', { errorCode: 'ThrottlingException' }),
    ],
  },
  CisConsoleSignInWithoutMfa: {
    match: [consoleLogin('IAMUser', 'Success', 'No')],
    miss: [
      consoleLogin('IAMUser', 'Success', 'Yes'),
      consoleLogin('IAMUser', 'Failure', 'No', { errorMessage: 'Failed authentication' }),
      consoleLogin('AssumedRole', 'Success', 'No'), // IAM Identity Center: MFA at the identity provider
    ],
  },
  CisIamPolicyChanges: {
    match: ['PutRolePolicy', 'AttachUserPolicy', 'CreatePolicyVersion', 'DetachGroupPolicy'].map((n) => event('iam.amazonaws.com', n)),
    miss: [event('iam.amazonaws.com', 'ListPolicies'), event('iam.amazonaws.com', 'CreateRole'), event('iam.amazonaws.com', 'GetRolePolicy')],
  },
  CisCloudTrailChanges: {
    match: ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'].map((n) => event('cloudtrail.amazonaws.com', n)),
    miss: [event('cloudtrail.amazonaws.com', 'DescribeTrails'), event('cloudtrail.amazonaws.com', 'LookupEvents')],
  },
  CisConsoleAuthenticationFailures: {
    match: [consoleLogin('IAMUser', 'Failure', 'No', { errorMessage: 'Failed authentication' })],
    miss: [consoleLogin('IAMUser', 'Success', 'Yes'), consoleLogin('Root', 'Failure', 'No', { errorMessage: 'Failed authentication.' })],
  },
  CisKmsKeyDisabledOrScheduledForDeletion: {
    match: [event('kms.amazonaws.com', 'DisableKey'), event('kms.amazonaws.com', 'ScheduleKeyDeletion')],
    miss: [event('kms.amazonaws.com', 'EnableKey'), event('kms.amazonaws.com', 'CancelKeyDeletion'), event('cloudhsm.amazonaws.com', 'DisableKey')],
  },
  CisS3BucketPolicyChanges: {
    match: ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketReplication'].map((n) => event('s3.amazonaws.com', n)),
    miss: [event('s3.amazonaws.com', 'GetBucketPolicy'), event('s3.amazonaws.com', 'PutObject'), event('s3-outposts.amazonaws.com', 'PutBucketPolicy')],
  },
  CisConfigChanges: {
    match: ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'].map((n) => event('config.amazonaws.com', n)),
    miss: [event('config.amazonaws.com', 'StartConfigurationRecorder'), event('config.amazonaws.com', 'PutEvaluations')],
  },
  CisSecurityGroupChanges: {
    match: ['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup'].map((n) => event('ec2.amazonaws.com', n)),
    miss: [event('ec2.amazonaws.com', 'DescribeSecurityGroups')],
  },
  CisNetworkAclChanges: {
    match: ['CreateNetworkAclEntry', 'ReplaceNetworkAclAssociation', 'DeleteNetworkAcl'].map((n) => event('ec2.amazonaws.com', n)),
    miss: [event('ec2.amazonaws.com', 'DescribeNetworkAcls'), event('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress')],
  },
  CisNetworkGatewayChanges: {
    match: ['CreateCustomerGateway', 'AttachInternetGateway', 'DetachInternetGateway', 'DeleteInternetGateway'].map((n) => event('ec2.amazonaws.com', n)),
    miss: [event('ec2.amazonaws.com', 'DescribeInternetGateways'), event('ec2.amazonaws.com', 'CreateRoute')],
  },
  CisRouteTableChanges: {
    match: ['CreateRoute', 'ReplaceRoute', 'DeleteRouteTable', 'DisassociateRouteTable'].map((n) => event('ec2.amazonaws.com', n)),
    miss: [event('ec2.amazonaws.com', 'DescribeRouteTables'), event('ec2.amazonaws.com', 'CreateVpc')],
  },
  CisVpcChanges: {
    match: ['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection'].map((n) => event('ec2.amazonaws.com', n)),
    miss: [event('ec2.amazonaws.com', 'DescribeVpcs'), event('ec2.amazonaws.com', 'CreateSubnet')],
  },
  CisOrganizationsChanges: {
    match: ['CreateAccount', 'AttachPolicy', 'LeaveOrganization', 'MoveAccount', 'UpdatePolicy'].map((n) => event('organizations.amazonaws.com', n)),
    miss: [event('organizations.amazonaws.com', 'ListAccounts'), event('iam.amazonaws.com', 'AttachPolicy'), event('iam.amazonaws.com', 'CreatePolicy')],
  },
};

describe('the patterns match the CloudTrail events they are for', () => {
  test('every entry has samples', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(CIS_ALARMS.map((a) => a.id).sort());
  });

  test.each(CIS_ALARMS.map((a) => [a.id, a] as const))('%s', (id, alarm) => {
    const matches = compileFilterPattern(alarm.filterPattern);
    expect(SAMPLES[id].match.length).toBeGreaterThan(0);
    expect(SAMPLES[id].miss.length).toBeGreaterThan(0);
    for (const e of SAMPLES[id].match) expect([id, e, matches(e)]).toEqual([id, e, true]);
    for (const e of SAMPLES[id].miss) expect([id, e, matches(e)]).toEqual([id, e, false]);
  });

  test("the root-usage pattern (RootLoginNotification, CIS 4.3) too, and the CIS alarms don't repeat it", () => {
    const root = compileFilterPattern(ROOT_USAGE_FILTER_PATTERN);
    expect(root(event('s3.amazonaws.com', 'ListBuckets', { userIdentity: { type: 'Root' } }))).toBe(true);
    expect(root(event('s3.amazonaws.com', 'ListBuckets', { userIdentity: { type: 'Root', invokedBy: 'cloudtrail.amazonaws.com' } }))).toBe(false);
    expect(root(event('s3.amazonaws.com', 'ListBuckets'))).toBe(false);
    expect(CIS_ALARMS.map((a) => a.filterPattern)).not.toContain(ROOT_USAGE_FILTER_PATTERN);
  });
});

describe('FinTechAccountBaseline', () => {
  test('a metric filter on the trail log group and an alarm to the topic for each entry', () => {
    expect(cisResources(template, 'AWS::Logs::MetricFilter')).toHaveLength(CIS_ALARMS.length);
    expect(cisResources(template, 'AWS::CloudWatch::Alarm')).toHaveLength(CIS_ALARMS.length);
    expect(Object.keys(baseline.cisAlarms)).toEqual(CIS_ALARMS.map((a) => a.id));
    const logGroup = baseline.resolve((baseline.trail!.logGroup!.node.defaultChild as any).logicalId);
    const topic = baseline.resolve((baseline.topic.node.defaultChild as any).logicalId);
    for (const a of CIS_ALARMS) {
      template.hasResource('AWS::Logs::MetricFilter', {
        Properties: {
          FilterPattern: a.filterPattern,
          LogGroupName: { Ref: logGroup },
          MetricTransformations: [{ MetricNamespace: 'FinTechGuardrails', MetricName: a.id, MetricValue: '1', DefaultValue: 0 }],
        },
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'FinTechGuardrails',
        MetricName: a.id,
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topic }],
        AlarmDescription: `${cisAlarmText(a).en} / ${cisAlarmText(a).ja}`,
      });
    }
  });

  test('construct IDs `<id>Filter` and `<id>Alarm` at the stack root', () => {
    for (const a of CIS_ALARMS) {
      expect(baseline.node.tryFindChild(`${a.id}Filter`)).toBeDefined();
      expect(baseline.node.tryFindChild(`${a.id}Alarm`)).toBe(baseline.cisAlarms[a.id]);
    }
  });

  test('every alarm description is bilingual and names its items and its CIS recommendation', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm');
    for (const a of CIS_ALARMS) {
      const [alarm] = Object.values(alarms).filter((r) => r.Properties.MetricName === a.id);
      const d: string = alarm.Properties.AlarmDescription;
      expect(d).toContain(a.title.en);
      expect(d).toContain(a.title.ja);
      expect(d).toContain(`CIS AWS Foundations ${a.cis}`);
      for (const item of a.items) expect(d).toContain(item);
    }
  });

  test('one topic-policy statement lets exactly the CIS alarms publish; the existing statements stay', () => {
    const statements = topicStatements(template);
    const sids = statements.map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['AllowPublishThroughSSLOnly', 'AllowRootUsageAlarmToPublish', 'AllowAdministratorRoleUsedAlarmToPublish']));
    expect(sids.filter((s) => /^AllowCis/.test(s ?? ''))).toEqual([CIS_ALARMS_PUBLISH_SID]);
    const cis = statements.find((s) => s.Sid === CIS_ALARMS_PUBLISH_SID);
    const alarmIds = cisResources(template, 'AWS::CloudWatch::Alarm');
    expect(cis).toEqual({
      Sid: CIS_ALARMS_PUBLISH_SID,
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: expect.anything(),
      Condition: {
        ArnLike: { 'aws:SourceArn': alarmIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })) },
        StringEquals: { 'aws:SourceAccount': ENV.account },
      },
    });
    // SNS allows a 30 KB topic policy; even with every ARN written out the statement stays small.
    expect(JSON.stringify(statements).length + alarmIds.length * 120).toBeLessThan(10 * 1024);
    expect(statements.length).toBeLessThanOrEqual(8);
  });

  test('cisAlarms: false deploys none of them and no statement for them', () => {
    expect(cisResources(withoutProp, 'AWS::Logs::MetricFilter')).toEqual([]);
    expect(cisResources(withoutProp, 'AWS::CloudWatch::Alarm')).toEqual([]);
    expect(topicStatements(withoutProp).map((s) => s.Sid)).not.toContain(CIS_ALARMS_PUBLISH_SID);
    // The rest of the watch is still there.
    withoutProp.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'RootAccountUsage' });
  });

  test('without a trail log group (accountTrail: false) nothing is created', () => {
    expect(cisResources(withoutTrail, 'AWS::Logs::MetricFilter')).toEqual([]);
    expect(cisResources(withoutTrail, 'AWS::CloudWatch::Alarm')).toEqual([]);
    withoutTrail.resourceCountIs('AWS::Logs::MetricFilter', 0);
    expect(topicStatements(withoutTrail).map((s) => s.Sid)).not.toContain(CIS_ALARMS_PUBLISH_SID);
  });

  test("the organization form puts them on the organization trail's CloudWatch Logs copy", () => {
    expect(cisResources(orgTemplate, 'AWS::Logs::MetricFilter')).toHaveLength(CIS_ALARMS.length);
    for (const a of CIS_ALARMS) {
      orgTemplate.hasResourceProperties('AWS::Logs::MetricFilter', {
        FilterPattern: a.filterPattern,
        LogGroupName: { Ref: Match.stringLikeRegexp('^OrganizationTrailLogs') },
      });
    }
    const member = JSON.stringify(organization.memberTemplate);
    for (const a of CIS_ALARMS) expect(member).not.toContain(`${a.id}Filter`);
  });
});
