import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';

/** A Secrets Manager secret is encrypted with a customer managed KMS key (KmsKeyId set, not aws/secretsmanager). */
export const SecretCustomerManagedKey = defineRule({
  id: 'FTG-SM-2',
  name: 'SecretCustomerManagedKey',
  items: ['DM-2'],
  resourceTypes: ['AWS::SecretsManager::Secret'],
  info: {
    en: 'The secret is encrypted with the AWS managed key aws/secretsmanager instead of a customer managed KMS key (KmsKeyId).',
    ja: 'シークレットがカスタマー管理の KMS キーではなく AWS 管理キー aws/secretsmanager で暗号化されています（KmsKeyId）。',
  },
  explanation: {
    en: 'DM-2 asks for key management in place and keys rotated regularly. The AWS managed key aws/secretsmanager cannot have its policy restricted, cannot be disabled, and can be used by every principal of the account that may read secrets; a customer managed key lets you decide who can decrypt, rotate it yearly, and revoke it.',
    ja: 'DM-2 は鍵の管理体制と定期的な鍵の交換を求めています。AWS 管理キー aws/secretsmanager はキーポリシーを絞れず、無効化もできず、シークレットを読めるアカウント内のすべてのプリンシパルが使えます。カスタマー管理キーなら、誰が復号できるかを決め、毎年ローテーションし、必要なら無効化できます。',
  },
  fix: {
    en: 'Set `encryptionKey` on `secretsmanager.Secret` to a `kms.Key` with `enableKeyRotation: true` (CloudFormation: KmsKeyId on AWS::SecretsManager::Secret, not alias/aws/secretsmanager).',
    ja: '`secretsmanager.Secret` の `encryptionKey` に `enableKeyRotation: true` の `kms.Key` を指定してください（CloudFormation では AWS::SecretsManager::Secret の KmsKeyId。alias/aws/secretsmanager 以外）。',
  },
  check(secret) {
    if (secret.type !== 'AWS::SecretsManager::Secret') return NOT_APPLICABLE;
    return judge(secret.prop('KmsKeyId'), 'KmsKeyId', (v) => {
      if (v === undefined || v === '') return false;
      if (typeof v === 'string') return !/(^|:)alias\/aws\/secretsmanager$/i.test(v.trim());
      return true; // a key of the template or imported: customer managed
    });
  },
});
