import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, unverifiable, worst } from '../../engine/rule';
import { viaNote } from '../../engine/messages';

/** An IAM user has no console password (LoginProfile): people sign in through IAM Identity Center or federated roles with MFA. */
export const IamUserNoConsolePassword = defineRule({
  id: 'FTG-IAM-2',
  name: 'IamUserNoConsolePassword',
  items: ['CA-1', 'CA-6'],
  resourceTypes: ['AWS::IAM::User'],
  info: {
    en: 'The IAM user has a console password (LoginProfile).',
    ja: 'IAM ユーザーにコンソールパスワード (LoginProfile) が設定されています。',
  },
  explanation: {
    en: 'CA-1 asks for two-factor authentication on every login and CA-6 forbids shared accounts. An IAM user with a console password is a long-lived identity whose password can be passed around, and a template cannot enforce that an MFA device is registered for it. People should sign in through IAM Identity Center (or a federated identity provider) and assume roles, where MFA is enforced centrally and every session names the person.',
    ja: 'CA-1 はすべてのアカウントのログインに 2 要素認証を求め、CA-6 はアカウントの共有を禁じています。コンソールパスワードを持つ IAM ユーザーは長期間有効な ID で、パスワードを使い回すことができ、MFA デバイスの登録もテンプレートでは強制できません。人は IAM Identity Center（または外部 ID プロバイダーとのフェデレーション）でサインインしてロールを引き受けるようにしてください。そうすれば MFA を一元的に強制でき、すべてのセッションに個人名が残ります。',
  },
  fix: {
    en: 'Remove the `password` prop of `iam.User` (CloudFormation: remove LoginProfile from AWS::IAM::User) and give people access through IAM Identity Center permission sets or a role trusted by your identity provider (`iam.SamlConsolePrincipal`, `iam.WebIdentityPrincipal`). If a console user is unavoidable, acknowledge this rule with the reason and enforce MFA with an IAM policy that denies everything without `aws:MultiFactorAuthPresent`.',
    ja: '`iam.User` の `password` プロパティを削除し（CloudFormation では AWS::IAM::User の LoginProfile を削除）、IAM Identity Center の許可セット、または ID プロバイダーを信頼するロール（`iam.SamlConsolePrincipal`、`iam.WebIdentityPrincipal`）でアクセスさせてください。どうしてもコンソールユーザーが必要な場合は、理由を書いてこのルールを承認（acknowledge）し、`aws:MultiFactorAuthPresent` のないリクエストをすべて拒否する IAM ポリシーで MFA を強制してください。',
  },
  details: {
    'login-profile': { en: 'LoginProfile is set{via}', ja: 'LoginProfile が設定されています{via}' },
  },
  check(user) {
    if (user.type !== 'AWS::IAM::User') return NOT_APPLICABLE;
    // Not `judge`: its detail would print the LoginProfile, password included.
    return worst(COMPLIANT, ...user.prop('LoginProfile').map((a) => {
      if (!a.known) return unverifiable('at', { what: 'LoginProfile', why: a.why });
      if (a.value === undefined) return COMPLIANT;
      return nonCompliant('login-profile', { via: viaNote(a.via) });
    }));
  },
});
