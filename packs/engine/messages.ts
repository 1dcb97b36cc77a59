/**
 * Finding details as data, rendered at the edge.
 *
 * A rule never builds finished text: it returns a `Detail` (a key and parameters). The key names a
 * text of the rule's own `details` or of the engine's `ENGINE_DETAILS`, in Japanese and English, with
 * `{name}` placeholders. Parameters are names and values (strings, numbers), nested details (the
 * reason a value cannot be known), or the path a value was reached by (`Via`). Every output (table,
 * JSON, SARIF, CSV, Markdown, the CDK validation report, the compliance report) renders the same data
 * in the reader's language.
 */
import type { LocalizedText } from '../../lib/catalog/types';

/** Languages of user-facing text. English is the default of the CLI and the pack. */
export type Language = 'ja' | 'en';

export const LANGUAGES: readonly Language[] = ['en', 'ja'];

/** One step of how a value was reached when it is not written literally. */
export type ViaStep =
  | { readonly kind: 'if'; readonly condition: string; readonly branch: boolean }
  | { readonly kind: 'parameter-default'; readonly parameter: string; readonly value: string }
  | { readonly kind: 'parameter-allowed'; readonly parameter: string; readonly value: string }
  | { readonly kind: 'parameter-given'; readonly parameter: string; readonly value: string }
  | { readonly kind: 'parameter-pattern'; readonly parameter: string; readonly pattern: string }
  | { readonly kind: 'mapping'; readonly path: string }
  | { readonly kind: 'no-value' };

export type Via = readonly ViaStep[];

/** A parameter of a detail. */
export type DetailParam = string | number | boolean | Detail | Via | undefined;

/** A finding's detail: a message key and its parameters. */
export interface Detail {
  readonly key: string;
  readonly params?: Readonly<Record<string, DetailParam>>;
}

/** Plain English text kept as a detail (rules not yet given keyed texts; messages of cfn-guard). */
export const TEXT = 'text';

/**
 * A detail made by the engine (why a value is unknown). It is data like any other, and prints as
 * its English text where code still builds text from it (`${alt.why}`).
 */
export function reason(key: string, params?: Readonly<Record<string, DetailParam>>): Detail {
  const d: Detail = params ? { key, params } : { key };
  Object.defineProperty(d, 'toString', { value: () => renderDetail(d, 'en'), enumerable: false });
  return d;
}

/** A via (steps of how a value was reached) that prints as its English text where code builds text from it. */
export function viaOf(steps: readonly ViaStep[]): Via {
  const v = [...steps];
  Object.defineProperty(v, 'toString', { value: () => renderVia(v, 'en'), enumerable: false });
  return v;
}

/** A detail from a key and parameters, or from plain text. */
export function detailOf(detail: string | Detail, params?: Readonly<Record<string, DetailParam>>): Detail {
  if (typeof detail !== 'string') return hasText(detail) ? detail : reason(detail.key, detail.params);
  if (params) return reason(detail, params);
  return reason(TEXT, { text: detail });
}

function hasText(d: Detail): boolean {
  return Object.prototype.hasOwnProperty.call(d, 'toString');
}

/** Text that may still be plain (older callers) or a detail. */
export type Reason = string | Detail;

export function isDetail(value: unknown): value is Detail {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Detail).key === 'string';
}

/** A value, shortly, for a detail: JSON text (at most 80 characters), the intrinsic it comes from, or "not set". */
export function describeValue(value: unknown): string | Detail {
  if (value === undefined) return { key: 'not-set' };
  if (typeof value === 'object' && value !== null && typeof (value as { fn?: unknown }).fn === 'string' && 'raw' in (value as object)) {
    return String(value);
  }
  const s = JSON.stringify(value);
  if (s === undefined) return String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * How a value was reached, as a parameter written in parentheses after the text it explains
 * (`'{what} is not set{via}'` gives "X is not set (parameter "Env" default ...)"), or nothing.
 */
export function viaNote(via: Via | undefined): Detail | undefined {
  return via && via.length > 0 ? { key: 'via-note', params: { via } } : undefined;
}

/** The engine's own detail texts (shared by all rules). */
export const ENGINE_DETAILS: Readonly<Record<string, LocalizedText>> = {
  [TEXT]: { en: '{text}', ja: '{text}' },
  'not-set': { en: 'not set', ja: '未設定' },
  'at': { en: '{what}: {why}', ja: '{what}: {why}' },
  'value-is': { en: '{what} is {value}', ja: '{what} が {value} です' },
  'value-is-via': { en: '{what} is {value} ({via})', ja: '{what} が {value} です（{via}）' },
  'value-unverifiable': { en: '{what} is {value}, which cannot be verified before deployment', ja: '{what} が {value} で、デプロイ前には検証できません' },
  'value-unverifiable-via': { en: '{what} is {value} ({via}), which cannot be verified before deployment', ja: '{what} が {value}（{via}）で、デプロイ前には検証できません' },
  'only-at-deployment': { en: '{what} is {value}, which is only known at deployment', ja: '{what} は {value} で、デプロイ時にしか決まりません' },
  'element-at': { en: '{what}[{index}]: {why}', ja: '{what}[{index}]: {why}' },
  'element-only-at-deployment': { en: '{what}[{index}] is {value}, which is only known at deployment', ja: '{what}[{index}] は {value} で、デプロイ時にしか決まりません' },
  'guard-checks': { en: '{checks} (cfn-guard)', ja: '{checks}（cfn-guard）' },
  'pair': { en: '{a}; {b}', ja: '{a}、{b}' },
  'lookup-wrong-type': { en: '{what} refers to {target}, a {targetType}, not a {type}', ja: '{what} は {type} ではなく {targetType} の {target} を参照しています' },
  'lookup-imported': { en: '{what} is imported from another stack ({value})', ja: '{what} は別のスタックからインポートされています（{value}）' },
  'lookup-outside': { en: '{what} "{value}" is not defined in this template', ja: '{what} "{value}" はこのテンプレートで定義されていません' },
  'launch-template-unnamed': { en: '{path} names neither LaunchTemplateId nor LaunchTemplateName', ja: '{path} に LaunchTemplateId も LaunchTemplateName もありません' },
  'list-empty': { en: '{what} is empty', ja: '{what} が空です' },
  'entry-is': { en: 'an entry is {value}', ja: 'エントリが {value} です' },
  'entry-key-unknown': { en: 'an entry has a Key only known at deployment', ja: 'デプロイ時にしか決まらない Key のエントリがあります' },
  'key-not-found': { en: '{what}: "{key}" not found and {why}', ja: '{what}: "{key}" が見つからず、{why}' },
  'port-range-unknown': { en: 'port range {from}-{to} is only known at deployment', ja: 'ポート範囲 {from}-{to} はデプロイ時にしか決まりません' },
  'range-all': { en: 'all protocols and ports (IpProtocol -1)', ja: 'すべてのプロトコルとポート（IpProtocol -1）' },
  'rule-failed': { en: 'the rule could not evaluate this resource ({error})', ja: 'ルールがこのリソースを評価できませんでした（{error}）' },
  'known-at-deployment': { en: '{what} is only known at deployment', ja: '{what} はデプロイ時にしか決まりません' },
  // Resource policies (resource-policy.ts): bucket, topic, queue and key policies.
  'policy-not-json': { en: '{path} is a string that is not JSON', ja: '{path} が JSON として読めない文字列です' },
  'statement-unknown': { en: 'a statement is only known at deployment', ja: 'デプロイ時にしか決まらないステートメントがあります' },
  'policy-named': { en: '{kind} {id}', ja: '{kind} {id}' },
  'policy-no-document': { en: '{what} has no {path}', ja: '{what} に {path} がありません' },
  'tls-deny-some-branches': {
    en: '{what} denies insecure transport only in some branches (an Fn::If or a parameter value)',
    ja: '{what} が TLS を使わない通信を拒否するのは一部の分岐（Fn::If またはパラメータの値）だけです',
  },
  'tls-condition-unknown': { en: 'the aws:SecureTransport condition value is only known at deployment', ja: 'aws:SecureTransport の条件の値はデプロイ時にしか決まりません' },
  'tls-no-deny': {
    en: '{what} has no Deny statement for everyone on aws:SecureTransport false',
    ja: '{what} に、aws:SecureTransport が false のとき全員を拒否する Deny ステートメントがありません',
  },
  'public-allow-sid': {
    en: '{what} statement "{sid}" allows everyone (Principal "*") with no condition that limits who (e.g. aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce)',
    ja: '{what} のステートメント "{sid}" が、利用者を限定する条件（aws:SourceArn、aws:SourceAccount、aws:PrincipalOrgID、aws:SourceVpce など）なしに全員（Principal "*"）を許可しています',
  },
  'public-allow-index': {
    en: '{what} statement {index} allows everyone (Principal "*") with no condition that limits who (e.g. aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce)',
    ja: '{what} の {index} 番目のステートメントが、利用者を限定する条件（aws:SourceArn、aws:SourceAccount、aws:PrincipalOrgID、aws:SourceVpce など）なしに全員（Principal "*"）を許可しています',
  },
  'public-effect-unknown-sid': {
    en: '{what} statement "{sid}" gives Principal "*" and its Effect is not known before deployment',
    ja: '{what} のステートメント "{sid}" は Principal "*" を指定しており、Effect がデプロイ前には分かりません',
  },
  'public-effect-unknown-index': {
    en: '{what} statement {index} gives Principal "*" and its Effect is not known before deployment',
    ja: '{what} の {index} 番目のステートメントは Principal "*" を指定しており、Effect がデプロイ前には分かりません',
  },
  // Why a value is unknown (values.ts).
  'nested-too-deeply': { en: 'intrinsic functions nested too deeply', ja: '組み込み関数の入れ子が深すぎます' },
  'malformed-if': { en: 'malformed Fn::If', ja: 'Fn::If の形式が正しくありません' },
  'too-many-alternatives': { en: 'more than {max} alternative values', ja: '取りうる値が {max} 通りを超えます' },
  'ssm-parameter': { en: 'parameter "{parameter}" is read from SSM Parameter Store at deployment', ja: 'パラメータ "{parameter}" はデプロイ時に SSM パラメータストアから読み込まれます' },
  'parameter-no-default': { en: 'Ref to parameter "{parameter}" with no default or allowed values', ja: 'パラメータ "{parameter}" への Ref で、既定値も許可値もありません' },
  'unknown-ref': { en: 'Ref to "{name}", which is neither a parameter nor a resource of the template', ja: '"{name}" への Ref ですが、テンプレートのパラメータでもリソースでもありません' },
  'unsupported-intrinsic': { en: 'unsupported intrinsic function {fn}', ja: '対応していない組み込み関数 {fn} です' },
  'inside-intrinsic': { en: '{key} is inside {fn}, which is only known at deployment', ja: '{key} は {fn} の中にあり、デプロイ時にしか決まりません' },
  'unknown-condition': { en: 'condition "{condition}" is not defined in the Conditions section', ja: '条件 "{condition}" が Conditions セクションに定義されていません' },
  'too-many-scenarios': {
    en: 'more than {max} combinations of conditions: judged branch by branch, without linking conditions',
    ja: '条件の組み合わせが {max} 通りを超えるため、条件の連動を考えずに分岐ごとに判定しました',
  },
  'via-note': { en: ' ({via})', ja: '（{via}）' },
  'transform': {
    en: 'the template uses the transform {transform}, which rewrites it at deployment: its resources cannot be verified before deployment',
    ja: 'テンプレートは変換 {transform} を使っており、デプロイ時に書き換えられるため、リソースをデプロイ前に検証できません',
  },
  // Why a policy document cannot be read (policy.ts).
  'document-not-json': { en: 'the policy document is a string that is not JSON', ja: 'ポリシードキュメントが JSON として読めない文字列です' },
  'document-unknown': { en: 'the policy document is only known at deployment', ja: 'ポリシードキュメントはデプロイ時にしか決まりません' },
  'condition-block-unknown': { en: 'the Condition block is only known at deployment', ja: 'Condition ブロックはデプロイ時にしか決まりません' },
};

const VIA_TEXT: Record<ViaStep['kind'], LocalizedText> = {
  'if': { en: 'when {condition} = {branch}', ja: '{condition} = {branch} の場合' },
  'parameter-default': { en: 'parameter "{parameter}" default {value}', ja: 'パラメータ "{parameter}" の既定値 {value}' },
  'parameter-allowed': { en: 'parameter "{parameter}" allowed value {value}', ja: 'パラメータ "{parameter}" の許可値 {value}' },
  'parameter-given': { en: 'parameter "{parameter}" = {value}', ja: 'パラメータ "{parameter}" = {value}' },
  'parameter-pattern': { en: 'parameter "{parameter}" matching {pattern}', ja: 'パターン {pattern} に合うパラメータ "{parameter}"' },
  'mapping': { en: 'Fn::FindInMap {path}', ja: 'Fn::FindInMap {path}' },
  'no-value': { en: 'Ref AWS::NoValue', ja: 'Ref AWS::NoValue' },
};

function isVia(value: unknown): value is Via {
  return Array.isArray(value) && value.every((s) => typeof s === 'object' && s !== null && typeof (s as ViaStep).kind === 'string');
}

function fill(template: string, params: Readonly<Record<string, DetailParam>> | undefined, lang: Language, own?: Readonly<Record<string, LocalizedText>>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    if (!params || !(name in params)) return whole;
    return renderParam(params[name], lang, own);
  });
}

function renderParam(value: DetailParam, lang: Language, own?: Readonly<Record<string, LocalizedText>>): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isVia(value)) return renderVia(value, lang);
  if (isDetail(value)) return renderDetail(value, lang, own);
  return String(value);
}

/** How a value was reached, in words ("when IsProd = false, parameter "Env" default "dev""). */
export function renderVia(via: Via, lang: Language): string {
  return via.map((step) => fill(VIA_TEXT[step.kind][lang], step as unknown as Record<string, DetailParam>, lang)).join(lang === 'ja' ? '、' : ', ');
}

/**
 * A detail in `lang`. `own` are the rule's details (looked up first), then the engine's. An unknown
 * key renders as the key with its parameters, so that nothing is silently lost.
 */
export function renderDetail(detail: Detail, lang: Language, own?: Readonly<Record<string, LocalizedText>>): string {
  const text = own?.[detail.key] ?? ENGINE_DETAILS[detail.key];
  if (!text) {
    const params = Object.entries(detail.params ?? {}).map(([k, v]) => `${k}=${renderParam(v, lang, own)}`).join(', ');
    return params ? `${detail.key} (${params})` : detail.key;
  }
  return fill(text[lang], detail.params, lang, own);
}
