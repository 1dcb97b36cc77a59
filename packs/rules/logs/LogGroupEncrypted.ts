import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';

/** A CloudWatch Logs log group is encrypted with a customer managed KMS key (KmsKeyId set). */
export const LogGroupEncrypted = defineRule({
  id: 'FTG-LOGS-2',
  name: 'LogGroupEncrypted',
  items: ['DM-1', 'LA-5'],
  resourceTypes: ['AWS::Logs::LogGroup'],
  info: {
    en: 'The log group is not encrypted with a KMS key (KmsKeyId is not set).',
    ja: 'ロググループが KMS キーで暗号化されていません（KmsKeyId が未設定です）。',
  },
  explanation: {
    en: 'DM-1 asks for data encrypted at rest, and LA-5 warns that sensitive data ends up in logs. Logs do collect account numbers, tokens and personal data despite everyone\'s efforts; with a customer managed key, reading them needs kms:Decrypt on a key you control, every use is logged, and disabling the key cuts all access at once.',
    ja: 'DM-1 は保管データの暗号化を求め、LA-5 はセンシティブなデータがログに記録されることを戒めています。注意していても口座番号、トークン、個人情報はログに紛れ込みます。カスタマー管理キーで暗号化すれば、読むには自分で管理するキーの kms:Decrypt が必要になり、利用はすべて記録され、キーを無効化すれば一度にアクセスを止められます。',
  },
  fix: {
    en: 'Set `encryptionKey` on `logs.LogGroup` to a `kms.Key` with `enableKeyRotation: true` whose policy lets logs.<region>.amazonaws.com use it (CloudFormation: KmsKeyId on AWS::Logs::LogGroup).',
    ja: '`logs.LogGroup` の `encryptionKey` に、`enableKeyRotation: true` で logs.<region>.amazonaws.com の利用を許可したキーポリシーを持つ `kms.Key` を指定してください（CloudFormation では AWS::Logs::LogGroup の KmsKeyId）。',
  },
  check(group) {
    if (group.type !== 'AWS::Logs::LogGroup') return NOT_APPLICABLE;
    return judge(group.prop('KmsKeyId'), 'KmsKeyId', (v) => v !== undefined && v !== '');
  },
});
