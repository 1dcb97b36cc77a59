import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BASELINE_FORMAT, BaselineError, compareWithBaseline, fingerprint, parseBaseline, readBaseline, readBaselineIfExists, serializeBaseline,
  stackName, updateBaseline, writeBaseline,
} from '../../packs/engine/findings-baseline';
import { InputError } from '../../packs/engine/load';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, unverifiable } from '../../packs/engine/rule';
import { Finding, runRules } from '../../packs/engine/runner';
import { CfnTemplate, TemplateModel } from '../../packs/engine/template';
import { S3BucketEncrypted } from '../../packs/rules/s3/S3BucketEncrypted';

const DAY1 = new Date(2026, 0, 10, 9, 0, 0); // 2026-01-10, local time
const DAY2 = new Date(2026, 1, 20, 23, 30, 0); // 2026-02-20
const KMS = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } };

/** An S3 bucket, optionally with its construct path in the metadata. */
const bucket = (cdkPath?: string, props: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
  Type: 'AWS::S3::Bucket',
  Properties: props,
  ...(cdkPath || Object.keys(metadata).length ? { Metadata: { ...(cdkPath ? { 'aws:cdk:path': cdkPath } : {}), ...metadata } } : {}),
});

/** A rule whose message text is chosen by the test: fingerprints must not depend on it. */
const worded = (text: string) => defineRule({
  id: 'FTG-TEST-9',
  name: 'Worded',
  items: ['DM-1'],
  resourceTypes: ['AWS::S3::Bucket'],
  info: { en: text, ja: text },
  explanation: { en: 'x', ja: 'x' },
  fix: { en: 'x', ja: 'x' },
  check: (r) => (r.type !== 'AWS::S3::Bucket' ? NOT_APPLICABLE : r.properties.Unknown ? unverifiable(`why ${text}`) : r.properties.Good ? COMPLIANT : nonCompliant(`detail ${text}`)),
});

function run(resources: Record<string, unknown>, opts: { stack?: string; file?: string; rules?: any[] } = {}): Finding[] {
  const json = { Resources: resources } as CfnTemplate;
  return runRules([{ model: new TemplateModel(json, opts.file ?? 'cdk.out/App.template.json'), stack: opts.stack ?? 'App' }], { rules: opts.rules ?? [S3BucketEncrypted] }).findings;
}

describe('fingerprint', () => {
  test('is stack + construct path + rule ID, and ignores message text and the order of resources', () => {
    const a = run({ Logs: bucket('App/Logs/Resource'), Data: bucket('App/Data/Resource') }, { rules: [worded('first wording')] });
    const b = run({ Data: bucket('App/Data/Resource'), Logs: bucket('App/Logs/Resource') }, { rules: [worded('completely different text')] });
    expect(a.map(fingerprint).sort()).toEqual(b.map(fingerprint).sort());
    expect(fingerprint(a[0])).toBe('FTG-TEST-9|App|path:App/Logs/Resource');
    // A line number is not part of it: the same finding in a reformatted file keeps its print.
    expect(fingerprint({ ...a[0], file: 'elsewhere/App.template.json' })).toBe(fingerprint(a[0]));
  });

  test('differs when the rule, the construct path or the stack differs', () => {
    const [f] = run({ Data: bucket('App/Data/Resource') });
    expect(fingerprint({ ...f, ruleId: 'FTG-S3-2' })).not.toBe(fingerprint(f));
    expect(fingerprint({ ...f, path: 'App/Other/Resource' })).not.toBe(fingerprint(f));
    expect(fingerprint({ ...f, stack: 'Prod' })).not.toBe(fingerprint(f));
  });

  test('uses the logical ID without a construct path, and the file name as the stack of a plain template', () => {
    const [f] = run({ Data: bucket() }, { stack: '', file: 'templates/network.template.yaml' });
    expect(fingerprint({ ...f, stack: undefined })).toBe('FTG-S3-1|network|id:Data');
    expect(stackName({ file: 'a\\b\\app.json' })).toBe('app');
    expect(stackName({ file: 'x/app.template' })).toBe('app');
    expect(stackName({ file: 'x/app.yml', stack: 'Given' })).toBe('Given');
  });
});

describe('updateBaseline and compareWithBaseline', () => {
  test('records open findings (non-compliant and unverifiable), not acknowledged ones, with the first date', () => {
    const findings = run({
      Bad: bucket('App/Bad/Resource'),
      Unknown: bucket('App/Unknown/Resource', { Unknown: true }),
      Good: bucket('App/Good/Resource', { Good: true }),
      Acked: bucket('App/Acked/Resource', {}, { 'fintech-guardrails': { acknowledged: [{ id: 'FTG-TEST-9', reason: 'Accepted by the CISO on 2026-01-01.' }] } }),
    }, { rules: [worded('w')] });
    expect(findings.map((f) => [f.resource, f.status, !!f.acknowledged])).toEqual([
      ['Bad', 'non-compliant', false], ['Unknown', 'unverifiable', false], ['Acked', 'non-compliant', true],
    ]);
    const b = updateBaseline(findings, undefined, DAY1);
    expect(b.findings.map((e) => [e.resource, e.firstRecorded])).toEqual([['Bad', '2026-01-10'], ['Unknown', '2026-01-10']]);
  });

  test('keeps the first date of findings still open, dates new ones today, and drops fixed ones', () => {
    const before = updateBaseline(run({ A: bucket('App/A/Resource'), B: bucket('App/B/Resource') }), undefined, DAY1);
    const now = run({ B: bucket('App/B/Resource'), C: bucket('App/C/Resource'), A: bucket('App/A/Resource', KMS) });
    const cmp = compareWithBaseline(now, before);
    expect(cmp.new.map((f) => f.resource)).toEqual(['C']);
    expect(cmp.known.map((k) => [k.finding.resource, k.firstRecorded])).toEqual([['B', '2026-01-10']]);
    expect(cmp.fixed.map((e) => e.resource)).toEqual(['A']);
    const after = updateBaseline(now, before, DAY2);
    expect(after.findings.map((e) => [e.resource, e.firstRecorded])).toEqual([['B', '2026-01-10'], ['C', '2026-02-20']]);
  });

  test('an acknowledged finding is neither new nor known, and leaves the baseline at the next update', () => {
    const before = updateBaseline(run({ A: bucket('App/A/Resource') }), undefined, DAY1);
    const acked = run({ A: bucket('App/A/Resource', {}, { 'fintech-guardrails': { acknowledged: [{ id: 'FTG-S3-1', reason: 'Public website bucket: no data.' }] } }) });
    const cmp = compareWithBaseline(acked, before);
    expect([cmp.new.length, cmp.known.length, cmp.fixed.length]).toEqual([0, 0, 1]);
    expect(updateBaseline(acked, before, DAY2).findings).toEqual([]);
  });

  test('matches by logical ID when one side has no construct path (cdk.out without path metadata)', () => {
    const withPath = updateBaseline(run({ Data: bucket('App/Data/Resource') }), undefined, DAY1);
    const noPath = run({ Data: bucket() });
    expect(compareWithBaseline(noPath, withPath).known.map((k) => k.firstRecorded)).toEqual(['2026-01-10']);
    const noPathBaseline = updateBaseline(noPath, undefined, DAY1);
    expect(compareWithBaseline(run({ Data: bucket('App/Data/Resource') }), noPathBaseline).new).toEqual([]);
    // Both with paths that differ: a different construct, so new.
    expect(compareWithBaseline(run({ Data: bucket('App/Moved/Resource') }), withPath).new.length).toBe(1);
  });

  test('a rule or stack change makes the finding new', () => {
    const base = updateBaseline(run({ Data: bucket('App/Data/Resource') }), undefined, DAY1);
    expect(compareWithBaseline(run({ Data: bucket('App/Data/Resource') }, { rules: [worded('w')] }), base).new.length).toBe(1);
    expect(compareWithBaseline(run({ Data: bucket('Prod/Data/Resource') }, { stack: 'Prod' }), base).new.length).toBe(1);
  });
});

describe('the baseline file', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-baseline-'));

  test('is versioned, sorted and stable: updating an unchanged baseline rewrites the same bytes', () => {
    const findings = run({ Zed: bucket('App/Zed/Resource'), Alpha: bucket('App/Alpha/Resource') });
    const first = serializeBaseline(updateBaseline(findings, undefined, DAY1));
    const again = serializeBaseline(updateBaseline([...findings].reverse(), parseBaseline(first, 'b.json'), DAY2));
    expect(again).toBe(first);
    const json = JSON.parse(first);
    expect(Object.keys(json)).toEqual(['format', 'version', 'findings']);
    expect(json.format).toBe(BASELINE_FORMAT);
    expect(json.version).toBe(1);
    expect(json.findings.map((e: any) => e.resource)).toEqual(['Alpha', 'Zed']);
    expect(Object.keys(json.findings[0])).toEqual(['fingerprint', 'ruleId', 'items', 'stack', 'path', 'resource', 'firstRecorded']);
    expect(first.endsWith('}\n')).toBe(true);
    expect(first).not.toMatch(/"(generated\w*|date|line|message)"/i);
  });

  test('is written atomically and read back', () => {
    const dir = tmp();
    const file = path.join(dir, 'fintech-baseline.json');
    const b = updateBaseline(run({ Data: bucket('App/Data/Resource') }), undefined, DAY1);
    writeBaseline(file, b);
    expect(fs.readdirSync(dir)).toEqual(['fintech-baseline.json']);
    const read = readBaseline(file);
    expect(read.file).toBe(file);
    expect(read.findings).toEqual(b.findings);
    expect(readBaselineIfExists(path.join(dir, 'none.json'))).toBeUndefined();
    // A failed write leaves no temporary file and says which file.
    expect(() => writeBaseline(path.join(dir, 'missing-dir', 'b.json'), b)).toThrow(/missing-dir.*cannot be written \(ENOENT\)/);
    expect(fs.readdirSync(dir)).toEqual(['fintech-baseline.json']);
  });

  const entry = { fingerprint: 'FTG-S3-1|App|path:App/Data/Resource', ruleId: 'FTG-S3-1', items: ['DM-1'], stack: 'App', path: 'App/Data/Resource', resource: 'Data', firstRecorded: '2026-01-10' };
  const file = (o: unknown) => JSON.stringify(o);
  test.each([
    ['{ not json', /^b\.json: malformed findings baseline JSON \(/],
    [file([]), /^b\.json: not a findings baseline \(expected "format"/],
    [file({ format: BASELINE_FORMAT, version: 2, findings: [] }), /^b\.json: unsupported findings baseline version 2 \(this version of fintech-guardrails reads version 1\)$/],
    [file({ format: BASELINE_FORMAT, findings: [] }), /unsupported findings baseline version undefined/],
    [file({ format: BASELINE_FORMAT, version: 1 }), /"findings" must be an array/],
    [file({ format: BASELINE_FORMAT, version: 1, findings: [{ ...entry, firstRecorded: '2026-02-30' }] }), /findings\[0\]: "firstRecorded" must be a date YYYY-MM-DD \(got "2026-02-30"\)/],
    [file({ format: BASELINE_FORMAT, version: 1, findings: [{ ...entry, ruleId: 'FTG-S3-2' }] }), /findings\[0\]: fingerprint .* does not match/],
    [file({ format: BASELINE_FORMAT, version: 1, findings: [entry, entry] }), /findings\[1\]: fingerprint .* is listed twice/],
    [file({ format: BASELINE_FORMAT, version: 1, findings: [{ ...entry, items: 'DM-1' }] }), /"items" must be an array/],
    [file({ format: BASELINE_FORMAT, version: 1, findings: [{ ...entry, resource: '' }] }), /"resource" must be a non-empty string/],
  ])('a malformed file is one clear line: %s', (text, message) => {
    let err: Error | undefined;
    try { parseBaseline(text, 'b.json'); } catch (e) { err = e as Error; }
    expect(err).toBeInstanceOf(BaselineError);
    expect(err).toBeInstanceOf(InputError); // exit code 2 in the CLI, like every bad input
    expect(err!.message).toMatch(message);
    expect(err!.message).not.toContain('\n');
  });

  test('a missing file is an error for --baseline', () => {
    expect(() => readBaseline(path.join(tmp(), 'nope.json'))).toThrow(/nope\.json: no such findings baseline file \(create it with --update-baseline\)/);
  });

  test('the valid entry parses', () => {
    expect(parseBaseline(file({ format: BASELINE_FORMAT, version: 1, findings: [entry] }), 'b.json').findings).toEqual([entry]);
  });
});
