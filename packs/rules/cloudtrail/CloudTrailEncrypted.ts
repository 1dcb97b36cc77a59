import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';

/** A CloudTrail trail encrypts its log files with a KMS key (KMSKeyId set). */
export const CloudTrailEncrypted = defineRule({
  id: 'FTG-CT-3',
  name: 'CloudTrailEncrypted',
  items: ['DM-1', 'LA-1'],
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: {
    en: 'The CloudTrail trail does not encrypt its log files with a KMS key (KMSKeyId is not set).',
    ja: 'CloudTrail の証跡がログファイルを KMS キーで暗号化していません（KMSKeyId が未設定です）。',
  },
  explanation: {
    en: 'DM-1 asks for data encrypted at rest, and LA-1 for logs that only a few can alter. Audit logs describe every resource and every caller of the account. With SSE-KMS, reading them needs kms:Decrypt on a key whose policy you control and whose every use is itself logged, on top of access to the bucket.',
    ja: 'DM-1 は保管データの暗号化を、LA-1 は限られた者しか改ざんできないログを求めています。監査ログにはアカウントのすべてのリソースと呼び出し元が記録されます。SSE-KMS で暗号化すると、バケットへのアクセス権に加えて、ポリシーを自分で管理し利用がすべて記録される KMS キーの kms:Decrypt 権限がなければ読めなくなります。',
  },
  fix: {
    en: 'Set `encryptionKey` on `cloudtrail.Trail` to a `kms.Key` with `enableKeyRotation: true` whose policy lets cloudtrail.amazonaws.com use it (CloudFormation: KMSKeyId on AWS::CloudTrail::Trail).',
    ja: '`cloudtrail.Trail` の `encryptionKey` に、`enableKeyRotation: true` で cloudtrail.amazonaws.com の利用を許可したキーポリシーを持つ `kms.Key` を指定してください（CloudFormation では AWS::CloudTrail::Trail の KMSKeyId）。',
  },
  check(trail) {
    if (trail.type !== 'AWS::CloudTrail::Trail') return NOT_APPLICABLE;
    // Any key reference (literal ARN or alias, Ref, GetAtt) is a key; only absent or empty is not.
    return judge(trail.prop('KMSKeyId'), 'KMSKeyId', (v) => v !== undefined && v !== '');
  },
});
