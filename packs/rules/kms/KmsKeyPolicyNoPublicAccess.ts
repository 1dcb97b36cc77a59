import { defineRule, NOT_APPLICABLE } from '../../engine/rule';
import { publicAllowOutcome } from '../../engine/resource-policy';

/**
 * A KMS key policy does not allow everyone: no Allow statement with Principal `*` unless a condition
 * limits who it reaches (kms:CallerAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:SourceVpce...).
 * An absent KeyPolicy gives the default key policy (the account only) and is compliant.
 */
export const KmsKeyPolicyNoPublicAccess = defineRule({
  id: 'FTG-KMS-2',
  name: 'KmsKeyPolicyNoPublicAccess',
  items: ['BP-2', 'CA-5'],
  resourceTypes: ['AWS::KMS::Key'],
  info: {
    en: 'The KMS key policy allows everyone (Principal "*") without a condition that limits who can use the key.',
    ja: 'KMS キーポリシーが、利用者を限定する条件なしに全員（Principal "*"）を許可しています。',
  },
  explanation: {
    en: 'BP-2 asks for authorization between systems, not only encryption: encryption is worth nothing if anyone may call Decrypt. CA-5 asks for least privilege; a key policy is the first authority over a key, and an Allow to "*" opens the key to every AWS account.',
    ja: 'BP-2 は暗号化だけでなくシステム間の認可を求めています。誰でも Decrypt を呼べるなら暗号化の意味がありません。CA-5 は最小権限を求めています。キーポリシーはキーに対する最上位の権限であり、"*" への Allow はすべての AWS アカウントにキーを開放します。',
  },
  fix: {
    en: 'Grant the key to specific principals (`key.grantDecrypt(role)`, `new iam.AccountRootPrincipal()`) instead of `new iam.AnyPrincipal()`, or in CloudFormation replace Principal "*" in the AWS::KMS::Key KeyPolicy or add a Condition such as { StringEquals: { "kms:CallerAccount": "<account>" } } or aws:PrincipalOrgID.',
    ja: '`new iam.AnyPrincipal()` ではなく特定のプリンシパル（`key.grantDecrypt(role)`、`new iam.AccountRootPrincipal()`）に許可するか、CloudFormation の AWS::KMS::Key の KeyPolicy で Principal "*" を置き換えるか、{ StringEquals: { "kms:CallerAccount": "<アカウント>" } } や aws:PrincipalOrgID などの Condition を追加してください。',
  },
  check(key) {
    if (key.type !== 'AWS::KMS::Key') return NOT_APPLICABLE;
    return publicAllowOutcome(key, 'KeyPolicy', 'KeyPolicy');
  },
});
