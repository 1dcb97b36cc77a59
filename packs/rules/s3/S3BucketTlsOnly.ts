import { defineRule, NOT_APPLICABLE } from '../../engine/rule';
import { wildcardMatch } from '../../engine/policy';
import { namesOf, Resource, TemplateModel } from '../../engine/template';
import { Opaque } from '../../engine/values';
import { tlsOnlyOutcome } from '../../engine/resource-policy';

/**
 * The names a bucket can have (for bucket policies that name it instead of referring to it): its
 * literal BucketName, or the expression it is built by (a policy can repeat the same Fn::Sub).
 */
export function bucketNames(bucket: Resource): Array<string | Opaque> {
  return namesOf(bucket, 'BucketName');
}

/** The bucket policies of the template that apply to `bucket` (by Ref, or by its literal name). */
export function bucketPoliciesOf(bucket: Resource, template: TemplateModel): Resource[] {
  return template.pointingAt(bucket, 'AWS::S3::BucketPolicy', 'Bucket', bucketNames(bucket));
}

/**
 * An S3 bucket refuses requests that are not over TLS: its bucket policy has a Deny of `s3:*` (or `*`)
 * for every principal when `aws:SecureTransport` is false (what CDK's `enforceSSL: true` writes).
 * Without a bucket policy S3 accepts plain HTTP, so no policy is non-compliant.
 */
export const S3BucketTlsOnly = defineRule({
  id: 'FTG-S3-2',
  name: 'S3BucketTlsOnly',
  items: ['DM-1'],
  resourceTypes: ['AWS::S3::Bucket'],
  info: {
    en: 'The S3 bucket does not deny requests that are not sent over TLS (no bucket policy statement denying s3:* when aws:SecureTransport is false).',
    ja: 'S3 バケットが TLS 以外のリクエストを拒否していません（aws:SecureTransport が false のとき s3:* を拒否するバケットポリシーがありません）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit as well as at rest. S3 still answers plain HTTP unless the bucket policy denies it, so a client or a misconfigured SDK can move data in clear text.',
    ja: 'DM-1 は保管時だけでなく通信時のデータ暗号化も求めています。S3 はバケットポリシーで拒否しない限り HTTP（平文）のリクエストにも応答するため、クライアントや設定を誤った SDK がデータを平文で送受信できてしまいます。',
  },
  fix: {
    en: 'Set `enforceSSL: true` on the `s3.Bucket`, or add an AWS::S3::BucketPolicy for the bucket with a statement { Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN/*], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    ja: '`s3.Bucket` に `enforceSSL: true` を指定するか、CloudFormation でバケットの AWS::S3::BucketPolicy に { Effect: Deny, Principal: "*", Action: "s3:*", Resource: [バケット ARN, バケット ARN/*], Condition: { Bool: { "aws:SecureTransport": "false" } } } のステートメントを追加してください。',
  },
  details: {
    bucketPolicy: { en: 'bucket policy', ja: 'バケットポリシー' },
    noPolicy: {
      en: 'the bucket has no bucket policy (AWS::S3::BucketPolicy), so nothing denies plain-HTTP requests',
      ja: 'バケットにバケットポリシー（AWS::S3::BucketPolicy）がないため、HTTP（平文）のリクエストを拒否するものがありません',
    },
  },
  check(bucket, ctx) {
    if (bucket.type !== 'AWS::S3::Bucket') return NOT_APPLICABLE;
    const policies = bucketPoliciesOf(bucket, ctx.template);
    return tlsOnlyOutcome(policies, 'PolicyDocument', (s) => s.actions?.some((a) => wildcardMatch(a, 's3:*')) ?? false,
      { key: 'bucketPolicy' }, { key: 'noPolicy' });
  },
});
