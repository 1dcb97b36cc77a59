/** The real CDK CLI (aws-cdk) on apps with FinTechChecks: an error fails `cdk synth`, a warning does not. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/cli';

const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const TS_NODE = path.join(ROOT, 'node_modules', '.bin', 'ts-node');

function cdkSynth(appFile: string) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-cdk-'));
  const r = spawnSync(CDK, ['synth', '--quiet', '--no-notices', '--no-version-reporting', '-o', out,
    '--app', `${TS_NODE} --transpile-only ${path.join(ROOT, 'test', 'fixtures', 'apps', appFile)}`], {
    cwd: out, encoding: 'utf-8', env: { ...process.env, CDK_VALIDATION: 'false', CI: 'true' },
  });
  return { code: r.status, output: `${r.stdout}\n${r.stderr}`, out };
}

describe('cdk synth with the real CDK CLI', () => {
  test('exits non-zero on an error-level finding and prints which items failed', () => {
    const r = cdkSynth('failing.ts');
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/\[DM-1, DM-2\] The S3 bucket does not use KMS default encryption/);
    expect(r.output).toContain("FinTechChecks::FTG-S3-1");
    const report = JSON.parse(fs.readFileSync(path.join(r.out, 'validation-report.json'), 'utf-8'));
    expect(report.pluginReports.find((p: any) => p.pluginName === 'FinTechChecks').conclusion).toBe('failure');
  });

  test('exits 0 when the only findings are warnings, and still reports them', () => {
    const r = cdkSynth('warning-only.ts');
    expect(r.output).toMatch(/\[BP-5\] A selectable-item finding for the test/);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(r.out, 'WarningOnly.template.json'))).toBe(true);
  });
});
