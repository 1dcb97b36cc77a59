import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';

/** A Cognito user pool lets its users turn on two-factor authentication (MfaConfiguration ON or OPTIONAL). */
export const CognitoMfa = defineRule({
  id: 'FTG-COG-1',
  name: 'CognitoMfa',
  items: ['AA-1', 'AA-2'],
  resourceTypes: ['AWS::Cognito::UserPool'],
  info: {
    en: 'The Cognito user pool has MFA turned off (MfaConfiguration is OFF or not set).',
    ja: 'Cognito ユーザープールの MFA が無効です（MfaConfiguration が OFF または未設定）。',
  },
  explanation: {
    en: 'AA-2 asks that users can protect their accounts with two-factor authentication, and AA-1 requires it for admin-console logins. MfaConfiguration OPTIONAL lets every user enroll a second factor and satisfies AA-2; a pool for an admin console must use ON, so that no administrator can sign in with a password alone (tag such pools fintech-guardrails:audience=admin and FTG-COG-2 checks that).',
    ja: 'AA-2 はユーザーが自分のアカウントに 2 要素認証を使えるようにすることを、AA-1 は管理画面のログインに 2 要素認証を求めています。MfaConfiguration を OPTIONAL にすれば全ユーザーが第 2 要素を登録でき AA-2 を満たします。管理画面用のプールは ON にして、パスワードだけでは管理者がサインインできないようにしてください（そのようなプールには fintech-guardrails:audience=admin タグを付けると FTG-COG-2 が確認します）。',
  },
  fix: {
    en: 'Set `mfa: cognito.Mfa.OPTIONAL` (end users) or `cognito.Mfa.REQUIRED` (admin consoles) with `mfaSecondFactor: { otp: true, sms: false }` on `cognito.UserPool` (CloudFormation: MfaConfiguration OPTIONAL or ON, EnabledMfas [SOFTWARE_TOKEN_MFA]).',
    ja: '`cognito.UserPool` に `mfa: cognito.Mfa.OPTIONAL`（一般ユーザー向け）または `cognito.Mfa.REQUIRED`（管理画面向け）と `mfaSecondFactor: { otp: true, sms: false }` を指定してください（CloudFormation では MfaConfiguration を OPTIONAL または ON、EnabledMfas を [SOFTWARE_TOKEN_MFA] にします）。',
  },
  check(pool) {
    if (pool.type !== 'AWS::Cognito::UserPool') return NOT_APPLICABLE;
    return judge(pool.prop('MfaConfiguration'), 'MfaConfiguration', (v) => {
      if (v === undefined) return false;
      if (typeof v !== 'string') return undefined;
      const m = v.trim().toUpperCase();
      return m === 'ON' || m === 'OPTIONAL' ? true : m === 'OFF' ? false : undefined;
    });
  },
});
