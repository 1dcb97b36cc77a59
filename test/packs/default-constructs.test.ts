/**
 * Default CDK L2 constructs with their secure props set never fail synthesis under FinTechChecks,
 * in an `env`-bound stack (the pack knows the region: CDK's China-region Fn::If cannot happen in
 * Tokyo) and in an environment-agnostic one. The real validation report that synthesis writes is read.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { FinTechChecks } from '../../packs/fintech-checks';

interface Synthesized {
  readonly error?: Error;
  /** FinTechChecks violations in the validation report, as `ruleName constructPath`. */
  readonly violations: string[];
}

function synth(stackProps: StackProps, build: (stack: Stack) => void): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-defaults-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Defaults', stackProps);
    build(stack);
    Validations.of(app).addPlugins(new FinTechChecks(app));
    let error: Error | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e as Error;
    }
    const reportFile = path.join(outdir, 'validation-report.json');
    const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf-8')) : { pluginReports: [] };
    const violations: string[] = [];
    for (const p of report.pluginReports ?? []) {
      for (const v of p.violations ?? []) {
        for (const c of v.violatingConstructs ?? []) violations.push(`${v.ruleName} ${c.constructPath}`);
      }
    }
    return { error, violations };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The three constructs with what the guideline asks for set (retention, KMS, TLS). */
function secureDefaults(stack: Stack): void {
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key, retentionPeriod: Duration.days(7) });
  new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });
  new logs.LogGroup(stack, 'Logs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
}

describe.each([
  ['env-bound (Tokyo)', { env: { account: '123456789012', region: 'ap-northeast-1' } }],
  ['environment-agnostic', {}],
])('default kinesis.Stream, sqs.Queue and logs.LogGroup with secure props, %s', (_name, props) => {
  test('synthesize clean', () => {
    const r = synth(props, secureDefaults);
    expect(r.violations).toEqual([]);
    expect(r.error).toBeUndefined();
  });
});

describe('a kinesis.Stream with no props at all (CDK writes a China-region Fn::If)', () => {
  const bare = (stack: Stack) => { new kinesis.Stream(stack, 'Stream'); };
  test('deployed to Tokyo: the China branch cannot happen, no finding', () => {
    const r = synth({ env: { account: '123456789012', region: 'ap-northeast-1' } }, bare);
    expect(r.violations.filter((v) => v.startsWith('FTG-KIN-1'))).toEqual([]);
  });
  test('environment-agnostic: the China scenario is reported, and synthesis fails on it', () => {
    const r = synth({}, bare);
    expect(r.violations.some((v) => v.startsWith('FTG-KIN-1'))).toBe(true);
    expect(r.error?.message).toMatch(/Scenario: when AwsCdkKinesisEncryptedStreamsUnsupportedRegions = true/);
  });
});
