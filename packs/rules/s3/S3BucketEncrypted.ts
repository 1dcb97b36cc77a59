import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, worst } from '../../engine/rule';
import { TemplateModel, Resource } from '../../engine/template';
import { Alt, isOpaque } from '../../engine/values';
import { bucketNames } from './S3BucketTlsOnly';

/** Whether another bucket of the template delivers its server access logs into `bucket`. */
export function isAccessLogDestination(bucket: Resource, template: TemplateModel): boolean {
  return template.pointingAt(bucket, 'AWS::S3::Bucket', 'LoggingConfiguration.DestinationBucketName', bucketNames(bucket))
    .some((other) => other.logicalId !== bucket.logicalId);
}

/** LoadBalancerAttributes keys by which an Application Load Balancer writes log files into an S3 bucket. */
const ALB_LOG_BUCKET_KEYS: readonly string[] = ['access_logs.s3.bucket', 'connection_logs.s3.bucket'];

/**
 * Whether an Application Load Balancer of the template writes its access or connection logs into
 * `bucket` (LoadBalancerAttributes `access_logs.s3.bucket` / `connection_logs.s3.bucket` is a Ref to
 * it or its literal name). ELB supports only SSE-S3 on such a bucket (CDK's `logAccessLogs` throws on
 * a KMS key); a Network Load Balancer can write to SSE-KMS, so it does not count.
 */
export function isAlbLogDestination(bucket: Resource, template: TemplateModel): boolean {
  const isApplication = (lb: Resource) => lb.prop('Type').every((t) => t.known && (t.value === undefined || t.value === 'application'));
  const logBucketValues = (lb: Resource): Alt[] => !isApplication(lb) ? [] : lb.prop('LoadBalancerAttributes').flatMap((alt) =>
    alt.known && Array.isArray(alt.value)
      ? alt.value
        .filter((attr: unknown) => lb.resolve(attr, 'Key').every((k) => k.known && typeof k.value === 'string' && ALB_LOG_BUCKET_KEYS.includes(k.value)))
        .flatMap((attr: unknown) => lb.resolve((attr as { Value?: unknown } | null)?.Value))
      : []);
  return template.pointingAt(bucket, 'AWS::ElasticLoadBalancingV2::LoadBalancer', logBucketValues, bucketNames(bucket)).length > 0;
}

/**
 * An S3 bucket states its default encryption with KMS (SSE-KMS or DSSE-KMS), not only S3-managed keys.
 * Exceptions, where AWS log delivery needs SSE-S3 (AES256): a bucket that receives server access logs
 * (S3 log delivery cannot write to SSE-KMS buckets without a key policy for it), and a bucket that
 * receives an Application Load Balancer's access or connection logs (ELB supports only SSE-S3).
 */
export const S3BucketEncrypted = defineRule({
  id: 'FTG-S3-1',
  name: 'S3BucketEncrypted',
  items: ['DM-1', 'DM-2'],
  resourceTypes: ['AWS::S3::Bucket'],
  info: {
    en: 'The S3 bucket does not use KMS default encryption (aws:kms or aws:kms:dsse).',
    ja: 'S3 バケットのデフォルト暗号化に KMS (aws:kms または aws:kms:dsse) が使われていません。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted at rest; DM-2 asks for managed, rotated keys. S3-managed keys (SSE-S3) cannot be rotated, audited or revoked by the team.',
    ja: 'DM-1 は保管時のデータ暗号化を、DM-2 は鍵の管理とローテーションを求めています。S3 管理キー (SSE-S3) ではチームが鍵をローテーション・監査・無効化できません。',
  },
  fix: {
    en: "Set `encryption: s3.BucketEncryption.KMS` with `encryptionKey` (a key with rotation on), or in CloudFormation BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm: aws:kms.",
    ja: '`encryption: s3.BucketEncryption.KMS` と `encryptionKey`（ローテーション有効な鍵）を指定するか、CloudFormation の BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm を aws:kms にしてください。',
  },
  details: {
    noEncryption: { en: 'BucketEncryption is not set (S3 then uses SSE-S3)', ja: 'BucketEncryption が未設定です（この場合 S3 は SSE-S3 を使います）' },
  },
  check(bucket, ctx) {
    if (bucket.type !== 'AWS::S3::Bucket') return NOT_APPLICABLE;
    const logDestination = isAccessLogDestination(bucket, ctx.template) || isAlbLogDestination(bucket, ctx.template);
    const accepted = logDestination ? ['aws:kms', 'aws:kms:dsse', 'AES256'] : ['aws:kms', 'aws:kms:dsse'];
    const outcomes = bucket.prop('BucketEncryption.ServerSideEncryptionConfiguration').map((alt) => {
      if (!alt.known) return judge([alt], 'ServerSideEncryptionConfiguration', () => undefined);
      if (alt.value === undefined) return nonCompliant('noEncryption', {});
      if (isOpaque(alt.value) || !Array.isArray(alt.value)) return judge([alt], 'ServerSideEncryptionConfiguration', () => undefined);
      if (alt.value.length === 0) return nonCompliant('list-empty', { what: 'ServerSideEncryptionConfiguration' });
      return worst(...alt.value.map((rule: unknown) =>
        judge(bucket.resolve(rule, 'ServerSideEncryptionByDefault.SSEAlgorithm'), 'SSEAlgorithm',
          (v) => (typeof v === 'string' ? accepted.includes(v) : undefined))));
    });
    return outcomes.length ? worst(...outcomes) : COMPLIANT;
  },
});
