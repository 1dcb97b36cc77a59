import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../helpers/cli';

const FIX = path.join(__dirname, '..', 'fixtures', 'check');
const f = (name: string) => path.join(FIX, name);

function checkJson(...args: string[]) {
  const r = run(['check', ...args, '--format', 'json']);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : undefined };
}

describe('fintech-guardrails check', () => {
  test('YAML with short-form tags: Fn::If, parameters and plain resources are judged', () => {
    const r = checkJson(f('noncompliant.yaml'));
    expect(r.code).toBe(1);
    const s3 = r.json.findings.filter((x: any) => x.ruleId === 'FTG-S3-1');
    const byResource = Object.fromEntries(s3.map((x: any) => [x.resource, x]));
    expect(Object.keys(byResource).sort()).toEqual(['Branchy', 'FromParameter', 'Plain']);
    expect(byResource.Plain.status).toBe('non-compliant');
    expect(byResource.Branchy.status).toBe('non-compliant'); // the false branch removes encryption
    expect(byResource.FromParameter.status).toBe('unverifiable');
    expect(byResource.FromParameter.message).toMatch(/Cannot be verified.*parameter "Algorithm"/);
    expect(byResource.Plain).toMatchObject({ file: f('noncompliant.yaml'), level: 'error', items: ['DM-1', 'DM-2'] });
    expect(typeof byResource.Plain.fix).toBe('string');
    expect(r.json.summary.errors).toBeGreaterThanOrEqual(3);
  });

  test('JSON output is exactly one object with findings and summary', () => {
    const r = checkJson(f('compliant.json'));
    expect(Object.keys(r.json).sort()).toEqual(['findings', 'summary']);
    expect(r.json.findings.filter((x: any) => x.ruleId === 'FTG-S3-1')).toEqual([]);
    expect(r.json.summary).toMatchObject({ templates: 1, resources: 3 });
  });

  test('unknown resource types and intrinsic functions are not input errors', () => {
    const r = checkJson(f('compliant.json'));
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).toBe('');
    expect(r.json.findings.some((x: any) => x.resource === 'Something')).toBe(false);
  });

  test('acknowledgments in template metadata are honoured and shown', () => {
    const r = checkJson(f('acknowledged.json'));
    const s3 = r.json.findings.find((x: any) => x.ruleId === 'FTG-S3-1');
    expect(s3.acknowledged.reason).toMatch(/Public website assets/);
    expect(r.json.summary.acknowledged).toBeGreaterThanOrEqual(1);
    const table = run(['check', f('acknowledged.json')]);
    expect(table.stdout).toMatch(/ACK\s+FTG-S3-1/);
  });

  test('a directory of templates', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-dir-'));
    fs.copyFileSync(f('noncompliant.yaml'), path.join(dir, 'a.yaml'));
    fs.copyFileSync(f('compliant.json'), path.join(dir, 'b.json'));
    fs.writeFileSync(path.join(dir, 'notes.json'), '{"hello": 1}');
    const r = checkJson(dir);
    expect(r.json.summary.templates).toBe(2);
    expect(r.stderr).toMatch(/skipped .*notes\.json \(no Resources section\)/);
  });

  test.each([
    ['missing.json', /missing\.json: no such file or directory/],
    ['empty.json', /empty\.json: file is empty/],
    ['malformed.json', /malformed\.json: malformed JSON/],
    ['malformed.yaml', /malformed\.yaml: malformed YAML at line \d+/],
    ['no-resources.json', /no-resources\.json: not a CloudFormation template \(no Resources section\)/],
    ['no-type.json', /no-type\.json: resource A has no Type/],
  ])('input error %s: exit 2, one line naming the file, nothing on stdout', (name, message) => {
    const r = run(['check', f(name), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('an empty directory is an input error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-empty-'));
    const r = run(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no CloudFormation template/);
  });

  test.each([
    [['check'], /needs at least one PATH/],
    [['check', 'x.json', '--format', 'xml'], /bad value "xml" for --format/],
    [['check', 'x.json', '--lang', 'fr'], /bad value "fr" for --lang/],
    [['check', 'x.json', '--verbose'], /unknown option --verbose/],
  ])('usage error %j exits 2', (args, message) => {
    const r = run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
  });

  test('--out writes the file and nothing when the input is bad', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-out-'));
    const out = path.join(dir, 'r.json');
    expect(run(['check', f('noncompliant.yaml'), '--format', 'json', '--out', out]).code).toBe(1);
    expect(JSON.parse(fs.readFileSync(out, 'utf-8')).findings.length).toBeGreaterThan(0);
    const out2 = path.join(dir, 'r2.json');
    expect(run(['check', f('malformed.json'), '--out', out2]).code).toBe(2);
    expect(fs.existsSync(out2)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['r.json']);
  });

  test('SARIF 2.1.0 output', () => {
    const r = run(['check', f('noncompliant.yaml'), f('acknowledged.json'), '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('fintech-guardrails');
    const rule = run0.tool.driver.rules.find((x: any) => x.id === 'FTG-S3-1');
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['DM-1', 'DM-2']));
    const res = run0.results.filter((x: any) => x.ruleId === 'FTG-S3-1');
    for (const x of res) {
      expect(['error', 'warning']).toContain(x.level);
      expect(run0.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
      expect(x.locations[0].physicalLocation.artifactLocation.uri).toMatch(/\.(yaml|json)$/);
      expect(x.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
    const plain = res.find((x: any) => x.locations[0].logicalLocations[0].name === 'Plain');
    expect(plain.locations[0].physicalLocation.region.startLine).toBe(8);
    expect(res.find((x: any) => x.locations[0].logicalLocations[0].name === 'Legacy').suppressions[0].kind).toBe('external');
  });

  test('CSV and Markdown, and Japanese messages', () => {
    const csv = run(['check', f('noncompliant.yaml'), '--format', 'csv']).stdout.split('\n');
    expect(csv[0]).toBe('file,stack,resource,resourceType,ruleId,items,level,status,acknowledged,message,fix,scenario');
    expect(csv.some((l) => l.includes(',Plain,AWS::S3::Bucket,FTG-S3-1,DM-1 DM-2,error,non-compliant,'))).toBe(true);
    const md = run(['check', f('noncompliant.yaml'), '--format', 'markdown', '--lang', 'ja']).stdout;
    expect(md).toContain('| レベル | ルール | 項目 |');
    expect(md).toContain('KMS (aws:kms または aws:kms:dsse) が使われていません');
  });

  test('--config with a bad decision is a usage error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-cfg-'));
    const cfg = path.join(dir, 'c.json');
    fs.writeFileSync(cfg, JSON.stringify({ items: { 'DM-1': { level: 'off', reason: 'we do not want encryption' } } }));
    const r = run(['check', f('compliant.json'), '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Item DM-1 is mandatory/);
  });
});
