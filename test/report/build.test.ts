import * as path from 'path';
import { CHAPTERS, ITEMS } from '../../lib/catalog';
import {
  AttestationFile, buildComplianceReport, CONSTRUCT_MARKER_KEY, constructMarker, findConstructs, ItemStatus, localDate, ReportItem,
  STATUS_ORDER,
} from '../../lib/report';
import { ItemDecision, resolveItemLevels } from '../../packs/engine/levels';
import { loadInputs } from '../../packs/engine/load';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, RuleDefinition } from '../../packs/engine/rule';
import { runRules } from '../../packs/engine/runner';
import { CfnTemplate, TemplateModel } from '../../packs/engine/template';
import { S3BucketEncrypted } from '../../packs/rules/s3/S3BucketEncrypted';
import { cfn } from '../helpers/rules';

const NOW = new Date(2026, 10, 26, 12, 0, 0); // 2026-11-26, local time
const FIXTURES = path.join(__dirname, 'fixtures');

const KMS = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] };
const bucket = (extra: Record<string, unknown> = {}) => ({ Type: 'AWS::S3::Bucket', ...extra });
const ack = (id: string, reason: string) => ({ 'fintech-guardrails': { acknowledged: [{ id, reason }] } });

/** A rule over S3 buckets for chosen items: non-compliant when the bucket has the tag `bad`. */
function taggedRule(id: string, items: string[]): RuleDefinition {
  return defineRule({
    id,
    name: `Test${id.replace(/\W/g, '')}`,
    items,
    resourceTypes: ['AWS::S3::Bucket'],
    info: { en: 'test rule', ja: 'テスト用ルール' },
    explanation: { en: 'test', ja: 'テスト' },
    fix: { en: 'remove the tag', ja: 'タグを外す' },
    check(r) {
      if (r.type !== 'AWS::S3::Bucket') return NOT_APPLICABLE;
      const tags = (r.properties.Tags as { Key: string }[] | undefined) ?? [];
      return tags.some((t) => t.Key === 'bad') ? nonCompliant('tagged bad') : COMPLIANT;
    },
  });
}

interface Options {
  rules?: RuleDefinition[];
  decisions?: Record<string, ItemDecision>;
  attestations?: AttestationFile;
  now?: Date;
  decisionSource?: string;
}

function report(templates: CfnTemplate | CfnTemplate[], opts: Options = {}) {
  const list = Array.isArray(templates) ? templates : [templates];
  const inputs = list.map((t, i) => ({ model: new TemplateModel(t, `t${i}.json`), stack: `Stack${i}` }));
  const rules = opts.rules ?? [S3BucketEncrypted];
  const evaluation = runRules(inputs, { rules, levels: resolveItemLevels(opts.decisions ?? {}) });
  return buildComplianceReport({
    evaluation, rules, attestations: opts.attestations, now: opts.now ?? NOW, constructsFound: findConstructs(inputs),
    decisionSource: opts.decisionSource, version: '9.9.9',
  });
}

function item(r: { items: readonly ReportItem[] }, id: string): ReportItem {
  const found = r.items.find((i) => i.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

const att = (item: string, date: string, until: string, confirmedBy = 'Taro Yamada (CTO)') =>
  ({ item, confirmedBy, date, evidence: `Evidence for ${item}`, until });

describe('buildComplianceReport: one row per catalog item', () => {
  test('54 rows in catalog order, every status from the fixed set, counts add up', () => {
    const r = report(cfn({ B: bucket() }));
    expect(r.items.map((i) => i.id)).toEqual(ITEMS.map((i) => i.id));
    expect(r.items).toHaveLength(54);
    for (const i of r.items) expect(STATUS_ORDER).toContain(i.status);
    const sum = (c: Record<ItemStatus, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(sum(r.summary.byStatus)).toBe(54);
    expect(r.summary.total).toBe(54);
    expect(r.summary.byChapter.map((c) => c.chapter)).toEqual(CHAPTERS.map((c) => c.id));
    expect(r.summary.byChapter.reduce((n, c) => n + c.total, 0)).toBe(54);
    for (const c of r.summary.byChapter) expect(sum(c.byStatus)).toBe(c.total);
    for (const risk of r.summary.byRisk) expect(risk.total).toBe(ITEMS.filter((i) => i.cia.includes(risk.risk)).length);
    expect(r.summary.byLevel.mandatory.total + r.summary.byLevel.selectable.total).toBe(54);
    expect(r.summary.asOf).toBe('2026-11-26');
    expect(r.summary.tool).toEqual({ name: 'fintech-guardrails', version: '9.9.9' });
  });

  test('rows carry the catalog data: chapter, both texts, level, effective level, risk types, coverage', () => {
    const row = item(report(cfn({})), 'CA-1');
    const cat = ITEMS.find((i) => i.id === 'CA-1')!;
    expect(row).toMatchObject({ chapter: 'CA', level: 'mandatory', effectiveLevel: 'error', decidedBy: 'guideline', cia: cat.cia, coverage: cat.coverage });
    expect(row.text).toEqual({ ja: cat.ja, en: cat.en });
    expect(item(report(cfn({})), 'DM-3')).toMatchObject({ level: 'selectable', effectiveLevel: 'warning' });
  });
});

describe('status: fail', () => {
  test('an open finding fails every item of the rule, listing resource, path, file and rule', () => {
    const r = report(cfn({ Bucket: bucket({ Metadata: { 'aws:cdk:path': 'Stack0/Bucket/Resource' } }) }));
    for (const id of ['DM-1', 'DM-2']) {
      const row = item(r, id);
      expect(row.status).toBe('fail');
      expect(row.basis).toBe('open-findings');
      expect(row.resources).toEqual([expect.objectContaining({
        file: 't0.json', stack: 'Stack0', logicalId: 'Bucket', path: 'Stack0/Bucket/Resource', ruleId: 'FTG-S3-1',
        resourceType: 'AWS::S3::Bucket', level: 'error', finding: 'non-compliant',
      })]);
      expect(row.resources[0].acknowledged).toBeUndefined();
      expect(row.rules).toEqual([expect.objectContaining({ id: 'FTG-S3-1', name: 'S3BucketEncrypted', ran: true, applicable: 1, compliant: 0, open: 1, acknowledged: 0 })]);
    }
    expect(r.summary.needsAction).toBeGreaterThanOrEqual(2);
    expect(r.summary.openFindings).toBe(1);
  });

  test('one open finding among acknowledged ones still fails', () => {
    const r = report(cfn({ A: bucket({ Metadata: ack('FTG-S3-1', 'public assets') }), B: bucket() }));
    expect(item(r, 'DM-1').status).toBe('fail');
    expect(item(r, 'DM-1').resources).toHaveLength(2);
    expect(item(r, 'DM-1').reasons).toEqual([expect.objectContaining({ kind: 'acknowledgment', reason: 'public assets', ruleId: 'FTG-S3-1', resource: 'A' })]);
  });

  test('a rule failure wins over a valid attestation', () => {
    const rule = taggedRule('T-CA5', ['CA-5']);
    const r = report(cfn({ B: bucket({ Properties: { Tags: [{ Key: 'bad', Value: '1' }] } }) }), {
      rules: [rule], attestations: { attestations: [att('CA-5', '2026-01-01', '2027-01-01')] },
    });
    expect(item(r, 'CA-5').status).toBe('fail');
    expect(item(r, 'CA-5').attestation).toMatchObject({ state: 'valid' });
  });

  test('unverifiable findings are open: fail', () => {
    const t = cfn({ B: bucket({ Properties: { BucketEncryption: { Ref: 'Enc' } } }) }, { Parameters: { Enc: { Type: 'String' } } });
    const row = item(report(t), 'DM-1');
    expect(row.status).toBe('fail');
    expect(row.resources[0].finding).toBe('unverifiable');
  });
});

describe('status: acknowledged', () => {
  test('all findings acknowledged: each reason and where it was given', () => {
    const r = report(cfn({ Assets: bucket({ Metadata: ack('FTG-S3-1', 'Public web assets, no customer data') }) }));
    const row = item(r, 'DM-1');
    expect(row.status).toBe('acknowledged');
    expect(row.basis).toBe('all-acknowledged');
    expect(row.reasons).toEqual([{
      kind: 'acknowledgment', reason: 'Public web assets, no customer data', where: 'template metadata fintech-guardrails', ruleId: 'FTG-S3-1', resource: 'Assets',
    }]);
    expect(row.resources[0].acknowledged).toEqual({ id: 'FTG-S3-1', reason: 'Public web assets, no customer data', where: 'template metadata fintech-guardrails' });
    expect(row.rules[0]).toMatchObject({ open: 0, acknowledged: 1 });
    expect(r.summary.acknowledgedFindings).toBe(1);
  });

  test('the CDK form FinTechChecks::ID is honoured too', () => {
    const r = report(cfn({ Assets: bucket({ Metadata: ack('FinTechChecks::FTG-S3-1', 'Public web assets') }) }));
    expect(item(r, 'DM-2').status).toBe('acknowledged');
  });
});

describe('status: pass', () => {
  test('the rule ran on a resource and found nothing open', () => {
    const row = item(report(cfn({ B: bucket({ Properties: { BucketEncryption: KMS } }) })), 'DM-1');
    expect(row.status).toBe('pass');
    expect(row.basis).toBe('rules-applied');
    expect(row.resources).toEqual([]);
    expect(row.rules[0]).toMatchObject({ applicable: 1, compliant: 1, open: 0 });
  });

  test('a rule+attest item is decided by the rule when it applied (the attestation is still shown)', () => {
    const rule = taggedRule('T-CA5', ['CA-5']);
    const r = report(cfn({ B: bucket() }), { rules: [rule], attestations: { attestations: [att('CA-5', '2024-01-01', '2025-01-01')] } });
    expect(item(r, 'CA-5').status).toBe('pass');
    expect(item(r, 'CA-5').attestation).toMatchObject({ state: 'expired', until: '2025-01-01' });
  });

  test('no rule applied, but a construct that covers the item carries a marker', () => {
    const t = cfn({ Rule: { Type: 'AWS::Events::Rule', Metadata: { [CONSTRUCT_MARKER_KEY]: constructMarker('RootLoginNotification', ['CA-3', 'LA-4'], 'baseline') } } });
    const row = item(report(t), 'CA-3');
    expect(row.status).toBe('pass');
    expect(row.basis).toBe('construct-found');
    expect(row.constructs).toEqual([{ construct: 'RootLoginNotification', kind: 'baseline', source: 'marker', locations: [{ file: 't0.json', stack: 'Stack0', logicalId: 'Rule' }] }]);
  });
});

describe('status: turned-off', () => {
  test('the team turned a selectable item off: the reason is recorded with where it was given', () => {
    const r = report(cfn({}), {
      decisions: { 'BP-4': { level: 'off', reason: 'Not a web service: API only, no browsers' } },
      decisionSource: '--config decisions.json',
    });
    const row = item(r, 'BP-4');
    expect(row).toMatchObject({ status: 'turned-off', basis: 'team-decision', effectiveLevel: 'off', decidedBy: 'team' });
    expect(row.reasons).toEqual([{ kind: 'team-decision', reason: 'Not a web service: API only, no browsers', where: '--config decisions.json' }]);
  });

  test('turned-off wins over findings of a rule shared with another item, which still fails', () => {
    const rule = taggedRule('T-SHARED', ['DM-1', 'BP-4']);
    const r = report(cfn({ B: bucket({ Properties: { Tags: [{ Key: 'bad', Value: '1' }] } }) }), {
      rules: [rule], decisions: { 'BP-4': { level: 'off', reason: 'Not a web service: API only' } },
    });
    expect(item(r, 'BP-4').status).toBe('turned-off');
    expect(item(r, 'DM-1').status).toBe('fail');
  });

  test('a rule whose only item is off does not run', () => {
    const rule = taggedRule('T-DM3', ['DM-3']);
    const r = report(cfn({ B: bucket({ Properties: { Tags: [{ Key: 'bad', Value: '1' }] } }) }), {
      rules: [rule], decisions: { 'DM-3': { level: 'off', reason: 'No database in this service at all' } },
    });
    expect(item(r, 'DM-3').status).toBe('turned-off');
    expect(item(r, 'DM-3').rules).toEqual([expect.objectContaining({ id: 'T-DM3', ran: false, applicable: 0 })]);
  });

  test('a raised item keeps its status and shows the decision', () => {
    const r = report(cfn({ B: bucket({ Properties: { BucketEncryption: KMS } }) }), {
      decisions: { 'DM-3': { level: 'error', reason: 'Bank contract requires managed databases' } },
    });
    expect(item(r, 'DM-3')).toMatchObject({ effectiveLevel: 'error', decidedBy: 'team' });
    expect(item(r, 'DM-3').reasons[0].kind).toBe('team-decision');
  });
});

describe('status: attested / attestation-missing / attestation-expired', () => {
  test('attest-only item with no attestation: missing', () => {
    const row = item(report(cfn({})), 'AS-1');
    expect(row.status).toBe('attestation-missing');
    expect(row.basis).toBe('attestation-none');
    expect(row.attestation).toBeUndefined();
  });

  test('valid attestation: attested, with who, when, evidence, until, file and line', () => {
    const file: AttestationFile = { file: 'fintech-attestations.yaml', attestations: [{ ...att('AS-1', '2026-04-01', '2027-03-31'), line: 2 }] };
    const row = item(report(cfn({}), { attestations: file }), 'AS-1');
    expect(row.status).toBe('attested');
    expect(row.attestation).toEqual({
      confirmedBy: 'Taro Yamada (CTO)', date: '2026-04-01', evidence: 'Evidence for AS-1', until: '2027-03-31', state: 'valid',
      file: 'fintech-attestations.yaml', line: 2,
    });
  });

  test('until is inclusive: valid on its last day, expired the day after', () => {
    const a = { attestations: [att('AS-1', '2026-01-01', '2026-11-26')] };
    expect(item(report(cfn({}), { attestations: a }), 'AS-1').status).toBe('attested');
    expect(item(report(cfn({}), { attestations: a, now: new Date(2026, 10, 27, 0, 5) }), 'AS-1').status).toBe('attestation-expired');
  });

  test('until before now: expired', () => {
    const row = item(report(cfn({}), { attestations: { attestations: [att('AS-2', '2025-06-30', '2026-06-29')] } }), 'AS-2');
    expect(row.status).toBe('attestation-expired');
    expect(row.attestation?.state).toBe('expired');
  });

  test('dated after the report date: not yet valid, so missing', () => {
    const row = item(report(cfn({}), { attestations: { attestations: [att('AS-1', '2026-12-01', '2027-12-01')] } }), 'AS-1');
    expect(row.status).toBe('attestation-missing');
    expect(row.basis).toBe('attestation-not-yet-valid');
  });

  test('several attestations of one item: the valid one with the latest until speaks', () => {
    const a = { attestations: [att('AS-1', '2025-04-01', '2026-03-31', 'Old'), att('AS-1', '2026-04-01', '2027-03-31', 'New'), att('AS-1', '2026-05-01', '2026-12-31', 'Mid')] };
    expect(item(report(cfn({}), { attestations: a }), 'AS-1').attestation?.confirmedBy).toBe('New');
    const expiredOnly = { attestations: [att('AS-1', '2024-04-01', '2025-03-31', 'Older'), att('AS-1', '2025-04-01', '2026-03-31', 'Old')] };
    expect(item(report(cfn({}), { attestations: expiredOnly }), 'AS-1').attestation?.confirmedBy).toBe('Old');
  });

  test('a rule+attest item where no rule applied is decided by the attestation', () => {
    const rule = taggedRule('T-CA5', ['CA-5']);
    expect(item(report(cfn({}), { rules: [rule] }), 'CA-5').status).toBe('attestation-missing');
    const r = report(cfn({}), { rules: [rule], attestations: { attestations: [att('CA-5', '2026-01-01', '2027-01-01')] } });
    expect(item(r, 'CA-5').status).toBe('attested');
  });

  test('an attest item covered by a construct still needs its attestation (the construct is listed)', () => {
    const t = cfn({ Fn: { Type: 'AWS::Lambda::Function', Metadata: { [CONSTRUCT_MARKER_KEY]: constructMarker('ReconciliationCheck', ['EX-2']) } } });
    const row = item(report(t), 'EX-2');
    expect(row.status).toBe('attestation-missing');
    expect(row.constructs.map((c) => c.construct)).toEqual(['ReconciliationCheck']);
  });

  test('a baseline item not in these templates can be attested (e.g. deployed in another account)', () => {
    const row = item(report(cfn({}), { attestations: { attestations: [att('CA-3', '2026-01-01', '2027-01-01')] } }), 'CA-3');
    expect(row.status).toBe('attested');
  });

  test('an acknowledged rule finding wins over an expired attestation', () => {
    const rule = taggedRule('T-CA5', ['CA-5']);
    const r = report(cfn({ B: bucket({ Properties: { Tags: [{ Key: 'bad', Value: '1' }] }, Metadata: ack('T-CA5', 'legacy bucket, removal planned') }) }), {
      rules: [rule], attestations: { attestations: [att('CA-5', '2024-01-01', '2025-01-01')] },
    });
    expect(item(r, 'CA-5').status).toBe('acknowledged');
  });
});

describe('status: not-applicable', () => {
  test('no resource the item\'s rules look at, and no attestation needed', () => {
    const r = report(cfn({ K: { Type: 'AWS::KMS::Key' } }));
    for (const id of ['DM-1', 'DM-2', 'DM-3', 'BP-1']) {
      expect(item(r, id).status).toBe('not-applicable');
      expect(item(r, id).basis).toBe('nothing-applies');
    }
    expect(item(r, 'DM-1').rules[0]).toMatchObject({ ran: true, applicable: 0 });
  });
});

describe('constructs found', () => {
  test('markers: one object or a list; malformed markers are ignored', () => {
    const t = cfn({
      A: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: KMS }, Metadata: { 'aws:cdk:path': 'S/Archive/Bucket/Resource', [CONSTRUCT_MARKER_KEY]: { construct: 'WriteOnceLogArchive', items: ['LA-1', 'EX-1', 'DM-1'] } } },
      B: { Type: 'AWS::SNS::Topic', Metadata: { [CONSTRUCT_MARKER_KEY]: [{ construct: 'ChangeAlerts', items: ['LA-3'], kind: 'baseline' }, { construct: 'OpsAlarms', items: ['OP-1'] }] } },
      C: { Type: 'AWS::SNS::Topic', Metadata: { [CONSTRUCT_MARKER_KEY]: { construct: 'Broken', items: 'LA-4' } } },
      D: { Type: 'AWS::SNS::Topic', Metadata: { [CONSTRUCT_MARKER_KEY]: 'nonsense' } },
    });
    const r = report(t);
    expect(item(r, 'LA-1').constructs).toEqual([{ construct: 'WriteOnceLogArchive', kind: 'construct', source: 'marker', locations: [{ file: 't0.json', stack: 'Stack0', logicalId: 'A', path: 'S/Archive/Bucket/Resource' }] }]);
    expect(item(r, 'EX-1').status).toBe('pass');
    expect(item(r, 'DM-1').status).toBe('pass'); // the rule passed; the construct is listed too
    expect(item(r, 'DM-1').constructs).toHaveLength(1);
    expect(item(r, 'LA-3')).toMatchObject({ status: 'pass', basis: 'construct-found' });
    expect(item(r, 'LA-3').constructs[0]).toMatchObject({ construct: 'ChangeAlerts', kind: 'baseline' });
    expect(item(r, 'OP-1').status).toBe('pass');
    expect(item(r, 'LA-4').status).toBe('not-applicable');
  });

  test('a known construct name in aws:cdk:path is recognised when there is no marker', () => {
    const t = cfn({
      K: { Type: 'AWS::KMS::Key', Metadata: { 'aws:cdk:path': 'App/Stack/EnvelopeEncryptionKey/Key/Resource' } },
      A: { Type: 'AWS::KMS::Alias', Metadata: { 'aws:cdk:path': 'App/Stack/EnvelopeEncryptionKey/Alias/Resource' } },
    });
    const found = findConstructs([{ model: new TemplateModel(t, 'x.json') }]);
    expect(found).toEqual([expect.objectContaining({ construct: 'EnvelopeEncryptionKey', path: 'App/Stack/EnvelopeEncryptionKey', source: 'path', items: ['NT-1', 'DM-1', 'DM-2'] })]);
    expect(item(report(t), 'NT-1')).toMatchObject({ status: 'pass', basis: 'construct-found' });
  });

  test('a construct given by the caller (construct tree) is used as is', () => {
    const evaluation = runRules([], { rules: [] });
    const r = buildComplianceReport({ evaluation, rules: [], now: NOW, constructsFound: [{ construct: 'WriteOnceLogArchive', items: ['LA-1'], path: 'App/Logs' }] });
    expect(item(r, 'LA-1').constructs).toEqual([{ construct: 'WriteOnceLogArchive', kind: 'construct', source: 'tree', locations: [{ path: 'App/Logs' }] }]);
  });

  test('constructMarker checks its input', () => {
    expect(() => constructMarker('not a name', ['LA-1'])).toThrow(/class name/);
    expect(() => constructMarker('X', [])).toThrow(/at least one/);
    expect(constructMarker('X', ['LA-1'])).toEqual({ construct: 'X', items: ['LA-1'] });
  });
});

describe('the report fixture app (cloud assembly)', () => {
  test('statuses from templates, decisions and attestations together', () => {
    const { templates } = loadInputs([path.join(FIXTURES, 'app')]);
    const inputs = templates.map((t) => ({ model: new TemplateModel(t.json, t.file), stack: t.stack }));
    const rules = [S3BucketEncrypted];
    const evaluation = runRules(inputs, { rules, levels: resolveItemLevels({ 'BP-4': { level: 'off', reason: 'Not a web service: API only, no browsers' } }) });
    const { parseAttestationFile } = require('../../lib/report') as typeof import('../../lib/report');
    const fs = require('fs') as typeof import('fs');
    const attestations = parseAttestationFile(fs.readFileSync(path.join(FIXTURES, 'attestations.yaml'), 'utf-8'), 'attestations.yaml');
    const r = buildComplianceReport({ evaluation, rules, attestations, now: NOW, constructsFound: findConstructs(inputs) });
    const status = (id: string) => item(r, id).status;
    expect(status('DM-1')).toBe('fail'); // LegacyExports uses SSE-S3
    expect(item(r, 'DM-1').resources.map((x) => [x.logicalId, !!x.acknowledged])).toEqual([['LegacyExports9F8E7D6C', false], ['PublicAssets5A4B3C2D', true]]);
    expect(status('BP-4')).toBe('turned-off');
    expect(status('AS-1')).toBe('attested');
    expect(status('AS-2')).toBe('attestation-expired');
    expect(status('AS-3')).toBe('attestation-missing');
    expect(status('CA-3')).toBe('pass'); // baseline marker
    expect(status('LA-1')).toBe('pass'); // WriteOnceLogArchive marker
    expect(item(r, 'NT-1').constructs[0].construct).toBe('EnvelopeEncryptionKey');
    expect(r.summary.attestations).toBe(7);
    expect(r.summary.attestationFile).toBe('attestations.yaml');
  });
});

test('localDate is the local calendar date', () => {
  expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
});
