/**
 * `fintech-guardrails init DIR`: through the compiled CLI, as users run it (`npm test` builds first;
 * with jest alone, run `npx tsc -p tsconfig.build.json`). The last test installs this package (packed
 * from the repository) into a generated app and synthesizes it with the real CDK CLI.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, run } from '../helpers/cli';

const REPO = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
const EXPECTED_FILES = [
  '.gitignore',
  'README.md',
  'bin/app.ts',
  'cdk.json',
  'jest.config.js',
  'lib/workload-stack.ts',
  'package.json',
  'test/app.test.ts',
  'tsconfig.json',
];

let work: string;

beforeAll(() => {
  assertBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-init-'));
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** The CLI tests run the compiled JavaScript: make sure it is not older than the sources. */
function assertBuilt(): void {
  const pairs: [string, string][] = [
    ['bin/commands/init.ts', 'dist/bin/commands/init.js'],
    ['index.ts', 'dist/index.js'],
    ['lib/index.ts', 'dist/lib/index.js'],
    ...fs.readdirSync(path.join(ROOT, 'lib', 'baseline')).filter((f) => f.endsWith('.ts'))
      .map((f): [string, string] => [`lib/baseline/${f}`, `dist/lib/baseline/${f.replace(/\.ts$/, '.js')}`]),
  ];
  for (const [src, out] of pairs) {
    const compiled = path.join(ROOT, out);
    if (!fs.existsSync(compiled) || fs.statSync(compiled).mtimeMs < fs.statSync(path.join(ROOT, src)).mtimeMs) {
      throw new Error(`${out} is missing or older than ${src}: run \`npx tsc -p tsconfig.build.json\` (npm test does it) before these tests`);
    }
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk('');
  return out.sort();
}

function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf-8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
}

describe('init writes a new app', () => {
  let dir: string;
  let result: ReturnType<typeof run>;

  beforeAll(() => {
    dir = path.join(work, 'My FinTech_app');
    result = run(['init', dir]);
  });

  test('exit 0, every file reported, nothing else in DIR, no staging directory left', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(listFiles(dir)).toEqual([...EXPECTED_FILES].sort());
    for (const f of EXPECTED_FILES) expect(result.stdout).toContain(`created ${f}`);
    expect(fs.readdirSync(work).filter((f) => f.includes('fintech-guardrails-'))).toEqual([]);
    // Made with the usual permissions, not the private ones of a temporary directory.
    expect(fs.statSync(dir).mode & 0o777).toBe(0o777 & ~process.umask());
  });

  test('package.json depends on this package (^version) and pins the CDK and tools to this repo\'s versions', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8'));
    expect(pkg.name).toBe('my-fintech_app');
    expect(pkg.dependencies['fintech-guardrails']).toBe(`^${REPO.version}`);
    for (const name of ['aws-cdk-lib', 'constructs', 'cdk-nag']) expect(pkg.dependencies[name]).toBe(REPO.devDependencies[name]);
    for (const name of ['aws-cdk', 'ts-node', 'typescript', 'jest', 'ts-jest']) expect(pkg.devDependencies[name]).toBe(REPO.devDependencies[name]);
  });

  test('cdk.json runs bin/app.ts through ts-node; app wires the baseline, the workload and FinTechChecks', () => {
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'cdk.json'), 'utf-8')).app).toBe('npx ts-node --transpile-only bin/app.ts');
    const app = fs.readFileSync(path.join(dir, 'bin', 'app.ts'), 'utf-8');
    expect(app).toContain("new FinTechAccountBaseline(app, 'MyFinTechAppBaseline'");
    expect(app).toContain("new WorkloadStack(app, 'MyFinTechAppWorkload'");
    expect(app).toContain('Validations.of(app).addPlugins(new FinTechChecks(app))');
    expect(fs.readFileSync(path.join(dir, 'lib', 'workload-stack.ts'), 'utf-8')).toContain('new EnvelopeEncryptionKey(');
  });

  test('no placeholder is left, and the README gives the next steps in English and Japanese', () => {
    for (const f of EXPECTED_FILES) expect(fs.readFileSync(path.join(dir, f), 'utf-8')).not.toMatch(/\{\{[A-Z_]+\}\}/);
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf-8');
    for (const step of ['MANAGER_EMAILS', 'npm install', 'npx cdk bootstrap', 'npx cdk deploy']) expect(readme).toContain(step);
    expect(readme).toContain('次の手順');
    expect(readme).toContain('管理者のメールアドレスを設定');
  });
});

describe('init refuses to overwrite', () => {
  test('a non-empty DIR is refused with exit 2 and one line, and left as it was', () => {
    const dir = fs.mkdtempSync(path.join(work, 'busy-'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const r = run(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/is not empty; use --force/);
    expect(r.stdout).toBe('');
    expect(listFiles(dir)).toEqual(['notes.txt']);
  });

  test('--force keeps existing files, writes the new version next to each, adds the missing ones, and reports it all', () => {
    const dir = fs.mkdtempSync(path.join(work, 'force-'));
    fs.writeFileSync(path.join(dir, 'README.md'), '# our own readme\n');
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin', 'app.ts'), '// our app\n');
    const r = run(['init', dir, '--force']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf-8')).toBe('# our own readme\n');
    expect(fs.readFileSync(path.join(dir, 'bin', 'app.ts'), 'utf-8')).toBe('// our app\n');
    expect(fs.readFileSync(path.join(dir, 'README.md.fintech-guardrails-new'), 'utf-8')).toContain('Next steps');
    expect(fs.readFileSync(path.join(dir, 'bin', 'app.ts.fintech-guardrails-new'), 'utf-8')).toContain('FinTechAccountBaseline');
    expect(r.stdout).toContain('kept README.md (exists); new version written to README.md.fintech-guardrails-new');
    expect(r.stdout).toContain('kept bin/app.ts (exists); new version written to bin/app.ts.fintech-guardrails-new');
    expect(r.stdout).toContain('created package.json');
    expect(listFiles(dir)).toEqual([
      ...EXPECTED_FILES,
      'README.md.fintech-guardrails-new',
      'bin/app.ts.fintech-guardrails-new',
    ].sort());
    // A second run changes nothing it already wrote: unchanged files are reported as such.
    const again = run(['init', dir, '--force']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('unchanged package.json');
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf-8')).toBe('# our own readme\n');
  });
});

describe('init usage errors exit 2 with one line', () => {
  test.each([
    [['init', '--bogus', 'x'], /unknown option --bogus for "init"/],
    [['init'], /init needs a DIR/],
    [['init', 'a', 'b'], /init takes one DIR, got 2/],
    [['init', path.join(os.tmpdir(), 'no-such-parent-ftg', 'app')], /directory .* does not exist/],
  ])('%j', (args, message) => {
    const r = run(args as string[], { cwd: os.tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a DIR that is a file', () => {
    const file = path.join(work, 'a-file');
    fs.writeFileSync(file, '');
    const r = run(['init', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists and is not a directory/);
  });
});

describe('the generated app with the real CDK CLI', () => {
  test('installs this package, synthesizes the baseline and the workload, and its own test passes', () => {
    // The generated app imports from the package's main entry point.
    const main = require(path.join(ROOT, 'dist', 'index.js'));
    for (const name of ['FinTechAccountBaseline', 'FinTechChecks', 'EnvelopeEncryptionKey']) {
      if (typeof main[name] !== 'function') {
        throw new Error(`fintech-guardrails does not export ${name} from its main entry point (the root index.ts re-exports the public API)`);
      }
    }

    const dir = path.join(work, 'bank-ready');
    const init = run(['init', dir]);
    expect(init.code).toBe(0);

    // One install: the repository packed as users get it (dist was built before the tests; packing
    // with scripts would rebuild it under other running tests), plus the app's pinned dependencies.
    const packDir = fs.mkdtempSync(path.join(work, 'pack-'));
    const pack = sh('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], ROOT);
    expect(pack.code).toBe(0);
    const tarball = path.join(packDir, fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
    const install = sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
    if (install.code !== 0) throw new Error(`npm install failed:\n${install.output}`);

    const env = { CDK_VALIDATION: 'false', CI: 'true', AWS_REGION: 'ap-northeast-1', AWS_EC2_METADATA_DISABLED: 'true' };
    const synth = sh('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--no-version-reporting'], dir, env);
    if (synth.code !== 0) throw new Error(`cdk synth failed:\n${synth.output}`);
    const out = path.join(dir, 'cdk.out');
    for (const stack of ['BankReadyBaseline', 'BankReadyBaselineGlobalEvents', 'BankReadyWorkload']) {
      expect(fs.existsSync(path.join(out, `${stack}.template.json`))).toBe(true);
    }
    const baseline = JSON.parse(fs.readFileSync(path.join(out, 'BankReadyBaseline.template.json'), 'utf-8'));
    expect(Object.values<any>(baseline.Resources).some((r) => r.Type === 'AWS::CloudTrail::Trail')).toBe(true);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'validation-report.json'), 'utf-8'));
    expect(report.pluginReports.flatMap((p: any) => p.violations ?? [])).toEqual([]);

    const test = sh('npx', ['jest', '--ci'], dir, env);
    if (test.code !== 0) throw new Error(`the generated app's test failed:\n${test.output}`);

    // The installed package finds its own templates (they ship in the package: package.json "files").
    const nested = sh('npx', ['fintech-guardrails', 'init', 'nested-app'], dir);
    if (nested.code !== 0) throw new Error(`init from the installed package failed:\n${nested.output}`);
    expect(listFiles(path.join(dir, 'nested-app'))).toEqual([...EXPECTED_FILES].sort());
  }, 6 * 60 * 1000);
});
