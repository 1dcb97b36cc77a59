import { Via, viaNote } from '../../engine/messages';
import { hasHoles, HOLE, referencedResource, refersTo, showHoles, textsOf } from '../../engine/lookup';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';

/** An AWS service principal: `s3.amazonaws.com`, `lambda.alarms.cloudwatch.amazonaws.com`, `*.amazonaws.com.cn`. */
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/i;

/**
 * Service principals that cannot act for another account on this function, so that SourceArn or
 * SourceAccount adds nothing against the confused deputy: Elastic Load Balancing invokes a Lambda
 * target only for a target group of the same account (and CDK's `LambdaTarget` writes the
 * permission without a source).
 */
export const SAME_ACCOUNT_ONLY: Readonly<Record<string, string>> = {
  'elasticloadbalancing.amazonaws.com': 'a Lambda function and its target group must be in the same account',
};

/**
 * A Lambda permission for an AWS service principal (`*.amazonaws.com`) says which resource or
 * account may use it: SourceArn or SourceAccount is set (not empty). Without either, the service
 * invokes the function on behalf of any of its customers, in any account, that names the function
 * (the confused deputy). Principals that are not services (`*` is FTG-LAMBDA-4's, accounts and
 * roles are not about services) are not applicable; see {@link SAME_ACCOUNT_ONLY} for the services
 * that are compliant without a source.
 */
export const LambdaServicePrincipalSource = defineRule({
  id: 'FTG-LAMBDA-5',
  name: 'LambdaServicePrincipalSource',
  items: ['BP-2'],
  resourceTypes: ['AWS::Lambda::Permission'],
  info: {
    en: 'The Lambda permission lets an AWS service invoke the function for any account (a service Principal with neither SourceArn nor SourceAccount).',
    ja: 'Lambda のアクセス許可により、AWS サービスがどのアカウントのためにも関数を呼び出せます（サービスの Principal に SourceArn も SourceAccount もありません）。',
  },
  explanation: {
    en: 'BP-2 asks for authorization between systems, not only encryption. A permission for a service principal such as s3.amazonaws.com or sns.amazonaws.com without SourceArn or SourceAccount trusts the service, not the resource that calls: another AWS customer can point their bucket, topic or rule at the function and have the service invoke it (the cross-service confused deputy).',
    ja: 'BP-2 は暗号化だけでなくシステム間の認可を求めています。SourceArn も SourceAccount もない s3.amazonaws.com や sns.amazonaws.com などのサービスプリンシパル向けの許可は、呼び出し元のリソースではなくサービスそのものを信頼します。別の AWS 利用者が自分のバケット・トピック・ルールをこの関数に向けるだけで、サービスに関数を呼び出させることができます（サービス間の混乱した代理問題）。',
  },
  fix: {
    en: 'Give the source: `fn.addPermission(id, { principal: new iam.ServicePrincipal("s3.amazonaws.com"), sourceArn: bucket.bucketArn, sourceAccount: Stack.of(this).account })`; CDK\'s own integrations (s3n.LambdaDestination, subs.LambdaSubscription, targets.LambdaFunction, LambdaIntegration) already do. Where a construct writes no source (e.g. `secret.addRotationSchedule({ rotationLambda })`), set it on the lambda.CfnPermission it writes, for example with an aspect: `Aspects.of(stack).add({ visit: (n) => { if (n instanceof lambda.CfnPermission && n.principal === \'secretsmanager.amazonaws.com\') n.sourceAccount = Aws.ACCOUNT_ID; } })`. In CloudFormation set AWS::Lambda::Permission SourceArn (the calling resource) or SourceAccount.',
    ja: '呼び出し元を指定してください: `fn.addPermission(id, { principal: new iam.ServicePrincipal("s3.amazonaws.com"), sourceArn: bucket.bucketArn, sourceAccount: Stack.of(this).account })`。CDK の連携（s3n.LambdaDestination、subs.LambdaSubscription、targets.LambdaFunction、LambdaIntegration）は指定済みです。呼び出し元を書かない Construct（例: `secret.addRotationSchedule({ rotationLambda })`）では、その Construct が書く lambda.CfnPermission に設定します。例えば Aspect で: `Aspects.of(stack).add({ visit: (n) => { if (n instanceof lambda.CfnPermission && n.principal === \'secretsmanager.amazonaws.com\') n.sourceAccount = Aws.ACCOUNT_ID; } })`。CloudFormation では AWS::Lambda::Permission の SourceArn（呼び出し元のリソース）または SourceAccount を設定してください。',
  },
  details: {
    noSource: {
      en: 'Principal is the service {principal}{via} and neither SourceArn nor SourceAccount is set',
      ja: 'Principal がサービス {principal}{via} で、SourceArn も SourceAccount も設定されていません',
    },
    noSourceSomewhere: {
      en: 'Principal is the service {principal}{via} and SourceArn and SourceAccount are not set for every value they can take',
      ja: 'Principal がサービス {principal}{via} で、SourceArn と SourceAccount が取りうるすべての値で設定されているわけではありません',
    },
    sourceUnknown: {
      en: 'Principal is the service {principal}{via} and whether SourceArn or SourceAccount is set cannot be verified before deployment ({why})',
      ja: 'Principal がサービス {principal}{via} で、SourceArn または SourceAccount が設定されているかをデプロイ前には検証できません（{why}）',
    },
    principalBuilt: {
      en: 'Principal is {principal}, made of values only known at deployment, so whether it is an AWS service cannot be verified',
      ja: 'Principal は {principal} で、デプロイ時にしか決まらない値からなるため、AWS サービスかどうかを検証できません',
    },
  },
  check(permission) {
    if (permission.type !== 'AWS::Lambda::Permission') return NOT_APPLICABLE;
    return worst(...permission.prop('Principal').map((alt): Outcome => {
      if (!alt.known) return unverifiable('at', { what: 'Principal', why: alt.why });
      if (typeof alt.value === 'string') return forPrincipal(permission, alt.value, alt.via);
      if (!isOpaque(alt.value)) return NOT_APPLICABLE;
      // A role's or user's ARN, or the stack's account, is not a service name; another resource's attribute may be one.
      const raw = alt.value.raw as { Ref?: unknown };
      if (alt.value.fn !== 'Fn::Sub' && alt.value.fn !== 'Fn::Join') {
        const target = alt.value.target ? permission.template.resource(alt.value.target) : undefined;
        return target?.type.startsWith('AWS::IAM::') || raw.Ref === 'AWS::AccountId' ? NOT_APPLICABLE : unverifiable('principalBuilt', { principal: String(alt.value) });
      }
      return worst(...textsOf(permission, alt.value.raw).map((text) => {
        if (!hasHoles(text)) return forPrincipal(permission, text, alt.via);
        if (text.startsWith('arn:')) return NOT_APPLICABLE; // a role, user or account ARN
        // `events.${AWS::URLSuffix}`, `states.${AWS::Region}.amazonaws.com`: a service; other built texts cannot be told.
        const service = ['x', 'amazonaws.com'].some((hole) => SERVICE.test(text.split(HOLE).join(hole)));
        return service ? forPrincipal(permission, showHoles(text), alt.via, true) : unverifiable('principalBuilt', { principal: showHoles(text) });
      }));
    }));
  },
});

/**
 * Whether the permission's function is the rotation function of a secret of this template (what
 * `secret.addRotationSchedule({ rotationLambda })` writes: CDK gives no way to set a source there, and
 * scopes the function's role to that one secret, so another account's secret cannot be rotated with it).
 */
function rotatesSecretOfTemplate(permission: Resource): boolean {
  const functions = permission.prop('FunctionName').map((alt) => referencedResource(permission, alt, 'AWS::Lambda::Function'));
  if (functions.length === 0 || functions.some((f) => f === undefined)) return false;
  const schedules = permission.template.ofType('AWS::SecretsManager::RotationSchedule');
  return functions.every((fn) => schedules.some((s) => refersTo(s, s.json.Properties?.RotationLambdaARN, fn!.logicalId)));
}

/** The outcome for one value of Principal. */
function forPrincipal(permission: Resource, principal: string, via?: Via, isService = false): Outcome {
  if (!isService && !SERVICE.test(principal)) return NOT_APPLICABLE;
  if (SAME_ACCOUNT_ONLY[principal.toLowerCase()]) return COMPLIANT;
  if (principal.toLowerCase() === 'secretsmanager.amazonaws.com' && rotatesSecretOfTemplate(permission)) return COMPLIANT;
  const params = { principal, via: viaNote(via) };
  const states = (['SourceArn', 'SourceAccount'] as const).map((name) => {
    const alts = permission.prop(name);
    const unknown = alts.find((a) => !a.known);
    if (unknown && !unknown.known) return { state: 'unknown' as const, why: unknown.why };
    const set = alts.filter((a) => a.known && a.value !== undefined && a.value !== '').length;
    return { state: set === alts.length ? 'set' as const : set === 0 ? 'unset' as const : 'partly' as const };
  });
  if (states.some((s) => s.state === 'set')) return COMPLIANT;
  const unknown = states.find((s) => s.state === 'unknown');
  if (unknown && 'why' in unknown) return unverifiable('sourceUnknown', { ...params, why: unknown.why });
  return nonCompliant(states.some((s) => s.state === 'partly') ? 'noSourceSomewhere' : 'noSource', params);
}
