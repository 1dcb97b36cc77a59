import { defineRule, judge, NOT_APPLICABLE, worst } from '../../engine/rule';
import { asNumber } from '../../engine/values';

/** A Cognito user pool enforces threat protection (AdvancedSecurityMode ENFORCED) and a password policy of at least 8 characters. */
export const CognitoThreatProtection = defineRule({
  id: 'FTG-COG-3',
  name: 'CognitoThreatProtection',
  items: ['AA-5', 'AA-4'],
  resourceTypes: ['AWS::Cognito::UserPool'],
  info: {
    en: 'The Cognito user pool does not enforce threat protection (UserPoolAddOns.AdvancedSecurityMode ENFORCED), or its password policy allows passwords shorter than 8 characters.',
    ja: 'Cognito ユーザープールで脅威保護が強制されていない（UserPoolAddOns.AdvancedSecurityMode が ENFORCED ではない）か、パスワードポリシーが 8 文字未満のパスワードを許しています。',
  },
  explanation: {
    en: 'AA-5 asks not to build your own authentication but to rely on proven tools, and AA-4 not to keep passwords in a form that can be abused. Cognito stores passwords hashed; its threat protection adds what home-made authentication rarely has: checks against compromised-credential lists, and adaptive authentication that blocks or challenges risky sign-ins. AUDIT only records the risk and blocks nothing, so it is non-compliant. A password policy below 8 characters defeats the hashing with guessable passwords.',
    ja: 'AA-5 は独自の認証の仕組みを作らず実績あるツールを使うことを、AA-4 はパスワードを悪用できる形で持たないことを求めています。Cognito はパスワードをハッシュ化して保存し、脅威保護を有効にすると、自作の認証ではまず実現できない、漏えい済み認証情報リストとの照合や、リスクの高いサインインをブロック・追加認証するアダプティブ認証が加わります。AUDIT はリスクを記録するだけで何もブロックしないため非準拠とします。8 文字未満を許すパスワードポリシーは推測可能なパスワードを許し、ハッシュ化の効果を損ないます。',
  },
  fix: {
    en: 'Set `featurePlan: cognito.FeaturePlan.PLUS` and `standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION` on `cognito.UserPool` (older CDK: `advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED`); CloudFormation: UserPoolTier PLUS and UserPoolAddOns.AdvancedSecurityMode ENFORCED. Keep `passwordPolicy.minLength` at 8 or more (Policies.PasswordPolicy.MinimumLength).',
    ja: '`cognito.UserPool` に `featurePlan: cognito.FeaturePlan.PLUS` と `standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION` を指定してください（古い CDK では `advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED`）。CloudFormation では UserPoolTier を PLUS、UserPoolAddOns.AdvancedSecurityMode を ENFORCED にします。`passwordPolicy.minLength`（Policies.PasswordPolicy.MinimumLength）は 8 以上にしてください。',
  },
  check(pool) {
    if (pool.type !== 'AWS::Cognito::UserPool') return NOT_APPLICABLE;
    const mode = judge(pool.prop('UserPoolAddOns.AdvancedSecurityMode'), 'UserPoolAddOns.AdvancedSecurityMode', (v) => {
      if (v === undefined) return false;
      return typeof v === 'string' ? v.trim().toUpperCase() === 'ENFORCED' : undefined;
    });
    // Without MinimumLength Cognito requires 8 characters.
    const length = judge(pool.prop('Policies.PasswordPolicy.MinimumLength'), 'Policies.PasswordPolicy.MinimumLength', (v) => {
      if (v === undefined) return true;
      const n = asNumber(v);
      return n === undefined ? undefined : n >= 8;
    });
    return worst(mode, length);
  },
});
