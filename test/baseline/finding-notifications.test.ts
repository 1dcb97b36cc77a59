/**
 * The baseline's finding notifications (lib/baseline/parts/finding-notifications.ts): new CRITICAL/HIGH
 * Security Hub findings, NON_COMPLIANT AWS Config evaluations and AWS Health events, each to the
 * baseline's topic with a bilingual message naming its items.
 *
 * The patterns are checked against sample events shaped like the documented formats (Security Hub
 * "Security Hub Findings - Imported" with ASFF findings, AWS Config "Config Rules Compliance Change",
 * the AWS Health EventBridge schema) with a small matcher for the pattern syntax the rules use, and every
 * path of the messages' input transformers must exist in those samples.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BASELINE_PARTS, FINDING_NOTIFICATION_ITEMS, FinTechAccountBaseline } from '../../lib/baseline';
import { findItem } from '../../lib/catalog';
import { checkedApp, CheckedApp, logicalIdOf } from '../helpers/baseline';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };
const MANAGERS = ['security@example.co.jp'];
const RULE_IDS = ['SecurityHubFindingRule', 'ConfigNonCompliantRule', 'HealthEventRule'] as const;

let checked: CheckedApp;
let app: App;
let baseline: FinTechAccountBaseline;
let noHub: FinTechAccountBaseline;
let off: FinTechAccountBaseline;
let synthError: unknown;
let template: Template;
let noHubTemplate: Template;
let offTemplate: Template;

beforeAll(() => {
  checked = checkedApp('findings');
  app = checked.app;
  baseline = new FinTechAccountBaseline(app, 'Baseline', { env: ENV, managerEmails: MANAGERS });
  // Security Hub and Access Analyzer managed by another deployment.
  noHub = new FinTechAccountBaseline(app, 'NoHub', {
    env: ENV,
    managerEmails: MANAGERS,
    roleNamePrefix: 'NoHub',
    securityHub: false,
    accessAnalyzer: false,
    sessionLogging: false,
    globalEventForwarding: 'none',
  });
  off = new FinTechAccountBaseline(app, 'Off', {
    env: ENV,
    managerEmails: MANAGERS,
    roleNamePrefix: 'Off',
    findingNotifications: false,
    sessionLogging: false,
    globalEventForwarding: 'none',
  });
  synthError = checked.synthUnderChecks();
  template = Template.fromStack(baseline);
  noHubTemplate = Template.fromStack(noHub);
  offTemplate = Template.fromStack(off);
});

afterAll(() => {
  checked?.cleanup();
});

const logicalId = logicalIdOf;

function ruleResource(t: Template, stack: FinTechAccountBaseline, id: string): any {
  return t.toJSON().Resources[logicalId(stack.notificationRules[id])];
}

// ---- A small EventBridge matcher for the syntax the rules use ------------------------------------

function matchesValue(matcher: unknown, value: unknown): boolean {
  if (matcher !== null && typeof matcher === 'object') {
    const m = matcher as Record<string, any>;
    if ('anything-but' in m) {
      const but = m['anything-but'];
      if (value === undefined) return false;
      if (Array.isArray(but)) return !but.includes(value);
      if (but && typeof but === 'object' && 'prefix' in but) return typeof value === 'string' && !value.startsWith(but.prefix);
      return value !== but;
    }
    throw new Error(`matcher not supported by this test: ${JSON.stringify(m)}`);
  }
  return matcher === value;
}

/** Whether `event` matches `pattern` (arrays in the event match if any element does). */
function matches(pattern: Record<string, unknown>, event: unknown): boolean {
  return Object.entries(pattern).every(([key, p]) => {
    const value = (event as Record<string, unknown> | undefined)?.[key];
    const candidates = Array.isArray(value) ? value : [value];
    if (Array.isArray(p)) return candidates.some((v) => p.some((m) => matchesValue(m, v)));
    return candidates.some((v) => v !== null && typeof v === 'object' && matches(p as Record<string, unknown>, v));
  });
}

/** The value at an input-transformer path (`$.detail.findings[0].Title`). */
function at(event: unknown, jsonPath: string): unknown {
  const parts = jsonPath.replace(/^\$\.?/, '').split('.').flatMap((p) => p.split(/[[\]]/).filter((s) => s !== ''));
  return parts.reduce<any>((v, p) => (v === undefined || v === null ? undefined : v[/^\d+$/.test(p) ? Number(p) : p]), event);
}

// ---- Sample events, as the documented formats give them -----------------------------------------

function securityHubEvent(finding: Record<string, unknown> = {}): any {
  return {
    'version': '0',
    'id': 'e1',
    'detail-type': 'Security Hub Findings - Imported',
    'source': 'aws.securityhub',
    'account': ENV.account,
    'time': '2025-01-01T00:00:00Z',
    'region': ENV.region,
    'resources': ['arn:aws:securityhub:ap-northeast-1::product/aws/securityhub/arn:aws:securityhub:ap-northeast-1:123456789012:security-control/S3.1/finding/1'],
    'detail': {
      findings: [{
        SchemaVersion: '2018-10-08',
        Id: 'arn:aws:securityhub:ap-northeast-1:123456789012:security-control/S3.1/finding/1',
        ProductName: 'Security Hub',
        Title: 'S3 general purpose buckets should have block public access settings enabled',
        Severity: { Label: 'HIGH', Normalized: 70 },
        Workflow: { Status: 'NEW' },
        RecordState: 'ACTIVE',
        Resources: [{ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' }],
        ...finding,
      }],
    },
  };
}

function configEvent(detail: Record<string, unknown> = {}, complianceType = 'NON_COMPLIANT'): any {
  return {
    'detail-type': 'Config Rules Compliance Change',
    'source': 'aws.config',
    'account': ENV.account,
    'region': ENV.region,
    'detail': {
      resourceId: 'my-bucket',
      awsRegion: ENV.region,
      awsAccountId: ENV.account,
      configRuleName: 'iam-user-mfa-enabled',
      recordVersion: '1.0',
      configRuleARN: 'arn:aws:config:ap-northeast-1:123456789012:config-rule/config-rule-abc',
      messageType: 'ComplianceChangeNotification',
      newEvaluationResult: {
        evaluationResultIdentifier: {
          evaluationResultQualifier: { configRuleName: 'iam-user-mfa-enabled', resourceType: 'AWS::IAM::User', resourceId: 'my-bucket' },
          orderingTimestamp: '2025-01-01T00:00:00.000Z',
        },
        complianceType,
        resultRecordedTime: '2025-01-01T00:00:01.000Z',
        configRuleInvokedTime: '2025-01-01T00:00:00.500Z',
        annotation: 'MFA is not enabled.',
      },
      oldEvaluationResult: { complianceType: 'COMPLIANT' },
      notificationCreationTime: '2025-01-01T00:00:02.000Z',
      resourceType: 'AWS::IAM::User',
      ...detail,
    },
  };
}

function healthEvent(detailType = 'AWS Health Event'): any {
  return {
    'detail-type': detailType,
    'source': 'aws.health',
    'account': ENV.account,
    'region': ENV.region,
    'resources': ['i-1234567890abcdef0'],
    'detail': {
      eventArn: 'arn:aws:health:ap-northeast-1::event/EC2/AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED/AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED_1',
      service: 'EC2',
      eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED',
      eventTypeCategory: 'scheduledChange',
      eventScopeCode: 'ACCOUNT_SPECIFIC',
      communicationId: 'c1',
      startTime: 'Mon, 6 Jan 2025 00:00:00 GMT',
      lastUpdatedTime: 'Mon, 6 Jan 2025 00:00:00 GMT',
      statusCode: 'upcoming',
      eventRegion: ENV.region,
      eventDescription: [{ language: 'en_US', latestDescription: 'An instance is scheduled for retirement.' }],
      affectedEntities: [{ entityValue: 'i-1234567890abcdef0' }],
    },
  };
}

function patternOf(t: Template, stack: FinTechAccountBaseline, id: string): Record<string, unknown> {
  return ruleResource(t, stack, id).Properties.EventPattern;
}

describe('synthesis', () => {
  test('no unsuppressed finding under FinTechChecks and AwsSolutionsChecks', () => {
    const violations = checked.violations();
    if (synthError || violations.length) throw new Error(`synthesis: ${String(synthError)}\n${violations.join('\n')}`);
    expect(violations).toEqual([]);
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  test('the rules exist by default, in the baseline\'s notification rules and as public fields', () => {
    for (const id of RULE_IDS) expect(baseline.notificationRules[id]).toBeDefined();
    expect(baseline.securityHubFindingRule).toBe(baseline.notificationRules.SecurityHubFindingRule);
    expect(baseline.configNonCompliantRule).toBe(baseline.notificationRules.ConfigNonCompliantRule);
    expect(baseline.healthEventRule).toBe(baseline.notificationRules.HealthEventRule);
  });
});

describe('Security Hub findings (OP-2, DM-5, CF-3)', () => {
  test('new, active CRITICAL and HIGH findings only, GuardDuty and Access Analyzer left to their own rules', () => {
    expect(patternOf(template, baseline, 'SecurityHubFindingRule')).toEqual({
      'source': ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      'detail': {
        findings: {
          Severity: { Label: ['CRITICAL', 'HIGH'] },
          Workflow: { Status: ['NEW'] },
          RecordState: ['ACTIVE'],
          ProductName: [{ 'anything-but': ['GuardDuty', 'IAM Access Analyzer'] }],
        },
      },
    });
  });

  test('the pattern matches what it should, and nothing else', () => {
    const p = patternOf(template, baseline, 'SecurityHubFindingRule');
    expect(matches(p, securityHubEvent())).toBe(true);
    expect(matches(p, securityHubEvent({ Severity: { Label: 'CRITICAL' } }))).toBe(true);
    expect(matches(p, securityHubEvent({ ProductName: 'Inspector' }))).toBe(true);
    expect(matches(p, securityHubEvent({ Severity: { Label: 'MEDIUM' } }))).toBe(false);
    expect(matches(p, securityHubEvent({ Workflow: { Status: 'NOTIFIED' } }))).toBe(false);
    expect(matches(p, securityHubEvent({ Workflow: { Status: 'SUPPRESSED' } }))).toBe(false);
    expect(matches(p, securityHubEvent({ RecordState: 'ARCHIVED' }))).toBe(false);
    expect(matches(p, securityHubEvent({ ProductName: 'GuardDuty' }))).toBe(false);
    expect(matches(p, securityHubEvent({ ProductName: 'IAM Access Analyzer' }))).toBe(false);
    expect(matches(p, { ...securityHubEvent(), 'detail-type': 'Security Hub Findings - Custom Action' })).toBe(false);
  });

  test('made with securityHub: false too; Access Analyzer findings come through Security Hub when the baseline has no analyzer', () => {
    expect(noHub.securityHub).toBeUndefined();
    const p = patternOf(noHubTemplate, noHub, 'SecurityHubFindingRule');
    expect((p.detail as any).findings.ProductName).toEqual([{ 'anything-but': ['GuardDuty'] }]);
    expect(matches(p, securityHubEvent({ ProductName: 'IAM Access Analyzer' }))).toBe(true);
    expect(noHub.notificationRules.AccessAnalyzerFindingRule).toBeUndefined();
  });
});

describe('AWS Config compliance (LA-3, CM-4, OP-2)', () => {
  test('NON_COMPLIANT evaluations of every rule but Security Hub\'s own', () => {
    expect(patternOf(template, baseline, 'ConfigNonCompliantRule')).toEqual({
      'source': ['aws.config'],
      'detail-type': ['Config Rules Compliance Change'],
      'detail': {
        messageType: ['ComplianceChangeNotification'],
        configRuleName: [{ 'anything-but': { prefix: 'securityhub-' } }],
        newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
      },
    });
    const p = patternOf(template, baseline, 'ConfigNonCompliantRule');
    expect(matches(p, configEvent())).toBe(true);
    expect(matches(p, configEvent({ configRuleName: 'fintech-ca-2' }))).toBe(true);
    expect(matches(p, configEvent({}, 'COMPLIANT'))).toBe(false);
    expect(matches(p, configEvent({}, 'NOT_APPLICABLE'))).toBe(false);
    expect(matches(p, configEvent({ configRuleName: 'securityhub-s3-bucket-level-public-access-prohibited-abc123' }))).toBe(false);
  });
});

describe('AWS Health (OP-1, OP-2, CF-1)', () => {
  test('every AWS Health event and abuse event', () => {
    const p = patternOf(template, baseline, 'HealthEventRule');
    expect(p).toEqual({ 'source': ['aws.health'], 'detail-type': ['AWS Health Event', 'AWS Health Abuse Event'] });
    expect(matches(p, healthEvent())).toBe(true);
    expect(matches(p, healthEvent('AWS Health Abuse Event'))).toBe(true);
    expect(matches(p, { ...healthEvent(), 'detail-type': 'AWS API Call via CloudTrail' })).toBe(false);
  });
});

describe('messages', () => {
  const cases: [string, keyof typeof FINDING_NOTIFICATION_ITEMS, () => any, string[]][] = [
    ['SecurityHubFindingRule', 'securityHub', () => securityHubEvent(), ['【Security Hub】', '[Security Hub]', '重大度 / Severity: <', 'workflow status']],
    ['ConfigNonCompliantRule', 'config', () => configEvent(), ['【AWS Config】', '[AWS Config]', 'ルール / Rule: <', 'リソース / Resource: <']],
    ['HealthEventRule', 'health', () => healthEvent(), ['【AWS Health】', '[AWS Health]', 'サービス / Service: <', '説明 / Description: <']],
  ];

  test.each(cases)('%s goes to the topic with a bilingual message naming its items', (id, items, sample, fragments) => {
    const rule = ruleResource(template, baseline, id);
    expect(rule.Properties.Targets).toHaveLength(1);
    const target = rule.Properties.Targets[0];
    expect(target.Arn).toEqual({ Ref: logicalId(baseline.topic) });
    const text: string = target.InputTransformer.InputTemplate;
    for (const f of fragments) expect(text).toContain(f);
    expect(text).toMatch(/[\u3040-\u30ff]/); // Japanese
    expect(text).toContain(`FinTech Association of Japan guideline: ${FINDING_NOTIFICATION_ITEMS[items].join(', ')}`);
    for (const item of FINDING_NOTIFICATION_ITEMS[items]) {
      expect(findItem(item)).toBeDefined();
      expect(rule.Properties.Description).toContain(item);
    }
    // Every value the message shows exists in an event of the documented shape.
    const event = sample();
    const paths = Object.values(target.InputTransformer.InputPathsMap as Record<string, string>);
    expect(paths.length).toBeGreaterThan(4);
    for (const p of paths) expect([p, at(event, p)]).toEqual([p, expect.anything()]);
  });

  test('the Config message names the rule and the resource', () => {
    const paths = Object.values(ruleResource(template, baseline, 'ConfigNonCompliantRule').Properties.Targets[0].InputTransformer.InputPathsMap);
    expect(paths).toEqual(expect.arrayContaining(['$.detail.configRuleName', '$.detail.resourceId', '$.detail.resourceType']));
  });

  test('the path helper can fail', () => {
    expect(at(securityHubEvent(), '$.detail.findings[0].Nope')).toBeUndefined();
    expect(at(securityHubEvent(), '$.detail.findings[0].Severity.Label')).toBe('HIGH');
  });
});

describe('delivery and protection', () => {
  test('the topic key lets EventBridge publish encrypted', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowNotifyingServicesToPublishEncrypted',
            Principal: { Service: Match.arrayWith(['events.amazonaws.com']) },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          }),
        ]),
      },
    });
  });

  test('the engineer cannot change or remove the rules', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const deny = statements.find((s: any) => s.Sid === 'DenyChangingNotificationRules');
    const arns = JSON.stringify(deny.Resource);
    for (const id of RULE_IDS) expect(arns).toContain(logicalId(baseline.notificationRules[id]));
  });
});

describe('findingNotifications: false', () => {
  test('makes none of the three rules and leaves the others', () => {
    for (const id of RULE_IDS) expect(off.notificationRules[id]).toBeUndefined();
    expect(off.securityHubFindingRule).toBeUndefined();
    expect(off.configNonCompliantRule).toBeUndefined();
    expect(off.healthEventRule).toBeUndefined();
    const patterns = Object.values(offTemplate.findResources('AWS::Events::Rule')).map((r: any) => JSON.stringify(r.Properties.EventPattern ?? {}));
    expect(patterns.some((p) => p.includes('Security Hub Findings - Imported'))).toBe(false);
    expect(patterns.some((p) => p.includes('Config Rules Compliance Change'))).toBe(false);
    expect(patterns.some((p) => p.includes('aws.health'))).toBe(false);
    expect(off.notificationRules.GuardDutyFindingRule).toBeDefined();
    expect(Object.keys(baseline.notificationRules).length - Object.keys(off.notificationRules).length).toBe(3);
  });
});

describe('BASELINE_PARTS', () => {
  test('lists the part with its items, resource types and prop', () => {
    const part = BASELINE_PARTS.find((p) => p.id === 'finding-notifications')!;
    expect(part).toBeDefined();
    expect(part.props).toEqual(['findingNotifications']);
    const all = new Set(Object.values(FINDING_NOTIFICATION_ITEMS).flat());
    expect([...part.items].sort()).toEqual([...all].sort());
    for (const type of part.resourceTypes) expect(Object.keys(template.findResources(type)).length).toBeGreaterThan(0);
    expect(part.name.ja && part.name.en && part.deploys.ja && part.deploys.en).toBeTruthy();
  });
});
