/**
 * Checks at deploy time (issue: "the baseline beyond BLEA for FSI"): what `FinTechChecks` does at
 * `cdk synth`, done again by AWS on every stack the account deploys, CDK or not.
 *
 * - `GuardRulesHook` (lib/baseline/guard-hook.ts): the project's cfn-guard rules as a CloudFormation
 *   Guard Hook on every stack operation, `WARN` by default. It needs its rules bundle as an S3 asset,
 *   so it is off by default where the baseline must be asset-free (`accountSettings: 'detect'`, the
 *   form the organization baseline rolls out through StackSets); turning it on there is the user's call.
 * - `GuidelineConformancePack` (lib/baseline/conformance-pack.ts): the guideline's AWS Config
 *   conformance pack, which judges the resources already deployed, continuously. Its rules are named
 *   `ftg-<item IDs>-<rule>`, so they sit beside the baseline's own Config rules without clashing.
 */
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FinTechAccountBaselineProps } from '../account-baseline-props';
import { GuidelineConformancePack } from '../conformance-pack';
import { GuardRulesHook } from '../guard-hook';
import { BaselineContext } from './context';

/** What the engineer role may not do to the deploy-time checks (added to its denial by the baseline). */
export const DEPLOY_CHECKS_DENIED_ACTIONS: readonly string[] = [
  'cloudformation:DeactivateType',
  'cloudformation:SetTypeConfiguration',
  'cloudformation:SetTypeDefaultVersion',
  'cloudformation:DeregisterType',
];

export class DeployChecks {
  /** The Guard Hook, when deployed. */
  public readonly guardHook?: GuardRulesHook;
  /** The conformance pack, when deployed. */
  public readonly conformancePack?: GuidelineConformancePack;

  constructor(base: BaselineContext, props: FinTechAccountBaselineProps, recorder: config.CfnConfigurationRecorder | undefined) {
    const stack = base.stack;
    const hook = props.guardHook ?? (props.accountSettings ?? 'enforce') === 'enforce';
    if (hook !== false) {
      this.guardHook = new GuardRulesHook(stack, 'GuardRulesHook', hook === true ? {} : hook);
    }
    const pack = props.conformancePack ?? true;
    if (pack !== false) {
      this.conformancePack = new GuidelineConformancePack(stack, 'GuidelineConformancePack', pack === true ? {} : pack);
      // A conformance pack needs the recorder of its account and Region.
      if (recorder) this.conformancePack.node.addDependency(recorder);
    }
  }

  /** The statements that keep the engineer role from switching the hook off (none without a hook). */
  public engineerDenials(): iam.PolicyStatement[] {
    if (!this.guardHook) return [];
    return [new iam.PolicyStatement({
      sid: 'DenyDisablingDeployChecks',
      effect: iam.Effect.DENY,
      actions: [...DEPLOY_CHECKS_DENIED_ACTIONS],
      resources: [this.guardHook.hook.attrHookArn],
    })];
  }
}
