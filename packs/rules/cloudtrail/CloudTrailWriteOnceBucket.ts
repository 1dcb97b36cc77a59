import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { Alt, asBoolean } from '../../engine/values';
import { lookupValue } from '../../engine/lookup';

const BUCKET = 'AWS::S3::Bucket';
const OUTSIDE =
  "cannot see the bucket's Object Lock; deploy the archive with WriteOnceLogArchive or check it in the archive account";

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
  check(trail) {
    if (trail.type !== 'AWS::CloudTrail::Trail') return NOT_APPLICABLE;
    const outcomes: Outcome[] = [];
    for (const alt of trail.prop('S3BucketName')) {
      const bucket = lookupValue(trail, alt, 'S3BucketName', BUCKET, { nameProp: 'BucketName' });
      if ('found' in bucket) outcomes.push(bucketOutcome(bucket.found));
      else if ('absent' in bucket) outcomes.push(nonCompliant('S3BucketName is not set'));
      else if (!alt.known) outcomes.push(unverifiable(`S3BucketName: ${describeAlt(alt)}; ${OUTSIDE}`));
      else outcomes.push(unverifiable(`S3BucketName ${describeAlt(alt)} is not a bucket of this template; ${OUTSIDE}`));
    }
    return outcomes.length ? worst(...outcomes) : COMPLIANT;
  },
});

function describeAlt(alt: Alt): string {
  if (!alt.known) return String(alt.why);
  return typeof alt.value === 'string' ? `"${alt.value}"` : String(alt.value);
}


function bucketOutcome(bucket: Resource): Outcome {
  const where = `bucket ${bucket.logicalId}`;
  const enabled = bucket.prop('ObjectLockEnabled').map((a): Outcome => {
    if (!a.known) return unverifiable(`${where} ObjectLockEnabled: ${a.why}`);
    const b = a.value === undefined ? false : asBoolean(a.value);
    if (b === true) return COMPLIANT;
    if (b === false) return nonCompliant(`${where} does not have Object Lock (ObjectLockEnabled is ${a.value === undefined ? 'not set' : String(a.value)}${a.via ? `, ${a.via}` : ''})`);
    return unverifiable(`${where} ObjectLockEnabled is ${String(a.value)}, which cannot be verified before deployment`);
  });
  const mode = bucket.prop('ObjectLockConfiguration.Rule.DefaultRetention.Mode').map((a): Outcome => {
    if (!a.known) return unverifiable(`${where} ObjectLockConfiguration.Rule.DefaultRetention.Mode: ${a.why}`);
    const via = a.via ? ` (${a.via})` : '';
    if (a.value === undefined) return nonCompliant(`${where} has no Object Lock default retention (ObjectLockConfiguration.Rule.DefaultRetention)${via}`);
    if (typeof a.value !== 'string') return unverifiable(`${where} DefaultRetention.Mode is ${String(a.value)}, which cannot be verified before deployment`);
    const m = a.value.trim().toUpperCase();
    if (m === 'COMPLIANCE') return COMPLIANT;
    if (m === 'GOVERNANCE') {
      return nonCompliant(`${where} uses GOVERNANCE mode${via}: principals with s3:BypassGovernanceRetention can still delete or overwrite the logs; use COMPLIANCE`);
    }
    return nonCompliant(`${where} DefaultRetention.Mode is ${JSON.stringify(a.value)}${via}`);
  });
  return worst(...enabled, ...mode);
}
