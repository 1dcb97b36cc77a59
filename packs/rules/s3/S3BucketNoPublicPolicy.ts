import { COMPLIANT, defineRule, NOT_APPLICABLE, worst } from '../../engine/rule';
import { publicAllowOutcome } from '../../engine/resource-policy';
import { bucketPoliciesOf } from './S3BucketTlsOnly';

/**
 * An S3 bucket's policy does not allow everyone: no Allow statement with Principal `*` (or
 * `{"AWS": "*"}`, or NotPrincipal) unless a condition limits who it reaches (aws:SourceArn,
 * aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp...). A bucket without a policy
 * is compliant (nothing public is granted by a policy; ACLs are FTG-S3-3's business).
 */
export const S3BucketNoPublicPolicy = defineRule({
  id: 'FTG-S3-6',
  name: 'S3BucketNoPublicPolicy',
  items: ['DM-4', 'BP-2'],
  resourceTypes: ['AWS::S3::Bucket'],
  info: {
    en: 'The S3 bucket policy allows everyone (Principal "*") without a condition that limits who can use it.',
    ja: 'S3 バケットポリシーが、利用者を限定する条件なしに全員（Principal "*"）を許可しています。',
  },
  explanation: {
    en: 'DM-4 asks that data is stored only where its sensitivity allows; a bucket open to everyone is a public store. BP-2 asks for authorization between systems, not only encryption: an Allow to "*" lets any AWS account or anonymous caller in. Service access should be limited with aws:SourceArn/aws:SourceAccount, and shared access with aws:PrincipalOrgID or aws:SourceVpce.',
    ja: 'DM-4 はデータを機微性に応じた場所にのみ保管することを求めており、全員に開かれたバケットは公開の保管場所です。BP-2 は暗号化だけでなくシステム間の認可を求めています。"*" への Allow は、あらゆる AWS アカウントや匿名の呼び出し元を許します。サービスからのアクセスは aws:SourceArn / aws:SourceAccount で、共有アクセスは aws:PrincipalOrgID や aws:SourceVpce で限定してください。',
  },
  fix: {
    en: 'In `bucket.addToResourcePolicy(...)` use specific principals (e.g. `new iam.ServicePrincipal(...)` with `conditions: { StringEquals: { "aws:SourceAccount": ... } }`, or `new iam.AccountPrincipal(...)`), or in CloudFormation replace Principal "*" in the AWS::S3::BucketPolicy PolicyDocument or add a Condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or aws:SourceVpce.',
    ja: '`bucket.addToResourcePolicy(...)` では特定のプリンシパル（`conditions: { StringEquals: { "aws:SourceAccount": ... } }` を付けた `new iam.ServicePrincipal(...)` や `new iam.AccountPrincipal(...)` など）を使うか、CloudFormation の AWS::S3::BucketPolicy の PolicyDocument で Principal "*" を置き換えるか、aws:SourceArn・aws:SourceAccount・aws:PrincipalOrgID・aws:SourceVpce の Condition を追加してください。',
  },
  details: {
    bucketPolicy: { en: 'bucket policy {id}', ja: 'バケットポリシー {id}' },
  },
  check(bucket, ctx) {
    if (bucket.type !== 'AWS::S3::Bucket') return NOT_APPLICABLE;
    const policies = bucketPoliciesOf(bucket, ctx.template);
    if (policies.length === 0) return COMPLIANT;
    return worst(...policies.map((p) => publicAllowOutcome(p, 'PolicyDocument', { key: 'bucketPolicy', params: { id: p.logicalId } })));
  },
});
