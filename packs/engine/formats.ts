/**
 * Output formats of the `check` command: a readable table (default), JSON, SARIF 2.1.0 (for code
 * scanning upload), CSV and Markdown. All take the same findings. The SARIF log is also what the pack
 * writes at synthesis (`cdk.out/fintech-checks.sarif`): one renderer, {@link sarifLog}, for both.
 *
 * With a findings baseline (`findings-baseline.ts`), open findings the baseline knows are marked as
 * known debt with the date they were first recorded, and the summary counts only new ones as errors
 * and warnings (so `summary.errors > 0` is still the failing condition).
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Baseline, baselineMatcher, BaselineEntry, compareWithBaseline, fingerprint, isOpen } from './findings-baseline';
import { Language } from './messages';
import { RuleDefinition } from './rule';
import { Finding, findingFix, findingMessage, renderScenario } from './runner';

export const CHECK_FORMATS = ['table', 'json', 'sarif', 'csv', 'markdown'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];

export interface CheckSummary {
  readonly templates: number;
  readonly resources: number;
  readonly rules: number;
  /** Open error-level findings (with a baseline: only those it does not know). */
  readonly errors: number;
  /** Open warning-level findings (with a baseline: only those it does not know). */
  readonly warnings: number;
  readonly acknowledged: number;
  readonly unverifiable: number;
  /** With a baseline: open findings it knows (not counted in errors and warnings). */
  readonly known?: number;
  /** With a baseline: its entries that have no open finding any more (fixed). */
  readonly fixed?: number;
}

export function summarize(findings: readonly Finding[], templates: number, resources: number, rules: number, baseline?: Baseline): CheckSummary {
  const comparison = baseline ? compareWithBaseline(findings, baseline) : undefined;
  const open = comparison ? comparison.new : findings.filter(isOpen);
  return {
    templates,
    resources,
    rules,
    errors: open.filter((f) => f.level === 'error').length,
    warnings: open.filter((f) => f.level === 'warning').length,
    acknowledged: findings.filter((f) => !isOpen(f)).length,
    unverifiable: open.filter((f) => f.status === 'unverifiable').length,
    ...(comparison ? { known: comparison.known.length, fixed: comparison.fixed.length } : {}),
  };
}

export interface FormatInput {
  readonly findings: readonly Finding[];
  readonly summary: CheckSummary;
  readonly rules: readonly RuleDefinition[];
  readonly language: Language;
  readonly version: string;
  /** The findings baseline (`--baseline FILE`): known findings are marked with their first-recorded date. */
  readonly baseline?: Baseline;
  /**
   * SARIF only: the directory that artifact URIs are made relative to (files outside it get `file:` URIs).
   * @default - file paths as given
   */
  readonly baseDir?: string;
}

/** The baseline entry of an open finding, when a baseline is given and knows it. */
function knownEntry(input: Pick<FormatInput, 'baseline'>): (f: Finding) => BaselineEntry | undefined {
  if (!input.baseline) return () => undefined;
  const match = baselineMatcher(input.baseline);
  return (f) => (isOpen(f) ? match(f) : undefined);
}

export function formatFindings(format: CheckFormat, input: FormatInput): string {
  switch (format) {
    case 'json': return JSON.stringify(toJson(input), undefined, 2) + '\n';
    case 'sarif': return JSON.stringify(sarifLog(input), undefined, 2) + '\n';
    case 'csv': return toCsv(input);
    case 'markdown': return toMarkdown(input);
    default: return toTable(input);
  }
}

function toJson(input: FormatInput) {
  const { findings, summary, language } = input;
  const known = knownEntry(input);
  return {
    findings: findings.map((f) => ({
      file: f.file,
      ...(f.stack ? { stack: f.stack } : {}),
      resource: f.resource,
      resourceType: f.resourceType,
      ...(f.path ? { path: f.path } : {}),
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      items: f.items,
      level: f.level,
      status: f.status,
      ...(f.scenario ? { scenario: f.scenario.map((a) => ({ condition: a.condition, value: a.value })) } : {}),
      ...(f.detail ? { detail: f.detail } : {}),
      message: findingMessage(f, language),
      fix: findingFix(f, language),
      ...(f.acknowledged ? { acknowledged: { id: f.acknowledged.id, reason: f.acknowledged.reason, where: f.acknowledged.where } } : {}),
      ...(input.baseline && isOpen(f) ? { baseline: baselineJson(known(f)) } : {}),
      fingerprint: fingerprint(f),
    })),
    summary,
  };
}

/** The `$schema` of the SARIF logs written (the OASIS standard's schema of SARIF 2.1.0). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

/** Key of the stable fingerprint (`findings-baseline.ts`) in `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'fintechGuardrails/v1';

/** A file as a SARIF artifact URI: relative to `baseDir` (forward slashes, percent-encoded) or a `file:` URI. */
export function artifactUri(file: string, baseDir?: string): string {
  const rel = baseDir ? path.relative(baseDir, path.resolve(file)) : file;
  const outside = path.isAbsolute(rel) || rel.split(/[\\/]/)[0] === '..';
  if (outside) return pathToFileURL(path.resolve(file)).href;
  return rel.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/**
 * The findings as a SARIF 2.1.0 log: one run; the driver lists the rules that have results (with the
 * guideline item IDs in `help` and in the tags); each result names its rule, level, message,
 * the template file (line of the logical ID) and the resource as a logical location (construct
 * path), the stable fingerprint, and, with a baseline, `baselineState` `new` or `unchanged`.
 * Acknowledged findings are results with an external suppression and its reason. What the baseline
 * recorded and is gone (fixed, acknowledged since, or removed) is a result with `baselineState`
 * `absent` (kind `pass`, level `none`), so code scanning can close its alert.
 */
export function sarifLog({ findings, rules, language, version, baseline, baseDir }: FormatInput) {
  const ja = language === 'ja';
  const used = rules.filter((r) => findings.some((f) => f.ruleId === r.id));
  // Findings of rules not in the list (a custom rule set) still get a driver rule, from the finding.
  for (const f of findings) {
    if (used.some((r) => r.id === f.ruleId)) continue;
    used.push({ id: f.ruleId, name: f.ruleName, items: f.items, resourceTypes: [f.resourceType], info: f.texts.info, explanation: f.texts.info, fix: f.texts.fix, check: () => ({ status: 'not-applicable' }) });
  }
  // One comparison gives both the entry of each known finding and the entries that are gone.
  const comparison = baseline ? compareWithBaseline(findings, baseline) : undefined;
  const entries = new Map(comparison?.known.map((k) => [k.finding, k.entry]));
  const known = (f: Finding) => entries.get(f);
  const fixed = comparison?.fixed ?? [];
  for (const e of fixed) {
    if (used.some((r) => r.id === e.ruleId)) continue;
    const rule = rules.find((r) => r.id === e.ruleId);
    if (rule) used.push(rule);
  }
  const lineCache = new Map<string, Map<string, number> | null>();
  const itemsWord = ja ? 'ガイドライン項目' : 'Guideline items';
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [{
      tool: {
        driver: {
          name: 'fintech-guardrails',
          version,
          informationUri: 'https://www.npmjs.com/package/fintech-guardrails',
          rules: used.map((r) => ({
            id: r.id,
            name: r.name,
            shortDescription: { text: r.info[language] },
            fullDescription: { text: r.explanation[language] },
            help: {
              text: `${itemsWord}: ${r.items.join(', ')}. ${ja ? '対処' : 'Fix'}: ${r.fix[language]}`,
              markdown: `**${itemsWord}:** ${r.items.map((i) => `\`${i}\``).join(', ')}\n\n**${ja ? '対処' : 'Fix'}:** ${r.fix[language]}`,
            },
            defaultConfiguration: { level: findings.find((f) => f.ruleId === r.id)?.level ?? 'warning' },
            properties: { tags: ['security', 'fintech-guardrails', ...r.items], items: [...r.items] },
          })),
        },
      },
      results: [...findings.map((f) => {
        const entry = known(f);
        const since = entry ? (ja ? ` (既知の指摘: ${entry.firstRecorded} に記録)` : ` (known since ${entry.firstRecorded}, in the baseline)`) : '';
        return {
          ruleId: f.ruleId,
          ruleIndex: used.findIndex((r) => r.id === f.ruleId),
          level: f.level,
          message: { text: `[${f.items.join(', ')}] ${findingMessage(f, language)} ${ja ? '対処' : 'Fix'}: ${findingFix(f, language)}${since}` },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: artifactUri(f.file, baseDir) },
              region: { startLine: lineOf(f.file, f.resource, lineCache) },
            },
            logicalLocations: [{ name: f.resource, fullyQualifiedName: f.path ?? f.resource, kind: 'resource' }],
          }],
          partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint(f) },
          ...(baseline && isOpen(f) ? { baselineState: entry ? 'unchanged' as const : 'new' as const } : {}),
          properties: {
            items: f.items, status: f.status, resourceType: f.resourceType,
            ...(f.stack ? { stack: f.stack } : {}),
            ...(f.scenario ? { scenario: renderScenario(f.scenario, 'en') } : {}),
            ...(entry ? { firstRecorded: entry.firstRecorded } : {}),
          },
          ...(f.acknowledged ? { suppressions: [{ kind: 'external' as const, justification: f.acknowledged.reason || `acknowledged as ${f.acknowledged.id}` }] } : {}),
        };
      }), ...fixed.map((e) => absentResult(e, used.findIndex((r) => r.id === e.ruleId), language))],
    }],
  };
}

/** A baseline entry that no open finding matches any more, as a SARIF result of state `absent`. */
function absentResult(e: BaselineEntry, ruleIndex: number, language: Language) {
  const text = language === 'ja'
    ? `[${e.items.join(', ')}] ベースラインに ${e.firstRecorded} から記録されていた指摘が解消されました（${e.stack} ${e.path ?? e.resource}）。`
    : `[${e.items.join(', ')}] Fixed since the baseline (recorded ${e.firstRecorded}): ${e.stack} ${e.path ?? e.resource}.`;
  return {
    ruleId: e.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    kind: 'pass' as const,
    level: 'none' as const,
    message: { text },
    locations: [{ logicalLocations: [{ name: e.resource, fullyQualifiedName: e.path ?? e.resource, kind: 'resource' }] }],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: e.fingerprint },
    baselineState: 'absent' as const,
    properties: { items: [...e.items], stack: e.stack, firstRecorded: e.firstRecorded },
  };
}

/**
 * Line of a logical ID in a template file (1 when not found): for code-scanning annotations. Each file
 * is read once and indexed by the first line of every key (`Id:` or `"Id":`), so a template with
 * thousands of findings costs one pass, not one scan per finding.
 */
function lineOf(file: string, logicalId: string, cache: Map<string, Map<string, number> | null>): number {
  if (!cache.has(file)) {
    let index: Map<string, number> | null = null;
    try {
      index = new Map();
      const lines = fs.readFileSync(file, 'utf-8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const key = /^\s*["']?([^"':\s]+)["']?\s*:/.exec(lines[i])?.[1];
        if (key !== undefined && !index.has(key)) index.set(key, i + 1);
      }
    } catch {
      index = null;
    }
    cache.set(file, index);
  }
  return cache.get(file)?.get(logicalId) ?? 1;
}

function baselineJson(entry: BaselineEntry | undefined) {
  return entry ? { state: 'known' as const, firstRecorded: entry.firstRecorded } : { state: 'new' as const };
}

/** "known since DATE" in the reader's language, or '' for a finding the baseline does not know. */
function knownSince(entry: BaselineEntry | undefined, language: Language): string {
  if (!entry) return '';
  return language === 'ja' ? `既知 (${entry.firstRecorded} から)` : `known since ${entry.firstRecorded}`;
}

function baselineSummary(summary: CheckSummary, language: Language): string {
  if (summary.known === undefined) return '';
  return language === 'ja'
    ? `、既知 (ベースライン記録済み) ${summary.known}、解消 ${summary.fixed ?? 0}`
    : `, ${summary.known} known (in the baseline), ${summary.fixed ?? 0} fixed`;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv(input: FormatInput): string {
  const { findings, language } = input;
  const known = knownEntry(input);
  // The baseline column is there only with a baseline (the header is otherwise unchanged).
  const header = ['file', 'stack', 'resource', 'resourceType', 'ruleId', 'items', 'level', 'status', 'acknowledged', 'message', 'fix', 'scenario',
    ...(input.baseline ? ['firstRecorded'] : [])];
  const rows = findings.map((f) => [f.file, f.stack ?? '', f.resource, f.resourceType, f.ruleId, f.items.join(' '), f.level, f.status,
    f.acknowledged ? f.acknowledged.reason || 'yes' : '', findingMessage(f, language), findingFix(f, language), renderScenario(f.scenario, language),
    ...(input.baseline ? [known(f)?.firstRecorded ?? ''] : [])].map(csvCell).join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

function mdCell(v: string): string {
  return v.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function toMarkdown(input: FormatInput): string {
  const { findings, summary, language } = input;
  const known = knownEntry(input);
  const ja = language === 'ja';
  const lines = [
    ja ? '# FinTech ガードレール チェック結果' : '# FinTech guardrails check',
    '',
    ja
      ? `テンプレート ${summary.templates} 件、リソース ${summary.resources} 件: エラー ${summary.errors}、警告 ${summary.warnings}、確認済み(acknowledged) ${summary.acknowledged}、検証不能 ${summary.unverifiable}${baselineSummary(summary, language)}。`
      : `${summary.templates} template(s), ${summary.resources} resource(s): ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.acknowledged} acknowledged, ${summary.unverifiable} cannot be verified${baselineSummary(summary, language)}.`,
    '',
  ];
  if (findings.length === 0) return lines.concat([ja ? '指摘はありません。' : 'No findings.', '']).join('\n');
  lines.push(ja ? '| レベル | ルール | 項目 | リソース | 内容 | 対処 |' : '| Level | Rule | Items | Resource | Finding | Fix |', '|---|---|---|---|---|---|');
  for (const f of findings) {
    const since = knownSince(known(f), language);
    const level = f.acknowledged ? `${f.level} (acknowledged: ${f.acknowledged.reason})` : since ? `${f.level} (${since})` : f.level;
    lines.push(`| ${mdCell(level)} | ${f.ruleId} | ${f.items.join(', ')} | ${mdCell(`${f.file} ${f.resource}`)} | ${mdCell(findingMessage(f, language))} | ${mdCell(findingFix(f, language))} |`);
  }
  return lines.join('\n') + '\n';
}

function toTable(input: FormatInput): string {
  const { findings, summary, language } = input;
  const known = knownEntry(input);
  const ja = language === 'ja';
  const out: string[] = [];
  for (const f of findings) {
    const entry = known(f);
    const tag = f.acknowledged ? 'ACK  ' : entry ? 'KNOWN' : f.level === 'error' ? 'ERROR' : 'WARN ';
    out.push(`${tag} ${f.ruleId} [${f.items.join(', ')}] ${f.file} ${f.resource} (${f.resourceType})`);
    out.push(`      ${findingMessage(f, language)}`);
    out.push(`      ${ja ? '対処' : 'Fix'}: ${findingFix(f, language)}`);
    if (f.acknowledged) out.push(`      ${ja ? '確認済み' : 'Acknowledged'}: ${f.acknowledged.reason} (${f.acknowledged.where})`);
    if (entry) out.push(`      ${ja ? `ベースライン記録済みの既知の指摘 (${entry.firstRecorded} に初回記録、${f.level === 'error' ? 'エラー' : '警告'})` : `Known ${f.level} in the baseline, first recorded ${entry.firstRecorded}`}`);
  }
  if (out.length) out.push('');
  out.push(ja
    ? `テンプレート ${summary.templates}、リソース ${summary.resources}、ルール ${summary.rules}: エラー ${summary.errors}、警告 ${summary.warnings}、確認済み ${summary.acknowledged}、検証不能 ${summary.unverifiable}${baselineSummary(summary, language)}`
    : `${summary.templates} template(s), ${summary.resources} resource(s), ${summary.rules} rule(s): ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.acknowledged} acknowledged, ${summary.unverifiable} cannot be verified${baselineSummary(summary, language)}`);
  return out.join('\n') + '\n';
}
