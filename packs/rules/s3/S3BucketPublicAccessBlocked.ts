import { defineRule, judge, nonCompliant, NOT_APPLICABLE, worst } from '../../engine/rule';
import { isTrue } from '../../engine/resource-policy';

const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

/**
 * An S3 bucket states its Block Public Access settings with all four flags on.
 *
 * S3 has turned Block Public Access on for new buckets since April 2023, but the template is what is
 * reviewed and redeployed: a bucket that does not state PublicAccessBlockConfiguration keeps whatever
 * the account or a later console change set, and a configuration that names only some flags leaves
 * the others false. So an absent configuration or an absent flag is non-compliant.
 */
export const S3BucketPublicAccessBlocked = defineRule({
  id: 'FTG-S3-3',
  name: 'S3BucketPublicAccessBlocked',
  items: ['DM-4', 'BP-1'],
  resourceTypes: ['AWS::S3::Bucket'],
  info: {
    en: 'The S3 bucket does not block public access with all four Block Public Access settings.',
    ja: 'S3 バケットでパブリックアクセスのブロック（4 つの設定すべて）が有効になっていません。',
  },
  explanation: {
    en: 'DM-4 asks for rules on where data may be stored by its sensitivity; a bucket that can be made public by one ACL or policy change breaks them. BP-1 asks for defence in several layers: Block Public Access stops public ACLs and policies even when someone writes one by mistake.',
    ja: 'DM-4 はデータの機微性に応じた保管場所の規定を求めていますが、ACL やポリシーを 1 つ変えるだけで公開できるバケットではその規定を守れません。BP-1 は多層防御を求めています。パブリックアクセスのブロックは、誤って公開 ACL やポリシーを書いた場合でも公開を止めます。',
  },
  fix: {
    en: 'Set `blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL` on the `s3.Bucket`, or in CloudFormation set PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets all true.',
    ja: '`s3.Bucket` に `blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL` を指定するか、CloudFormation の PublicAccessBlockConfiguration で BlockPublicAcls・BlockPublicPolicy・IgnorePublicAcls・RestrictPublicBuckets をすべて true にしてください。',
  },
  details: {
    noConfiguration: { en: 'PublicAccessBlockConfiguration is not set', ja: 'PublicAccessBlockConfiguration が未設定です' },
  },
  check(bucket) {
    if (bucket.type !== 'AWS::S3::Bucket') return NOT_APPLICABLE;
    return worst(...bucket.prop('PublicAccessBlockConfiguration').map((alt) => {
      if (!alt.known) return judge([alt], 'PublicAccessBlockConfiguration', () => undefined);
      if (alt.value === undefined) return nonCompliant('noConfiguration', {});
      return worst(...FLAGS.map((f) => judge(bucket.resolve(alt.value, f), `PublicAccessBlockConfiguration.${f}`, isTrue)));
    }));
  },
});
