import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { readPolicy, Statement } from '../../engine/policy';
import { Resource } from '../../engine/template';
import { asBoolean, isOpaque } from '../../engine/values';
import { conditionValues } from '../../engine/policy';
import type { Detail } from '../../engine/messages';

/**
 * A role that people in an AWS account can assume (an account, `:root`, an IAM user or role ARN, or
 * `*`) requires MFA in its trust policy. Roles trusted only by services or by federated identity
 * providers (SAML, OIDC) are compliant: MFA is enforced by the identity provider.
 */
export const IamRoleTrustRequiresMfa = defineRule({
  id: 'FTG-IAM-5',
  name: 'IamRoleTrustRequiresMfa',
  items: ['CA-1', 'CA-4'],
  resourceTypes: ['AWS::IAM::Role'],
  info: {
    en: 'The role can be assumed by principals of an AWS account without MFA (no aws:MultiFactorAuthPresent condition in its trust policy).',
    ja: 'ロールの信頼ポリシーに aws:MultiFactorAuthPresent の条件がなく、AWS アカウントのプリンシパルが MFA なしでロールを引き受けられます。',
  },
  explanation: {
    en: 'CA-1 asks for two-factor authentication on every login, and CA-4 for everyday privileged IDs kept apart from root. A role that an account (":root", an account ID) or an IAM user or role may assume is how engineers get their privileged access; without `Bool aws:MultiFactorAuthPresent true` (or `NumericLessThan aws:MultiFactorAuthAge`) anyone holding a leaked access key of that account can take it. Roles trusted only by AWS services, or by a federated provider (SAML, OIDC web identity), are compliant: there MFA is enforced by the identity provider, upstream of AWS, and must be attested there.',
    ja: 'CA-1 はすべてのログインに 2 要素認証を、CA-4 はルートとは別の日常用の特権 ID を求めています。アカウント（":root" やアカウント ID）や IAM ユーザー・ロールが引き受けられるロールは、エンジニアが特権を得る経路です。`Bool aws:MultiFactorAuthPresent true`（または `NumericLessThan aws:MultiFactorAuthAge`）がなければ、そのアカウントの漏えいしたアクセスキーを持つ誰もがロールを引き受けられます。AWS サービスだけ、またはフェデレーション（SAML、OIDC の Web ID）だけが信頼されているロールは準拠とします。その場合の MFA は AWS の手前の ID プロバイダーで強制されるため、そちらで証跡を残してください。',
  },
  fix: {
    en: 'Add the MFA condition to the trust: `assumedBy: new iam.AccountPrincipal(account).withConditions({ Bool: { "aws:MultiFactorAuthPresent": "true" } })` (CloudFormation: AssumeRolePolicyDocument.Statement[].Condition.Bool."aws:MultiFactorAuthPresent": "true", or NumericLessThan "aws:MultiFactorAuthAge"). `BoolIfExists` is not enough: it lets long-lived access keys through. Better, let people sign in through IAM Identity Center or a federated provider (`iam.SamlConsolePrincipal`). If a workload in another account assumes the role (no person involved), acknowledge this rule with that reason.',
    ja: '信頼ポリシーに MFA の条件を追加してください: `assumedBy: new iam.AccountPrincipal(account).withConditions({ Bool: { "aws:MultiFactorAuthPresent": "true" } })`（CloudFormation では AssumeRolePolicyDocument.Statement[].Condition.Bool."aws:MultiFactorAuthPresent": "true"、または NumericLessThan "aws:MultiFactorAuthAge"）。`BoolIfExists` では長期アクセスキーが通ってしまうため不十分です。より良いのは、IAM Identity Center や外部 ID プロバイダー（`iam.SamlConsolePrincipal`）でサインインさせることです。別アカウントのワークロード（人が介在しない）が引き受けるロールの場合は、その理由を書いてこのルールを承認（acknowledge）してください。',
  },
  details: {
    'principal-unknown-no-mfa': {
      en: 'trust statement{sid}: the Principal is only known at deployment and no MFA condition is set',
      ja: '信頼ポリシーのステートメント{sid}: Principal がデプロイ時にしか決まらず、MFA の条件もありません',
    },
    'no-mfa': {
      en: 'trust statement{sid} lets {who} assume the role without Bool aws:MultiFactorAuthPresent true or NumericLessThan aws:MultiFactorAuthAge',
      ja: '信頼ポリシーのステートメント{sid}は、Bool aws:MultiFactorAuthPresent true も NumericLessThan aws:MultiFactorAuthAge もないまま {who} にロールの引き受けを許可しています',
    },
    'mfa-unknown': {
      en: 'trust statement{sid} lets {who} assume the role; its MFA condition is only known at deployment',
      ja: '信頼ポリシーのステートメント{sid}は {who} にロールの引き受けを許可しており、MFA の条件はデプロイ時にしか決まりません',
    },
    'everyone': { en: 'everyone ("*")', ja: '全員（"*"）' },
    'principal-any': { en: 'an AWS principal', ja: 'AWS プリンシパル' },
    'principal-root-unknown': { en: 'the root of an account (ARN built at deployment)', ja: 'いずれかのアカウントのルート（ARN はデプロイ時に組み立てられます）' },
    'principal-unknown': { en: 'an AWS principal only known at deployment', ja: 'デプロイ時にしか決まらない AWS プリンシパル' },
    'list': { en: '{a}, {b}', ja: '{a}、{b}' },
  },
  check(role) {
    if (role.type !== 'AWS::IAM::Role') return NOT_APPLICABLE;
    const outcomes: Outcome[] = [COMPLIANT];
    for (const doc of readPolicy(role, 'AssumeRolePolicyDocument')) {
      if (doc.unknown) outcomes.push(unverifiable('at', { what: 'AssumeRolePolicyDocument', why: doc.unknown }));
      else for (const s of doc.statements ?? []) outcomes.push(statementOutcome(role, s));
    }
    return worst(...outcomes);
  },
});

function statementOutcome(role: Resource, s: Statement): Outcome {
  const effects = role.resolve(s.raw.Effect);
  if (effects.every((e) => e.known && e.value === 'Deny')) return COMPLIANT;
  // Only statements that let the principal assume the role (sts:AssumeRole; SAML/web identity actions go with federated principals).
  if ((s.actions || s.notActions) && !s.coversAction('sts:AssumeRole')) return COMPLIANT;

  const person = personPrincipal(role, s);
  if (person === false) return COMPLIANT;
  const mfa = requiresMfa(role, s);
  if (mfa === true) return COMPLIANT;
  const sid = typeof s.raw.Sid === 'string' ? ` "${s.raw.Sid}"` : '';
  const who: string | Detail = s.principalIsEveryone ? { key: 'everyone' } : describePrincipals(s.principals('AWS'));
  if (person === undefined) {
    return unverifiable('principal-unknown-no-mfa', { sid });
  }
  if (mfa === false) {
    return nonCompliant('no-mfa', { sid, who });
  }
  return unverifiable('mfa-unknown', { sid, who });
}

/** The AWS principals of a statement, for the finding (non-literal ARNs as `?`, account roots built with Join as `?:root`). */
function describePrincipals(list: string[]): string | Detail {
  if (list.length === 0) return { key: 'principal-any' };
  const named = list.map((p): string | Detail => (p === '?:root' ? { key: 'principal-root-unknown' } : p === '?' ? { key: 'principal-unknown' } : p));
  return named.reduce((a, b) => ({ key: 'list', params: { a, b } }));
}

/** True when the statement trusts an AWS account principal (a person may be behind it); false for services and federation only. */
function personPrincipal(role: Resource, s: Statement): boolean | undefined {
  if (s.raw.NotPrincipal !== undefined) return true;
  let unknown = false;
  for (const a of role.resolve(s.raw.Principal)) {
    if (!a.known || isOpaque(a.value)) { unknown = true; continue; }
    const p = a.value;
    if (p === '*') return true;
    if (p && typeof p === 'object' && !Array.isArray(p)) {
      for (const kind of ['AWS', 'CanonicalUser']) {
        const v = (p as Record<string, unknown>)[kind];
        if (v !== undefined && !(Array.isArray(v) && v.length === 0)) return true;
      }
    }
  }
  return unknown ? undefined : false;
}

/** Whether every alternative of the statement's conditions requires MFA: true, false, or undefined (cannot tell). */
function requiresMfa(role: Resource, s: Statement): boolean | undefined {
  let result: boolean | undefined = true;
  for (const c of s.conditionBlocks()) {
    if (c.kind === 'absent') return false;
    if (c.kind === 'unknown') { result = undefined; continue; }
    const verdict = blockRequiresMfa(role, c.block);
    if (verdict === false) return false;
    if (verdict === undefined) result = undefined;
  }
  return result;
}

function blockRequiresMfa(role: Resource, block: Record<string, unknown>): boolean | undefined {
  // An age condition requires the key, hence an MFA sign-in, whatever its value.
  for (const op of ['NumericLessThan', 'NumericLessThanEquals']) {
    if (conditionValues(role, block, op, 'aws:MultiFactorAuthAge') !== undefined) return true;
  }
  const values = conditionValues(role, block, 'Bool', 'aws:MultiFactorAuthPresent');
  if (values === undefined || values.length === 0) return false;
  // Several values are ORed: every one must be true.
  let result: boolean | undefined = true;
  for (const v of values) {
    if (!v.known) { result = undefined; continue; }
    const b = asBoolean(v.value);
    if (b === false) return false;
    if (b === undefined) result = undefined;
  }
  return result;
}
