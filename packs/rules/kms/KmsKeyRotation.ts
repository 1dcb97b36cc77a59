import { defineRule, judge, NOT_APPLICABLE, Outcome, unverifiable } from '../../engine/rule';
import { isTrue } from '../../engine/resource-policy';

/**
 * A symmetric KMS key has automatic rotation on (EnableKeyRotation: true).
 *
 * Not applicable: asymmetric and HMAC keys (KeySpec other than SYMMETRIC_DEFAULT) and keys with
 * imported key material or in a custom key store (Origin other than AWS_KMS), for which KMS cannot
 * rotate automatically (they need manual rotation, an attest item). When the key
 * spec cannot be known and rotation is off, the outcome is unverifiable.
 */
export const KmsKeyRotation = defineRule({
  id: 'FTG-KMS-1',
  name: 'KmsKeyRotation',
  items: ['DM-2', 'NT-1'],
  resourceTypes: ['AWS::KMS::Key'],
  info: {
    en: 'The symmetric KMS key does not have automatic key rotation enabled.',
    ja: '対称 KMS キーの自動ローテーションが有効になっていません。',
  },
  explanation: {
    en: 'DM-2 asks for key management with regular key rotation. NT-1 (envelope encryption) keeps data keys encrypted under a KMS key; rotating that key limits how much data one key material protects, and KMS keeps old material so existing data stays readable.',
    ja: 'DM-2 は鍵管理体制と定期的な鍵の交換を求めています。NT-1（エンベロープ暗号化）ではデータキーを KMS キーで暗号化して保管します。KMS キーをローテーションすると 1 つの鍵素材が保護するデータ量を抑えられ、旧い鍵素材は KMS が保持するため既存データはそのまま復号できます。',
  },
  fix: {
    en: 'Set `enableKeyRotation: true` (and optionally `rotationPeriod`) on the `kms.Key`, or in CloudFormation set EnableKeyRotation: true (and RotationPeriodInDays) on the AWS::KMS::Key.',
    ja: '`kms.Key` に `enableKeyRotation: true`（必要に応じて `rotationPeriod`）を指定するか、CloudFormation の AWS::KMS::Key で EnableKeyRotation を true（と RotationPeriodInDays）にしてください。',
  },
  details: {
    mayNotRotate: {
      en: '{off}; whether the key can rotate depends on KeySpec/Origin, which are not known before deployment',
      ja: '{off}。キーをローテーションできるかは KeySpec/Origin によりますが、デプロイ前には分かりません',
    },
    mayNotRotateWhy: {
      en: '{off}; whether the key can rotate depends on KeySpec/Origin, which are not known before deployment ({why})',
      ja: '{off}。キーをローテーションできるかは KeySpec/Origin によりますが、デプロイ前には分かりません（{why}）',
    },
  },
  check(key) {
    if (key.type !== 'AWS::KMS::Key') return NOT_APPLICABLE;
    // Narrow: only symmetric keys with KMS-generated material can rotate automatically.
    const spec = key.prop('KeySpec');
    const origin = key.prop('Origin');
    const symmetric = (v: unknown) => v === undefined || v === 'SYMMETRIC_DEFAULT';
    const generated = (v: unknown) => v === undefined || v === 'AWS_KMS';
    const mayRotate = spec.some((a) => !a.known || symmetric(a.value)) && origin.some((a) => !a.known || generated(a.value));
    if (!mayRotate) return NOT_APPLICABLE;
    const outcome: Outcome = judge(key.prop('EnableKeyRotation'), 'EnableKeyRotation', isTrue);
    if (outcome.status !== 'non-compliant') return outcome;
    // Rotation is off: that is a finding only if the key is known to be symmetric with KMS-made material.
    const surelyRotatable = spec.some((a) => a.known && symmetric(a.value)) && origin.some((a) => a.known && generated(a.value));
    if (surelyRotatable) return outcome;
    const unknown = [...spec, ...origin].find((a) => !a.known);
    const off = outcome.detail;
    return unknown && !unknown.known ? unverifiable('mayNotRotateWhy', { off, why: unknown.why }) : unverifiable('mayNotRotate', { off });
  },
});
