import { defineRule, judge, NOT_APPLICABLE, unverifiable } from '../../engine/rule';
import { isOpaque } from '../../engine/values';
import { describeValue } from '../../engine/messages';

/** The tag that marks a user pool as the sign-in of an admin console. */
export const AUDIENCE_TAG = 'fintech-guardrails:audience';

/** A user pool tagged `fintech-guardrails:audience` = `admin` requires MFA (MfaConfiguration ON). */
export const CognitoAdminPoolMfaRequired = defineRule({
  id: 'FTG-COG-2',
  name: 'CognitoAdminPoolMfaRequired',
  items: ['AA-1'],
  resourceTypes: ['AWS::Cognito::UserPool'],
  info: {
    en: 'The admin-console user pool (tagged fintech-guardrails:audience=admin) does not require MFA (MfaConfiguration is not ON).',
    ja: '管理画面用のユーザープール（fintech-guardrails:audience=admin タグ付き）で MFA が必須になっていません（MfaConfiguration が ON ではありません）。',
  },
  explanation: {
    en: 'AA-1 asks for two-factor authentication on every admin-console login. With MfaConfiguration OPTIONAL an administrator who never enrolled a second factor still signs in with a password alone; only ON makes the second factor mandatory. A template cannot tell which pool serves an admin console, so the pool says it with the tag fintech-guardrails:audience=admin; other pools are not checked by this rule.',
    ja: 'AA-1 は管理画面のすべてのログインに 2 要素認証を求めています。MfaConfiguration が OPTIONAL だと、第 2 要素を登録していない管理者はパスワードだけでサインインできてしまいます。第 2 要素を必須にできるのは ON だけです。どのプールが管理画面用かはテンプレートからは分からないため、プールに fintech-guardrails:audience=admin タグを付けて示します。それ以外のプールはこのルールの対象外です。',
  },
  fix: {
    en: 'Tag the admin pool with `Tags.of(pool).add("fintech-guardrails:audience", "admin")` and set `mfa: cognito.Mfa.REQUIRED` with `mfaSecondFactor: { otp: true, sms: false }` (CloudFormation: UserPoolTags {"fintech-guardrails:audience": "admin"} and MfaConfiguration ON).',
    ja: '管理画面用プールに `Tags.of(pool).add("fintech-guardrails:audience", "admin")` でタグを付け、`mfa: cognito.Mfa.REQUIRED` と `mfaSecondFactor: { otp: true, sms: false }` を指定してください（CloudFormation では UserPoolTags に {"fintech-guardrails:audience": "admin"}、MfaConfiguration を ON にします）。',
  },
  details: {
    tagUnknown: {
      en: 'the {tag} tag is only known at deployment ({why}), and MfaConfiguration is not ON',
      ja: '{tag} タグはデプロイ時にしか決まらず（{why}）、MfaConfiguration が ON ではありません',
    },
    tagIs: { en: 'it is {value}', ja: '値は {value}' },
  },
  check(pool) {
    if (pool.type !== 'AWS::Cognito::UserPool') return NOT_APPLICABLE;
    const tag = pool.prop(['UserPoolTags', AUDIENCE_TAG]);
    const isAdmin = tag.some((a) => a.known && typeof a.value === 'string' && a.value.trim().toLowerCase() === 'admin');
    const maybeAdmin = tag.some((a) => !a.known || isOpaque(a.value));
    if (!isAdmin && !maybeAdmin) return NOT_APPLICABLE;
    const mfa = judge(pool.prop('MfaConfiguration'), 'MfaConfiguration', (v) => {
      if (v === undefined) return false;
      return typeof v === 'string' ? v.trim().toUpperCase() === 'ON' : undefined;
    });
    if (isAdmin || mfa.status === 'compliant') return mfa;
    // The pool may or may not be an admin pool, and MFA is not (or not surely) ON.
    const unknown = tag.find((a) => !a.known || isOpaque(a.value));
    const why = unknown && !unknown.known ? unknown.why : { key: 'tagIs', params: { value: describeValue(unknown?.known ? unknown.value : '') } };
    return unverifiable('tagUnknown', { tag: AUDIENCE_TAG, why });
  },
});
