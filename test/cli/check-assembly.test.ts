/** `check` on a cloud assembly: every stack, nested stages included, and acknowledgments from the CDK app. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FinTechChecks } from '../../packs/fintech-checks';
import { run } from '../helpers/cli';

function synthAssembly(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-asm-'));
  const app = new App({ outdir });
  new s3.Bucket(new Stack(app, 'Top'), 'TopBucket');
  const stage = new Stage(app, 'Prod');
  const inner = new Stack(stage, 'Inner');
  new s3.Bucket(inner, 'InnerBucket');
  const acked = new s3.Bucket(new Stack(app, 'Acked'), 'AckedBucket');
  Validations.of(acked).acknowledge({ id: 'FinTechChecks::FTG-S3-1', reason: 'Public assets only, reviewed 2026-11.' });
  new FinTechChecks(app); // records acknowledgments in the templates; not registered as a plugin here
  app.synth();
  return outdir;
}

describe('check on a cloud assembly', () => {
  const outdir = synthAssembly();

  test('reads every stack, nested stages included', () => {
    const r = run(['check', outdir, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.summary.templates).toBe(3);
    const s3 = json.findings.filter((f: any) => f.ruleId === 'FTG-S3-1');
    expect(s3.map((f: any) => f.stack).sort()).toEqual(['Acked', 'Prod/Inner', 'Top']);
    expect(s3.find((f: any) => f.stack === 'Prod/Inner').file).toMatch(/assembly-Prod/);
  });

  test('acknowledgments made in the CDK app are shown as acknowledged', () => {
    const json = JSON.parse(run(['check', outdir, '--format', 'json']).stdout);
    const acked = json.findings.find((f: any) => f.ruleId === 'FTG-S3-1' && f.stack === 'Acked');
    expect(acked.acknowledged).toMatchObject({ reason: 'Public assets only, reviewed 2026-11.', where: 'Acked/AckedBucket' });
    const open = json.findings.find((f: any) => f.ruleId === 'FTG-S3-1' && f.stack === 'Top');
    expect(open.acknowledged).toBeUndefined();
  });

  test('a malformed manifest is an input error', () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-badasm-'));
    fs.writeFileSync(path.join(bad, 'manifest.json'), '{ not json');
    const r = run(['check', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/manifest\.json: malformed cloud assembly manifest/);
  });
});
