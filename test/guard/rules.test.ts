/**
 * The unit tests of the guard rules: `cfn-guard test` over every rule file and its test file
 * (packs/guard/<service>/tests/<rule>-tests.yaml), in one invocation for the whole directory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { guardBinary, guardRuleFiles, guardRulesDir, readGuardRules } from '../../packs/guard/runner';

const RULES_DIR = guardRulesDir();
const ROOT = path.join(RULES_DIR, '..', '..');
const ruleFiles = guardRuleFiles(RULES_DIR);

/** The test file of a rule file: `<dir>/tests/<name>-tests.yaml`. */
function testFileOf(ruleFile: string): string {
  return path.join(path.dirname(ruleFile), 'tests', `${path.basename(ruleFile, '.guard')}-tests.yaml`);
}

interface TestCaseResult {
  readonly name: string;
  readonly passed_rules: { name: string; evaluated: string }[];
  readonly failed_rules: { name: string; expected: string; evaluated: string[] }[];
}
interface RuleFileResult {
  readonly rule_file: string;
  readonly test_cases?: TestCaseResult[];
  readonly error?: string;
}

let results: RuleFileResult[];
let exitCode: number | null;

beforeAll(() => {
  // One invocation for the whole directory: cfn-guard pairs each rule file with tests/<name>-tests.yaml.
  const r = spawnSync(guardBinary(), ['test', '--dir', path.relative(ROOT, RULES_DIR), '--output-format', 'json'], {
    cwd: ROOT,
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024,
  });
  exitCode = r.status;
  results = JSON.parse(r.stdout || '[]');
});

describe('cfn-guard test over packs/guard', () => {
  test('every rule file has a test file', () => {
    expect(ruleFiles.length).toBeGreaterThanOrEqual(40);
    expect(ruleFiles.filter((f) => !fs.existsSync(testFileOf(f))).map((f) => path.relative(RULES_DIR, f))).toEqual([]);
  });

  test('every test file belongs to a rule file', () => {
    const tests: string[] = [];
    for (const f of guardRuleFiles(RULES_DIR)) tests.push(testFileOf(f));
    const found: string[] = [];
    const walk = (d: string) => {
      for (const n of fs.readdirSync(d)) {
        const full = path.join(d, n);
        if (fs.statSync(full).isDirectory()) walk(full);
        else if (n.endsWith('-tests.yaml')) found.push(full);
      }
    };
    walk(RULES_DIR);
    expect(found.filter((f) => !tests.includes(f)).map((f) => path.relative(RULES_DIR, f))).toEqual([]);
  });

  test('cfn-guard ran every rule file with its tests, and every expectation held', () => {
    const byFile = new Map(results.map((r) => [path.resolve(ROOT, r.rule_file), r]));
    const problems: string[] = [];
    for (const f of ruleFiles) {
      const r = byFile.get(f);
      const rel = path.relative(RULES_DIR, f);
      if (!r) { problems.push(`${rel}: not run by cfn-guard test`); continue; }
      if (r.error) { problems.push(`${rel}: ${r.error.split('\n')[0]}`); continue; }
      for (const t of r.test_cases ?? []) {
        for (const failed of t.failed_rules) problems.push(`${rel} "${t.name}": ${failed.name} expected ${failed.expected}, got ${failed.evaluated.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(exitCode).toBe(0);
  });

  test('each rule is tested with PASS, FAIL and SKIP cases, a parameter and an acknowledgment', () => {
    const problems: string[] = [];
    const rules = readGuardRules(RULES_DIR);
    for (const f of ruleFiles) {
      const rel = path.relative(RULES_DIR, f);
      const text = fs.readFileSync(testFileOf(f), 'utf-8');
      const names = rules.filter((g) => path.resolve(RULES_DIR, g.file) === f).map((g) => g.name);
      if (names.length !== 1) { problems.push(`${rel}: expected one FTG rule, found ${names.join(', ') || 'none'}`); continue; }
      for (const status of ['PASS', 'FAIL', 'SKIP']) {
        if (!new RegExp(`${names[0]}: ${status}\\b`).test(text)) problems.push(`${rel}: no ${status} case`);
      }
      if (!/\bParameters:/.test(text)) problems.push(`${rel}: no case with a parameter`);
      if (!/(acknowledged|rules_to_suppress|SuppressedRules)/.test(text)) problems.push(`${rel}: no acknowledged case`);
    }
    expect(problems).toEqual([]);
  });

  test('boolean settings are tested with YAML strings ("true"/"false") too', () => {
    // Rules whose checks accept a boolean: their tests must include a quoted "true" or "false".
    const missing = ruleFiles
      .filter((f) => /== \/\(\?i\)\^\\s\*(true|false)\\s\*\$\//.test(fs.readFileSync(f, 'utf-8')))
      .filter((f) => !/"(true|false|True|False)"/.test(fs.readFileSync(testFileOf(f), 'utf-8')))
      .map((f) => path.relative(RULES_DIR, f));
    expect(missing).toEqual([]);
  });
});
