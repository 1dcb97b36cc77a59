import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { conformancePackYaml } from '../../lib/conformance/conformance-pack';
import { run } from '../helpers/cli';

describe('fintech-guardrails conformance-pack', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-cp-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes the generator\'s YAML: Config rules named with their item IDs', () => {
    const r = run(['conformance-pack']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(conformancePackYaml());
    const resources = Object.values(parse(r.stdout).Resources) as any[];
    expect(resources.length).toBeGreaterThan(50);
    expect(resources.every((x) => x.Type === 'AWS::Config::ConfigRule' && /^ftg-/.test(x.Properties.ConfigRuleName))).toBe(true);
  });

  test('--config: items turned off leave their rules out; --drift-role adds the drift rule; --out writes the file', () => {
    const config = path.join(dir, 'decisions.json');
    fs.writeFileSync(config, JSON.stringify({ items: { 'CF-2': { level: 'off', reason: 'one region by decision of the board' } } }));
    const out = path.join(dir, 'pack.yaml');
    const r = run(['conformance-pack', '--config', config, '--drift-role', 'arn:aws:iam::123456789012:role/ConfigDrift', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const names = (Object.values(parse(fs.readFileSync(out, 'utf-8')).Resources) as any[]).map((x) => x.Properties.ConfigRuleName);
    expect(names).not.toContain('ftg-cf-2-s3-bucket-cross-region-replication-enabled');
    expect(conformancePackYaml()).toContain('ftg-cf-2-s3-bucket-cross-region-replication-enabled');
    expect(names.some((n) => n.includes('drift-detection'))).toBe(true);
  });

  test.each([
    [['--drift-role', 'not-an-arn'], /bad value "not-an-arn" for --drift-role/],
    [['extra'], /unexpected argument "extra"/],
    [['--out', '/no/such/dir/pack.yaml'], /directory \/no\/such\/dir does not exist/],
  ])('%j: one-line usage error, exit 2, nothing written', (args, message) => {
    const r = run(['conformance-pack', ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
