/**
 * `fintech-guardrails report`, run as users run it (the compiled command: `npm test` builds first;
 * by hand: `npx tsc -p tsconfig.build.json`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ITEMS } from '../../lib/catalog';
import { STATUS_ORDER } from '../../lib/report';
import { ALL_RULES } from '../../packs/rules';
import { run } from '../helpers/cli';

const FIXTURES = path.join(__dirname, 'fixtures');
const UNENCRYPTED = path.join(FIXTURES, 'unencrypted-bucket.json');
const ENCRYPTED = path.join(FIXTURES, 'encrypted-bucket.json');
const DECISIONS = path.join(FIXTURES, 'decisions.json');
const APP = path.join(FIXTURES, 'app');

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-report-')); });
afterAll(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function json(args: string[], opts: { cwd?: string } = {}) {
  const r = run(['report', ...args, '--format', 'json'], opts);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  const by = (id: string) => out.items.find((i: any) => i.id === id);
  return { out, by };
}

const ATTESTATIONS = `attestations:
  - item: AS-1
    confirmedBy: Taro Yamada (CTO)
    date: 2026-04-01
    evidence: "Penetration test report, Example Security KK, 2026-03"
    until: 2999-03-31
  - item: AS-2
    confirmedBy: Taro Yamada (CTO)
    date: 2019-04-01
    evidence: "Code review report 2019"
    until: 2020-03-31
`;

describe('fintech-guardrails report', () => {
  test('--format json: one object with exactly one entry per catalog item (54)', () => {
    const { out } = json([UNENCRYPTED]);
    expect(out.items).toHaveLength(54);
    expect(out.items.map((i: any) => i.id)).toEqual(ITEMS.map((i) => i.id));
    for (const i of out.items) {
      expect(STATUS_ORDER).toContain(i.status);
      for (const k of ['id', 'status', 'level', 'resources', 'rules', 'reasons']) expect(i).toHaveProperty(k);
    }
    expect(out.summary.total).toBe(54);
    expect(out.summary.sources).toEqual([UNENCRYPTED]);
  });

  test('fail: exit code 0 all the same (the report is evidence, not a gate)', () => {
    const { by } = json([UNENCRYPTED]);
    expect(by('DM-2').status).toBe('fail');
    expect(by('DM-2').resources).toEqual(expect.arrayContaining([expect.objectContaining({ file: UNENCRYPTED, logicalId: 'Bucket', path: 'Stack/Bucket/Resource', ruleId: 'FTG-S3-1' })]));
    expect(run(['check', UNENCRYPTED]).code).toBe(1); // while check, the gate, fails
  });

  test('pass: the rule applied and found nothing open', () => {
    const { by } = json([ENCRYPTED]);
    expect(by('DM-2').rules.find((r: any) => r.id === 'FTG-S3-1')).toMatchObject({ applicable: 1, compliant: 1, open: 0 });
    const others = by('DM-2').rules.filter((r: any) => r.id !== 'FTG-S3-1' && r.open > 0);
    if (others.length === 0) expect(by('DM-2').status).toBe('pass');
  });

  test('acknowledged: every finding acknowledged in template metadata, each reason listed', () => {
    const s3Rules = ALL_RULES.filter((r) => r.resourceTypes.includes('AWS::S3::Bucket')).map((r) => r.id);
    const file = write('acked.json', JSON.stringify({
      Resources: {
        Bucket: {
          Type: 'AWS::S3::Bucket',
          Metadata: { 'fintech-guardrails': { acknowledged: s3Rules.map((id) => ({ id, reason: `Public web assets, no customer data (${id})` })) } },
        },
      },
    }));
    const { by } = json([file]);
    expect(by('DM-2').status).toBe('acknowledged');
    expect(by('DM-2').reasons).toEqual(expect.arrayContaining([
      { kind: 'acknowledgment', reason: 'Public web assets, no customer data (FTG-S3-1)', where: 'template metadata fintech-guardrails', ruleId: 'FTG-S3-1', resource: 'Bucket' },
    ]));
  });

  test('turned-off: a team decision from --config, with its reason and where it was given', () => {
    const { by } = json([ENCRYPTED, '--config', DECISIONS]);
    expect(by('BP-4')).toMatchObject({
      status: 'turned-off', effectiveLevel: 'off', decidedBy: 'team',
      reasons: [{ kind: 'team-decision', reason: 'Not a web service: API only, no browsers', where: `--config ${DECISIONS}` }],
    });
  });

  test('not-applicable: nothing the rules of an item look at', () => {
    const file = write('queue.json', JSON.stringify({ Resources: { Q: { Type: 'AWS::SDK::Nothing' } } }));
    const { by } = json([file]);
    const ruleOnly = ITEMS.filter((i) => i.coverage.length === 1 && i.coverage[0] === 'rule').map((i) => i.id);
    for (const id of ruleOnly) expect(by(id).status).toBe('not-applicable');
  });

  test('--attestations FILE: attested, expired, missing', () => {
    const file = write('att/attest.yaml', ATTESTATIONS);
    const { by, out } = json([ENCRYPTED, '--attestations', file]);
    expect(by('AS-1')).toMatchObject({ status: 'attested', attestation: { confirmedBy: 'Taro Yamada (CTO)', until: '2999-03-31', line: 2, file } });
    expect(by('AS-2').status).toBe('attestation-expired');
    expect(by('AS-3').status).toBe('attestation-missing');
    expect(out.summary.attestationFile).toBe(file);
  });

  test('fintech-attestations.yaml in the current directory is read by default', () => {
    const dir = path.join(tmp, 'project');
    write('project/fintech-attestations.yaml', ATTESTATIONS);
    const { by, out } = json([ENCRYPTED], { cwd: dir });
    expect(by('AS-1').status).toBe('attested');
    expect(out.summary.attestationFile).toBe('fintech-attestations.yaml');
    // Without the file: every attest item is missing.
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    expect(json([ENCRYPTED], { cwd: empty }).by('AS-1').status).toBe('attestation-missing');
  });

  test('a cloud assembly with construct markers', () => {
    const { by } = json([APP, '--config', DECISIONS]);
    expect(by('LA-1').constructs).toEqual([expect.objectContaining({ construct: 'WriteOnceLogArchive', source: 'marker' })]);
    expect(by('CA-3').constructs).toEqual([expect.objectContaining({ construct: 'RootLoginNotification', kind: 'baseline' })]);
    expect(by('DM-1').resources.map((r: any) => r.logicalId)).toEqual(expect.arrayContaining(['LegacyExports9F8E7D6C', 'PublicAssets5A4B3C2D']));
  });

  test('default: Markdown in both languages on stdout', () => {
    const r = run(['report', ENCRYPTED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# FinTech セキュリティガイドライン 準拠状況レポート / FinTech security guideline: compliance report');
    for (const i of ITEMS) expect(r.stdout).toContain(`| ${i.id} |`);
  });

  test('--format csv and --format html, --lang ja / en', () => {
    const csv = run(['report', ENCRYPTED, '--format', 'csv', '--lang', 'ja']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').filter(Boolean)).toHaveLength(55);
    expect(csv.stdout).toContain('text_ja');
    const html = run(['report', ENCRYPTED, '--format', 'html', '--lang', 'en']);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(html.stdout).toContain('<svg id="chart-chapters"');
    expect(html.stdout).not.toContain('不適合');
  });

  test('--out FILE writes the report atomically', () => {
    const out = path.join(tmp, 'report.html');
    const r = run(['report', APP, '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf-8')).toMatch(/<\/html>\n$/);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  describe('errors: exit 2, one line, nothing written', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['no PATH', () => ['report'], /report needs at least one PATH/],
      ['missing PATH', () => ['report', path.join(tmp, 'nope.json')], /nope\.json: no such file or directory/],
      ['bad --format', () => ['report', ENCRYPTED, '--format', 'pdf'], /bad value "pdf" for --format \(use one of: md, json, csv, html\)/],
      ['bad --lang', () => ['report', ENCRYPTED, '--lang', 'fr'], /bad value "fr" for --lang \(use one of: ja, en, both\)/],
      ['unknown option', () => ['report', ENCRYPTED, '--fail-on', 'error'], /unknown option --fail-on for "report"/],
      ['missing attestation file', () => ['report', ENCRYPTED, '--attestations', path.join(tmp, 'none.yaml')], /none\.yaml: no such attestation file/],
      ['bad attestation file', () => ['report', ENCRYPTED, '--attestations', path.join(FIXTURES, 'bad-attestations.yaml')],
        /bad-attestations\.yaml:4: attestation 1 \(AS-1\): "date" 2026-02-30 is not a calendar date/],
      ['bad decision', () => ['report', ENCRYPTED, '--config', write('bad-config.json', '{"items":{"DM-1":{"level":"off","reason":"we do not want it"}}}')],
        /Item DM-1 is mandatory/],
      ['missing config', () => ['report', ENCRYPTED, '--config', path.join(tmp, 'no-config.json')], /no such config file/],
    ];
    test.each(cases)('%s', (_name, args, message) => {
      const out = path.join(tmp, `should-not-exist-${_name.replace(/\W/g, '-')}.md`);
      const r = run([...args(), '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(out)).toBe(false);
    });

    test('a bad default attestation file in the current directory is an error too', () => {
      const dir = path.join(tmp, 'bad-default');
      write('bad-default/fintech-attestations.yaml', ATTESTATIONS.replace('item: AS-1', 'item: ZZ-1'));
      const r = run(['report', ENCRYPTED], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^fintech-guardrails: fintech-attestations\.yaml:2: attestation 1 \(ZZ-1\): unknown guideline item "ZZ-1"/);
    });
  });
});
