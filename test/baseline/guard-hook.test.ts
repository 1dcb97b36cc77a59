/**
 * GuardRulesHook: the template it synthesizes, the rules it selects, and the real cfn-guard binary on
 * the exact rules bundle the hook receives (the staged asset of the synthesized assembly), with plain
 * templates and with the input shape of a STACK Guard Hook (HookContext, the template, Previous).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { BY_LOGICAL_ID, GuardRulesHook, guardRuleScopes, guardRulesNeedingTemplate, selectGuardHookRules } from '../../lib/baseline/guard-hook';
import { resolveItemLevels } from '../../packs/engine/levels';
import { guardBinary, readGuardRules, runGuard } from '../../packs/guard/runner';
import { FinTechChecks } from '../../packs/fintech-checks';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };
const ALL = readGuardRules();

function synth(build: (stack: Stack) => void) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-guard-hook-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Hooks', { env: ENV });
  build(stack);
  const assembly = app.synth();
  return { app, stack, outdir, template: Template.fromStack(stack), assembly };
}

/** The directory CDK staged for the hook's RuleLocation, found through the asset manifest. */
function stagedBundle(outdir: string, template: Template): { dir: string; packaging: string } {
  const hook = Object.values(template.findResources('AWS::CloudFormation::GuardHook'))[0] as any;
  const uri: string = hook.Properties.RuleLocation.Uri;
  const key = uri.replace(/^s3:\/\/[^/]+\//, '');
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'Hooks.assets.json'), 'utf-8'));
  for (const file of Object.values(manifest.files) as any[]) {
    if (Object.values(file.destinations).some((d: any) => d.objectKey === key)) {
      return { dir: path.join(outdir, file.source.path), packaging: file.source.packaging };
    }
  }
  throw new Error(`no asset for ${uri}`);
}

const TAGS = [{ Key: 'data-classification', Value: 'confidential' }];
const COMPLIANT = {
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    Data: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogs' }, LogFilePrefix: 'data/' },
        Tags: TAGS,
      },
    },
    DataPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'Data' },
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      },
    },
    AccessLogs: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms:dsse' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        Tags: TAGS,
      },
    },
    AccessLogsPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'AccessLogs' },
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: ['*'], Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }] },
      },
    },
  },
};
const NON_COMPLIANT = { Resources: { Plain: { Type: 'AWS::S3::Bucket' }, Weak: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } } } };

/** The input of a STACK Guard Hook: HookContext, the proposed template at the root, Previous. */
function hookInput(template: object | undefined, previous?: object) {
  return {
    HookContext: {
      AWSAccountID: ENV.account,
      StackId: `arn:aws:cloudformation:${ENV.region}:${ENV.account}:stack/App/1a2345b6-0000-00a0-a123-00abc0abc000`,
      HookTypeName: 'FinTechGuardrails::Guard::Rules',
      HookTypeVersion: '00000001',
      InvocationPoint: template ? 'UPDATE_PRE_PROVISION' : 'DELETE_PRE_PROVISION',
      TargetName: 'App',
      TargetType: 'STACK',
      ChangeSetId: '',
    },
    ...(template ?? {}),
    ...(previous ? { Previous: previous } : {}),
  };
}

/** cfn-guard's exit code on one input (0: every rule passed or skipped; 19: a rule failed). */
function guardExitCode(rulesDir: string, data: object): number {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-guard-hook-data-'));
  try {
    const file = path.join(tmp, 'input.json');
    fs.writeFileSync(file, JSON.stringify(data));
    const r = spawnSync(guardBinary(), ['validate', '--rules', rulesDir, '--data', file, '--output-format', 'json', '--show-summary', 'none'], { encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
    return r.status ?? -1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

describe('GuardRulesHook template', () => {
  test('defaults: a WARN Guard Hook on STACK operations, rules from the asset, a role that can read only that object', () => {
    const { template, outdir } = synth((s) => new GuardRulesHook(s, 'Hook'));
    template.resourceCountIs('AWS::CloudFormation::GuardHook', 1);
    template.hasResourceProperties('AWS::CloudFormation::GuardHook', {
      Alias: 'FinTechGuardrails::Guard::Rules',
      FailureMode: 'WARN',
      HookStatus: 'ENABLED',
      TargetOperations: ['STACK'],
      RuleLocation: { Uri: Match.stringLikeRegexp('^s3://cdk-[a-z0-9]+-assets-123456789012-ap-northeast-1/[0-9a-f]{64}\\.zip$') },
      ExecutionRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HookExecutionRole'), 'Arn'] },
      LogBucket: Match.absent(),
      StackFilters: Match.absent(),
    });
    const hook = Object.values(template.findResources('AWS::CloudFormation::GuardHook'))[0] as any;
    const key = hook.Properties.RuleLocation.Uri.replace(/^s3:\/\/[^/]+\//, '');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'hooks.cloudformation.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }],
      },
      Policies: [{
        PolicyName: 'GuardHook',
        PolicyDocument: {
          Statement: [{
            Sid: 'ReadGuardRules',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::cdk-hnb659fds-assets-123456789012-ap-northeast-1/${key}`]] },
          }],
        },
      }],
    });
    expect(stagedBundle(outdir, template).packaging).toBe('zip');
  });

  test('FAIL on request, with a report bucket the role may write to, stack filters and a custom alias', () => {
    const { template } = synth((s) => {
      const bucket = s3.Bucket.fromBucketName(s, 'Reports', 'guard-reports-123456789012');
      new GuardRulesHook(s, 'Hook', {
        failureMode: 'FAIL',
        logBucket: bucket,
        alias: 'Acme::Guard::FinTech',
        stackFilters: { filteringCriteria: 'ALL', stackNames: { exclude: ['sandbox'] } },
      });
    });
    template.hasResourceProperties('AWS::CloudFormation::GuardHook', {
      Alias: 'Acme::Guard::FinTech',
      FailureMode: 'FAIL',
      LogBucket: 'guard-reports-123456789012',
      StackFilters: { FilteringCriteria: 'ALL', StackNames: { Exclude: ['sandbox'] } },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: [{
        PolicyDocument: {
          Statement: Match.arrayWith([{
            Sid: 'WriteGuardReports',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::guard-reports-123456789012/*']] },
          }]),
        },
      }],
    });
  });

  test('disabled on request', () => {
    const { template } = synth((s) => new GuardRulesHook(s, 'Hook', { enabled: false }));
    template.hasResourceProperties('AWS::CloudFormation::GuardHook', { HookStatus: 'DISABLED' });
  });

  test('bad props are refused with a message', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    expect(() => new GuardRulesHook(stack, 'A', { alias: 'AWS::Guard::Mine' })).toThrow(/alias/);
    expect(() => new GuardRulesHook(stack, 'B', { alias: 'OnlyTwo::Parts' })).toThrow(/Name1::Name2::Name3/);
    expect(() => new GuardRulesHook(stack, 'C', { failureMode: 'BLOCK' as any })).toThrow(/WARN' or 'FAIL/);
    expect(() => new GuardRulesHook(stack, 'D', { rules: ['FTG-S3-1', 'FTG-NOPE-9'] })).toThrow(/FTG-NOPE-9/);
    expect(() => new GuardRulesHook(stack, 'E', { rules: [] })).toThrow(/no guard rule/);
  });
});

describe('rule selection', () => {
  test('WARN carries every guard rule; FAIL only the rules of error level', () => {
    expect(selectGuardHookRules().map((r) => r.ruleId)).toEqual(ALL.map((r) => r.ruleId));
    const fail = selectGuardHookRules({ failureMode: 'FAIL' }).map((r) => r.ruleId);
    // FTG-CF-3 checks BP-4 (HSTS) only, a selectable item: a warning, so not in a FAIL hook by default.
    expect(fail).not.toContain('FTG-CF-3');
    expect(fail).toContain('FTG-S3-1');
    expect(fail.length).toBeGreaterThan(60);
    expect(fail.length).toBeLessThan(ALL.length);
  });

  test('team levels move rules in and out; explicit rules win', () => {
    const raised = resolveItemLevels({ 'BP-4': { level: 'error', reason: 'We serve a web front end: HSTS is required.' } });
    expect(selectGuardHookRules({ failureMode: 'FAIL', levels: raised }).map((r) => r.ruleId)).toContain('FTG-CF-3');
    const off = resolveItemLevels({ 'BP-4': { level: 'off', reason: 'No web front end in this account.' } });
    expect(selectGuardHookRules({ levels: off }).map((r) => r.ruleId)).not.toContain('FTG-CF-3');
    expect(selectGuardHookRules({ failureMode: 'FAIL', rules: ['FTG-CF-3'] }).map((r) => r.ruleId)).toEqual(['FTG-CF-3']);
  });

  test('the rules that need the whole template (not runnable per resource) are computed from the rule files', () => {
    const scopes = guardRuleScopes();
    expect(scopes.map((s) => s.ruleId).sort()).toEqual(ALL.map((r) => r.ruleId).sort());
    for (const s of scopes) expect({ rule: s.ruleId, reportsOn: s.reportsOn.length > 0 }).toEqual({ rule: s.ruleId, reportsOn: true });
    const needing = guardRulesNeedingTemplate();
    expect(needing).toEqual(expect.arrayContaining(['FTG-S3-2', 'FTG-S3-6', 'FTG-CT-4', 'FTG-EC2-2', 'FTG-SM-1', 'FTG-WAF-1']));
    expect(needing).not.toContain('FTG-S3-3');
    expect(needing).not.toContain('FTG-KMS-1');
    expect(scopes.find((s) => s.ruleId === 'FTG-S3-2')!.reads).toEqual(['AWS::S3::BucketPolicy']);
    // FTG-S3-1 reads the load balancers whose access logs a bucket receives (SSE-S3 allowed there).
    expect(scopes.find((s) => s.ruleId === 'FTG-S3-1')!.reads).toEqual(['AWS::ElasticLoadBalancingV2::LoadBalancer']);
    expect(needing).toContain('FTG-S3-1');
    const selfJoins = scopes.filter((s) => s.reads.includes(BY_LOGICAL_ID)).map((s) => s.ruleId);
    expect(selfJoins.length).toBeGreaterThan(0);
  });
});

describe('the real cfn-guard on the bundle the hook receives', () => {
  const { template, outdir } = synth((s) => new GuardRulesHook(s, 'Hook'));
  const bundle = stagedBundle(outdir, template).dir;
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('the bundle holds exactly the selected .guard files, flat', () => {
    const files = fs.readdirSync(bundle).sort();
    expect(files.every((f) => f.endsWith('.guard'))).toBe(true);
    expect(files).toEqual(ALL.map((r) => path.basename(r.file)).sort());
  });

  test('a compliant template passes, a non-compliant one fails with the expected rules', () => {
    expect(runGuard([COMPLIANT], { rulesDir: bundle })).toEqual([]);
    const failures = runGuard([NON_COMPLIANT], { rulesDir: bundle }).map((f) => `${f.logicalId} ${f.rule}`);
    expect(failures).toEqual(expect.arrayContaining(['Plain FTG_S3_1', 'Plain FTG_S3_3', 'Plain FTG_TAG_1', 'Weak FTG_KMS_1']));
  });

  test('with the STACK hook input: the proposed template is judged, Previous is not, a delete passes', () => {
    expect(guardExitCode(bundle, hookInput(COMPLIANT))).toBe(0);
    expect(guardExitCode(bundle, hookInput(NON_COMPLIANT))).toBe(19);
    // The last deployed template was non-compliant; the proposed one is fixed: the hook passes.
    expect(guardExitCode(bundle, hookInput(COMPLIANT, NON_COMPLIANT))).toBe(0);
    // delete-stack: no template, every rule skips.
    expect(guardExitCode(bundle, hookInput(undefined))).toBe(0);
    // The same failures are found as on the plain template.
    const plain = runGuard([NON_COMPLIANT], { rulesDir: bundle }).map((f) => `${f.logicalId} ${f.rule}`).sort();
    const hooked = runGuard([hookInput(NON_COMPLIANT, COMPLIANT) as any], { rulesDir: bundle }).map((f) => `${f.logicalId} ${f.rule}`).sort();
    expect(hooked).toEqual(plain);
  });

  test('a FAIL hook bundle leaves out warning-level rules', () => {
    const fail = synth((s) => new GuardRulesHook(s, 'Hook', { failureMode: 'FAIL' }));
    try {
      const dir = stagedBundle(fail.outdir, fail.template).dir;
      expect(fs.readdirSync(dir)).not.toContain('ftg-cf-3.guard');
      expect(fs.readdirSync(dir)).toContain('ftg-s3-1.guard');
    } finally {
      fs.rmSync(fail.outdir, { recursive: true, force: true });
    }
  });
});

describe('checks on the construct itself', () => {
  function build(outdir?: string) {
    const app = new App({ outdir });
    const defaults = new Stack(app, 'Defaults', { env: ENV });
    new GuardRulesHook(defaults, 'Hook');
    const full = new Stack(app, 'Full', { env: ENV });
    const reports = new s3.Bucket(full, 'Reports', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsPrefix: 'access/',
    });
    new GuardRulesHook(full, 'Hook', { failureMode: 'FAIL', logBucket: reports });
    const imported = new Stack(app, 'Imported', { env: ENV });
    new GuardRulesHook(imported, 'Hook', { logBucket: s3.Bucket.fromBucketName(imported, 'Reports', 'guard-reports-123456789012') });
    return app;
  }

  /** Temporarily changes the type of acknowledgment metadata entries so that cdk-nag ignores them. */
  function hideAcknowledgments(root: IConstruct): () => void {
    const changed: { type: string }[] = [];
    for (const node of root.node.findAll()) {
      for (const entry of node.node.metadata as { type: string }[]) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) { entry.type = 'hidden-for-test'; changed.push(entry); }
      }
    }
    return () => { for (const e of changed) e.type = Validations.ACKNOWLEDGED_RULES_METADATA_KEY; };
  }

  test('cdk-nag AwsSolutionsChecks finds nothing; the one acknowledgment (report bucket writes) is needed', () => {
    const app = build();
    app.synth();
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations).toEqual([]);
    const restore = hideAcknowledgments(app);
    try {
      const bare = new AwsSolutionsChecks().validateScope(app);
      expect(bare.violations.map((v: any) => v.ruleName).sort()).toEqual([
        expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Reports[0-9A-F]+\.Arn>\/\*\]$/),
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::guard-reports-123456789012/*]',
      ]);
    } finally {
      restore();
    }
  });

  test('FinTechChecks finds nothing in the hook stacks (the test report bucket itself is not meant to comply)', () => {
    const app = build();
    const pack = new FinTechChecks(app);
    app.synth();
    const violations = pack.validateScope(app).violations as any[];
    const outsideTestBucket = violations.filter((v) => (v.violatingResources ?? []).some((r: any) => r.constructPath !== 'Full/Reports/Resource'));
    expect(outsideTestBucket).toEqual([]);
    expect(violations.length).toBeGreaterThan(0); // the check runs: the bare test bucket is reported
  });
});
