import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cdkInternalKind } from '../../packs/cdk-internals';
import { FinTechChecks } from '../../packs/fintech-checks';
import { ALL_RULES } from '../../packs/rules';

function appWithAutoDelete(props: { acknowledgeCdkInternals?: boolean } = {}) {
  const app = new App();
  const stack = new Stack(app, 'S');
  new s3.Bucket(stack, 'Tmp', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  new FinTechChecks(app, props); // adds its aspects; not registered as a plugin, so that synthesis here does not validate
  return { app, stack };
}

describe('acknowledging CDK internals', () => {
  test('recognises the auto-delete-objects provider and the Provider framework, not user constructs', () => {
    const { stack } = appWithAutoDelete();
    const provider = stack.node.findChild('Custom::S3AutoDeleteObjectsCustomResourceProvider');
    expect(cdkInternalKind(provider)).toMatch(/custom-resource provider/);
    expect(cdkInternalKind(stack.node.findChild('Tmp'))).toBeUndefined();
  });

  test('the provider function and role carry acknowledgments with reasons, for the rules that look at them', () => {
    const { stack } = appWithAutoDelete();
    const tpl = Template.fromStack(stack).toJSON();
    const handler = Object.values<any>(tpl.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
    const acks = handler.Metadata['fintech-guardrails'].acknowledged;
    const lambdaRules = ALL_RULES.filter((r) => r.resourceTypes.includes('AWS::Lambda::Function')).map((r) => `FinTechChecks::${r.id}`);
    expect(acks.map((a: any) => a.id)).toEqual(expect.arrayContaining(lambdaRules));
    for (const a of acks) expect(a.reason).toMatch(/generated and maintained by aws-cdk-lib/);
  });

  test('can be turned off', () => {
    const { stack } = appWithAutoDelete({ acknowledgeCdkInternals: false });
    const tpl = Template.fromStack(stack).toJSON();
    const handler = Object.values<any>(tpl.Resources).find((r) => r.Type === 'AWS::Lambda::Function');
    expect(handler.Metadata?.['fintech-guardrails']).toBeUndefined();
  });
});
