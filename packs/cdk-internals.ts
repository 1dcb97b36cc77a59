/**
 * Acknowledgments for the resources that aws-cdk-lib itself adds to an app: custom-resource providers
 * (auto-delete objects, AwsCustomResource, the Provider framework, cross-region exports, default
 * security group restriction), BucketDeployment, bucket-notification and log-retention functions.
 * Their code, runtime and roles are managed (and updated) by aws-cdk-lib, not by the team; they do not
 * handle customer data. Acknowledging them with a reason keeps reports honest and spares every user
 * the same boilerplate.
 */
import { AspectPriority, Aspects, IAspect, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RuleDefinition } from './engine/rule';
import { PACK_NAME } from './engine/runner';

/** Construct IDs (or patterns) of aws-cdk-lib's internal constructs, with what they are. */
export const CDK_INTERNALS: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /^Custom::.*CustomResourceProvider$/, what: 'a CDK custom-resource provider (CustomResourceProvider)' },
  { pattern: /^AWS679f53fac002430cb0da5b7982bd2287$/, what: 'the AwsCustomResource singleton function' },
  { pattern: /^Custom::CDKBucketDeployment[0-9A-F]{32}/i, what: 'the BucketDeployment singleton function' },
  { pattern: /^BucketNotificationsHandler050a0587b7544547bf325f094a3db834$/, what: 'the S3 bucket-notifications handler' },
  { pattern: /^LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a$/, what: 'the log-retention function' },
  { pattern: /^framework-(onEvent|isComplete|onTimeout)$/, what: 'a function of the custom-resource Provider framework' },
  { pattern: /^waiter-state-machine$/, what: 'the state machine of the custom-resource Provider framework' },
];

/** Resource types that internal constructs create and that rules may look at. */
const INTERNAL_TYPES = new Set(['AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::Logs::LogGroup', 'AWS::StepFunctions::StateMachine']);

/** Which internal construct `node` is, if any. */
export function cdkInternalKind(node: IConstruct): string | undefined {
  return CDK_INTERNALS.find((i) => i.pattern.test(node.node.id))?.what;
}

class AcknowledgeCdkInternals implements IAspect {
  private readonly ruleIds: string[];

  constructor(rules: readonly RuleDefinition[]) {
    this.ruleIds = rules.filter((r) => r.resourceTypes.some((t) => INTERNAL_TYPES.has(t))).map((r) => r.id);
  }

  public visit(node: IConstruct): void {
    const what = cdkInternalKind(node);
    if (!what || this.ruleIds.length === 0) return;
    Validations.of(node).acknowledge(...this.ruleIds.map((id) => ({
      id: `${PACK_NAME}::${id}`,
      reason: `${node.node.path} is ${what}: its code, runtime and IAM role are generated and maintained by aws-cdk-lib (updated with the library), and it handles no customer data.`,
    })));
  }
}

/**
 * Acknowledge the FinTechChecks rules on aws-cdk-lib's own internal constructs under `scope`, with
 * reasons. `FinTechChecks` does this by default (prop `acknowledgeCdkInternals`).
 */
export function acknowledgeCdkInternals(scope: IConstruct, rules: readonly RuleDefinition[]): void {
  // Runs before the aspect that records acknowledgments in templates (default priority).
  Aspects.of(scope).add(new AcknowledgeCdkInternals(rules), { priority: AspectPriority.MUTATING });
}
