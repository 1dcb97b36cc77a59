/**
 * Checks at deploy time in the account baseline: the Guard Hook of the project's rules and the
 * guideline's conformance pack (lib/baseline/parts/deploy-checks.ts). The constructs themselves are
 * tested in guard-hook.test.ts and test/cli/conformance-pack.test.ts; here: how the baseline deploys them.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as yaml from 'yaml';
import { FinTechAccountBaseline, FinTechAccountBaselineProps } from '../../lib/baseline';
import { DEFAULT_CONFORMANCE_PACK_NAME } from '../../lib/baseline/conformance-pack';
import { DEFAULT_GUARD_HOOK_ALIAS } from '../../lib/baseline/guard-hook';
import { expectThrows } from '../helpers/constructs';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };

function synth(props: Partial<FinTechAccountBaselineProps> = {}): { stack: FinTechAccountBaseline; template: Template } {
  const app = new App();
  const stack = new FinTechAccountBaseline(app, 'Baseline', { env: ENV, managerEmails: ['security@example.co.jp'], ...props });
  return { stack, template: Template.fromStack(stack) };
}

describe('deploy-time checks of the account baseline', () => {
  test('by default: a WARN Guard Hook on every stack operation and the conformance pack after the recorder', () => {
    const { stack, template } = synth();
    template.resourceCountIs('AWS::CloudFormation::GuardHook', 1);
    template.hasResourceProperties('AWS::CloudFormation::GuardHook', {
      Alias: DEFAULT_GUARD_HOOK_ALIAS,
      FailureMode: 'WARN',
      HookStatus: 'ENABLED',
      TargetOperations: ['STACK'],
    });
    expect(stack.guardHook?.rules.length).toBeGreaterThan(50);

    template.resourceCountIs('AWS::Config::ConformancePack', 1);
    const [packId, pack] = Object.entries(template.findResources('AWS::Config::ConformancePack'))[0] as [string, any];
    expect(pack.Properties.ConformancePackName).toBe(DEFAULT_CONFORMANCE_PACK_NAME);
    const recorderId = Object.keys(template.findResources('AWS::Config::ConfigurationRecorder'))[0];
    expect(pack.DependsOn).toContain(recorderId);
    // The pack's template is the guideline's: every rule named with its item IDs.
    const body = yaml.parse(pack.Properties.TemplateBody);
    const names = Object.values(body.Resources).map((r: any) => r.Properties.ConfigRuleName as string);
    expect(names.length).toBe(stack.conformancePack?.rules.length);
    for (const name of names) expect(name).toMatch(/^ftg-([a-z]{2}-\d+-)+[a-z0-9-]+$/);
    expect(packId).toMatch(/^GuidelineConformancePack/);
  });

  test('the engineer role may not switch the hook off', () => {
    const { stack, template } = synth();
    const hookId = stack.getLogicalId(stack.guardHook!.hook);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(stack.roles.engineer.node.defaultChild as any) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyDisablingDeployChecks',
            Effect: 'Deny',
            Action: Match.arrayWith(['cloudformation:DeactivateType', 'cloudformation:SetTypeConfiguration']),
            Resource: { 'Fn::GetAtt': [hookId, 'HookArn'] },
          }),
        ]),
      },
    });
  });

  test("FAIL on request carries only the rules of error level; props reach the hook and the pack", () => {
    const warn = synth().stack.guardHook!;
    const { stack, template } = synth({
      guardHook: { failureMode: 'FAIL' },
      conformancePack: { conformancePackName: 'acme-fisc', driftDetectionRoleArn: 'arn:aws:iam::123456789012:role/ConfigDrift' },
    });
    template.hasResourceProperties('AWS::CloudFormation::GuardHook', { FailureMode: 'FAIL' });
    expect(stack.guardHook!.rules.length).toBeLessThan(warn.rules.length);
    template.hasResourceProperties('AWS::Config::ConformancePack', {
      ConformancePackName: 'acme-fisc',
      TemplateBody: Match.stringLikeRegexp('cloudformation-stack-drift-detection-check'),
    });
  });

  test("asset-free with accountSettings: 'detect' (no hook, the pack stays); on when asked", () => {
    const detect = synth({ accountSettings: 'detect' });
    detect.template.resourceCountIs('AWS::CloudFormation::GuardHook', 0);
    detect.template.resourceCountIs('AWS::Config::ConformancePack', 1);
    expect(detect.stack.guardHook).toBeUndefined();
    expect(JSON.stringify(detect.template.toJSON())).not.toMatch(/cdk-[a-z0-9]+-assets-/);
    // No denial statement for a hook that is not there.
    expect(JSON.stringify(detect.template.toJSON())).not.toContain('DenyDisablingDeployChecks');

    synth({ accountSettings: 'detect', guardHook: true }).template.resourceCountIs('AWS::CloudFormation::GuardHook', 1);
  });

  test('both off; without a recorder of its own the pack has no dependency', () => {
    const off = synth({ guardHook: false, conformancePack: false });
    off.template.resourceCountIs('AWS::CloudFormation::GuardHook', 0);
    off.template.resourceCountIs('AWS::Config::ConformancePack', 0);
    expect(off.stack.conformancePack).toBeUndefined();

    const noRecorder = synth({ configRecorder: false });
    const pack = Object.values(noRecorder.template.findResources('AWS::Config::ConformancePack'))[0] as any;
    expect(pack.DependsOn ?? []).toEqual([]);
  });

  test('bad props of the parts are refused at construction', () => {
    expectThrows(() => synth({ guardHook: { failureMode: 'BLOCK' as any } }), /failureMode must be 'WARN' or 'FAIL'/);
    expectThrows(() => synth({ conformancePack: { conformancePackName: '1-bad name' } }), /conformancePackName must start with a letter/);
  });
});
