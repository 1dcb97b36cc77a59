import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';

/** An S3 bucket keeps object versions (VersioningConfiguration.Status is Enabled). */
export const S3BucketVersioned = defineRule({
  id: 'FTG-S3-4',
  name: 'S3BucketVersioned',
  items: ['OP-3', 'CF-2'],
  resourceTypes: ['AWS::S3::Bucket'],
  info: {
    en: 'The S3 bucket does not have versioning enabled.',
    ja: 'S3 バケットのバージョニングが有効になっていません。',
  },
  explanation: {
    en: 'OP-3 (business continuity) and CF-2 (disaster recovery) ask that data can be recovered. Without versioning an overwrite or a delete, by mistake or by an attacker, loses the object for good; versioning also lets replication and Object Lock be used.',
    ja: 'OP-3（業務継続）と CF-2（災害対策）はデータを復旧できることを求めています。バージョニングがないと、誤操作や攻撃による上書き・削除でオブジェクトが完全に失われます。また、レプリケーションやオブジェクトロックにはバージョニングが必要です。',
  },
  fix: {
    en: 'Set `versioned: true` on the `s3.Bucket`, or in CloudFormation set VersioningConfiguration.Status to Enabled.',
    ja: '`s3.Bucket` に `versioned: true` を指定するか、CloudFormation の VersioningConfiguration.Status を Enabled にしてください。',
  },
  check(bucket) {
    if (bucket.type !== 'AWS::S3::Bucket') return NOT_APPLICABLE;
    return judge(bucket.prop('VersioningConfiguration.Status'), 'VersioningConfiguration.Status',
      (v) => (v === undefined ? false : typeof v === 'string' ? v === 'Enabled' : undefined));
  },
});
