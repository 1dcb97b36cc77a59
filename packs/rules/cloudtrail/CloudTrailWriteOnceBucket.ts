import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { asBoolean } from '../../engine/values';
import { describeValue, viaNote } from '../../engine/messages';
import { lookupValue } from '../../engine/lookup';

const BUCKET = 'AWS::S3::Bucket';

/**
 * A CloudTrail trail writes to a bucket of the template that is write-once: Object Lock on, with a
 * default retention in COMPLIANCE mode.
 */
export const CloudTrailWriteOnceBucket = defineRule({
  id: 'FTG-CT-4',
  name: 'CloudTrailWriteOnceBucket',
  items: ['LA-1', 'EX-1'],
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: {
    en: 'The CloudTrail trail does not write to a write-once bucket (S3 Object Lock with a COMPLIANCE-mode default retention).',
    ja: 'CloudTrail の証跡の保存先が書き込み専用（WORM）のバケット（COMPLIANCE モードの既定保持期間を持つ S3 オブジェクトロック）ではありません。',
  },
  explanation: {
    en: 'LA-1 asks for logs stored where they cannot be altered (reading is fine), and EX-1 for a record of root use that the root holder cannot change. S3 Object Lock in COMPLIANCE mode makes every log file undeletable and unchangeable until its retention ends, for every user including root. GOVERNANCE mode is not enough: any principal with s3:BypassGovernanceRetention can delete the logs.',
    ja: 'LA-1 は改ざんできない（読み込みは可）ストレージへのログ保管を、EX-1 はルート権限者自身も変更できない利用記録を求めています。S3 オブジェクトロックを COMPLIANCE モードにすると、保持期間が終わるまで、ルートを含むどのユーザーもログファイルを削除・変更できなくなります。GOVERNANCE モードでは不十分です。s3:BypassGovernanceRetention 権限を持つプリンシパルならログを削除できます。',
  },
  fix: {
    en: 'Give the trail a bucket created with `objectLockEnabled: true` and `objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(365))` (or use the WriteOnceLogArchive construct) via `bucket` on `cloudtrail.Trail` (CloudFormation: S3BucketName referring to an AWS::S3::Bucket with ObjectLockEnabled: true and ObjectLockConfiguration.Rule.DefaultRetention.Mode: COMPLIANCE). A bucket in a separate log-archive account cannot be checked here: attest it there.',
    ja: '`objectLockEnabled: true` と `objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(365))` で作成したバケット（または WriteOnceLogArchive コンストラクト）を `cloudtrail.Trail` の `bucket` に指定してください（CloudFormation では S3BucketName で、ObjectLockEnabled: true と ObjectLockConfiguration.Rule.DefaultRetention.Mode: COMPLIANCE を持つ AWS::S3::Bucket を参照します）。別のログアーカイブアカウントのバケットはここでは確認できないため、そのアカウント側で証跡を残してください。',
  },
  details: {
    'no-bucket': { en: 'S3BucketName is not set', ja: 'S3BucketName が未設定です' },
    'bucket-unknown': {
      en: "S3BucketName: {why}; cannot see the bucket's Object Lock; deploy the archive with WriteOnceLogArchive or check it in the archive account",
      ja: 'S3BucketName: {why}。バケットの Object Lock を確認できません。WriteOnceLogArchive でアーカイブをデプロイするか、アーカイブ用アカウント側で確認してください',
    },
    'bucket-outside': {
      en: "S3BucketName {value} is not a bucket of this template; cannot see the bucket's Object Lock; deploy the archive with WriteOnceLogArchive or check it in the archive account",
      ja: 'S3BucketName {value} はこのテンプレートのバケットではないため、バケットの Object Lock を確認できません。WriteOnceLogArchive でアーカイブをデプロイするか、アーカイブ用アカウント側で確認してください',
    },
    'bucket-at': { en: 'bucket {bucket} {prop}: {why}', ja: 'バケット {bucket} の {prop}: {why}' },
    'bucket-value-unverifiable': { en: 'bucket {bucket} {prop} is {value}, which cannot be verified before deployment', ja: 'バケット {bucket} の {prop} が {value} で、デプロイ前には検証できません' },
    'no-object-lock': { en: 'bucket {bucket} does not have Object Lock (ObjectLockEnabled is {value})', ja: 'バケット {bucket} で Object Lock が有効になっていません（ObjectLockEnabled が {value}）' },
    'no-object-lock-via': { en: 'bucket {bucket} does not have Object Lock (ObjectLockEnabled is {value}, {via})', ja: 'バケット {bucket} で Object Lock が有効になっていません（ObjectLockEnabled が {value}、{via}）' },
    'no-default-retention': {
      en: 'bucket {bucket} has no Object Lock default retention (ObjectLockConfiguration.Rule.DefaultRetention){via}',
      ja: 'バケット {bucket} に Object Lock の既定の保持期間（ObjectLockConfiguration.Rule.DefaultRetention）がありません{via}',
    },
    'governance': {
      en: 'bucket {bucket} uses GOVERNANCE mode{via}: principals with s3:BypassGovernanceRetention can still delete or overwrite the logs; use COMPLIANCE',
      ja: 'バケット {bucket} は GOVERNANCE モードです{via}。s3:BypassGovernanceRetention を持つプリンシパルはログを削除・上書きできるため、COMPLIANCE モードにしてください',
    },
    'mode-is': { en: 'bucket {bucket} DefaultRetention.Mode is {value}{via}', ja: 'バケット {bucket} の DefaultRetention.Mode が {value} です{via}' },
  },
  check(trail) {
    if (trail.type !== 'AWS::CloudTrail::Trail') return NOT_APPLICABLE;
    const outcomes: Outcome[] = [];
    for (const alt of trail.prop('S3BucketName')) {
      const bucket = lookupValue(trail, alt, 'S3BucketName', BUCKET, { nameProp: 'BucketName' });
      if ('found' in bucket) outcomes.push(bucketOutcome(bucket.found));
      else if ('absent' in bucket) outcomes.push(nonCompliant('no-bucket', {}));
      else if (!alt.known) outcomes.push(unverifiable('bucket-unknown', { why: alt.why }));
      else outcomes.push(unverifiable('bucket-outside', { value: describeValue(alt.value) }));
    }
    return outcomes.length ? worst(...outcomes) : COMPLIANT;
  },
});

function bucketOutcome(bucket: Resource): Outcome {
  const id = bucket.logicalId;
  const enabled = bucket.prop('ObjectLockEnabled').map((a): Outcome => {
    if (!a.known) return unverifiable('bucket-at', { bucket: id, prop: 'ObjectLockEnabled', why: a.why });
    const b = a.value === undefined ? false : asBoolean(a.value);
    if (b === true) return COMPLIANT;
    const value = a.value === undefined ? { key: 'not-set' } : String(a.value);
    if (b === false) return nonCompliant(a.via ? 'no-object-lock-via' : 'no-object-lock', { bucket: id, value, via: a.via });
    return unverifiable('bucket-value-unverifiable', { bucket: id, prop: 'ObjectLockEnabled', value });
  });
  const mode = bucket.prop('ObjectLockConfiguration.Rule.DefaultRetention.Mode').map((a): Outcome => {
    if (!a.known) return unverifiable('bucket-at', { bucket: id, prop: 'ObjectLockConfiguration.Rule.DefaultRetention.Mode', why: a.why });
    const via = viaNote(a.via);
    if (a.value === undefined) return nonCompliant('no-default-retention', { bucket: id, via });
    if (typeof a.value !== 'string') return unverifiable('bucket-value-unverifiable', { bucket: id, prop: 'DefaultRetention.Mode', value: String(a.value) });
    const m = a.value.trim().toUpperCase();
    if (m === 'COMPLIANCE') return COMPLIANT;
    if (m === 'GOVERNANCE') return nonCompliant('governance', { bucket: id, via });
    return nonCompliant('mode-is', { bucket: id, value: JSON.stringify(a.value), via });
  });
  return worst(...enabled, ...mode);
}
