/**
 * Output formats of the `check` command: a readable table (default), JSON, SARIF 2.1.0 (for code
 * scanning upload), CSV and Markdown. All take the same findings.
 */
import * as fs from 'fs';
import { Language } from './messages';
import { RuleDefinition } from './rule';
import { Finding, findingFix, findingMessage, renderScenario } from './runner';

export const CHECK_FORMATS = ['table', 'json', 'sarif', 'csv', 'markdown'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];

export interface CheckSummary {
  readonly templates: number;
  readonly resources: number;
  readonly rules: number;
  readonly errors: number;
  readonly warnings: number;
  readonly acknowledged: number;
  readonly unverifiable: number;
}

export function summarize(findings: readonly Finding[], templates: number, resources: number, rules: number): CheckSummary {
  const open = findings.filter((f) => !f.acknowledged);
  return {
    templates,
    resources,
    rules,
    errors: open.filter((f) => f.level === 'error').length,
    warnings: open.filter((f) => f.level === 'warning').length,
    acknowledged: findings.length - open.length,
    unverifiable: open.filter((f) => f.status === 'unverifiable').length,
  };
}

export interface FormatInput {
  readonly findings: readonly Finding[];
  readonly summary: CheckSummary;
  readonly rules: readonly RuleDefinition[];
  readonly language: Language;
  readonly version: string;
}

export function formatFindings(format: CheckFormat, input: FormatInput): string {
  switch (format) {
    case 'json': return JSON.stringify(toJson(input), undefined, 2) + '\n';
    case 'sarif': return JSON.stringify(toSarif(input), undefined, 2) + '\n';
    case 'csv': return toCsv(input);
    case 'markdown': return toMarkdown(input);
    default: return toTable(input);
  }
}

function toJson({ findings, summary, language }: FormatInput) {
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
    })),
    summary,
  };
}

function toSarif({ findings, rules, language, version }: FormatInput) {
  const used = rules.filter((r) => findings.some((f) => f.ruleId === r.id));
  const lineCache = new Map<string, string[] | null>();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
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
            help: { text: r.fix[language] },
            properties: { tags: ['security', ...r.items] },
          })),
        },
      },
      results: findings.map((f) => ({
        ruleId: f.ruleId,
        ruleIndex: used.findIndex((r) => r.id === f.ruleId),
        level: f.level,
        message: { text: `[${f.items.join(', ')}] ${findingMessage(f, language)} ${language === 'ja' ? '対処' : 'Fix'}: ${findingFix(f, language)}` },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: f.file.split('\\').join('/') },
            region: { startLine: lineOf(f.file, f.resource, lineCache) },
          },
          logicalLocations: [{ name: f.resource, fullyQualifiedName: f.path ?? f.resource, kind: 'resource' }],
        }],
        properties: { items: f.items, status: f.status, resourceType: f.resourceType, ...(f.scenario ? { scenario: renderScenario(f.scenario, 'en') } : {}) },
        ...(f.acknowledged ? { suppressions: [{ kind: 'external', justification: f.acknowledged.reason || `acknowledged as ${f.acknowledged.id}` }] } : {}),
      })),
    }],
  };
}

/** Line of a logical ID in a template file (1 when not found): for code-scanning annotations. */
function lineOf(file: string, logicalId: string, cache: Map<string, string[] | null>): number {
  if (!cache.has(file)) {
    try {
      cache.set(file, fs.readFileSync(file, 'utf-8').split('\n'));
    } catch {
      cache.set(file, null);
    }
  }
  const lines = cache.get(file);
  if (!lines) return 1;
  const re = new RegExp(`^\\s*["']?${logicalId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? 1 : i + 1;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv({ findings, language }: FormatInput): string {
  const header = ['file', 'stack', 'resource', 'resourceType', 'ruleId', 'items', 'level', 'status', 'acknowledged', 'message', 'fix', 'scenario'];
  const rows = findings.map((f) => [f.file, f.stack ?? '', f.resource, f.resourceType, f.ruleId, f.items.join(' '), f.level, f.status,
    f.acknowledged ? f.acknowledged.reason || 'yes' : '', findingMessage(f, language), findingFix(f, language), renderScenario(f.scenario, language)].map(csvCell).join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

function mdCell(v: string): string {
  return v.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function toMarkdown({ findings, summary, language }: FormatInput): string {
  const ja = language === 'ja';
  const lines = [
    ja ? '# FinTech ガードレール チェック結果' : '# FinTech guardrails check',
    '',
    ja
      ? `テンプレート ${summary.templates} 件、リソース ${summary.resources} 件: エラー ${summary.errors}、警告 ${summary.warnings}、確認済み(acknowledged) ${summary.acknowledged}、検証不能 ${summary.unverifiable}。`
      : `${summary.templates} template(s), ${summary.resources} resource(s): ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.acknowledged} acknowledged, ${summary.unverifiable} cannot be verified.`,
    '',
  ];
  if (findings.length === 0) return lines.concat([ja ? '指摘はありません。' : 'No findings.', '']).join('\n');
  lines.push(ja ? '| レベル | ルール | 項目 | リソース | 内容 | 対処 |' : '| Level | Rule | Items | Resource | Finding | Fix |', '|---|---|---|---|---|---|');
  for (const f of findings) {
    const level = f.acknowledged ? `${f.level} (acknowledged: ${f.acknowledged.reason})` : f.level;
    lines.push(`| ${mdCell(level)} | ${f.ruleId} | ${f.items.join(', ')} | ${mdCell(`${f.file} ${f.resource}`)} | ${mdCell(findingMessage(f, language))} | ${mdCell(findingFix(f, language))} |`);
  }
  return lines.join('\n') + '\n';
}

function toTable({ findings, summary, language }: FormatInput): string {
  const ja = language === 'ja';
  const out: string[] = [];
  for (const f of findings) {
    const tag = f.acknowledged ? 'ACK  ' : f.level === 'error' ? 'ERROR' : 'WARN ';
    out.push(`${tag} ${f.ruleId} [${f.items.join(', ')}] ${f.file} ${f.resource} (${f.resourceType})`);
    out.push(`      ${findingMessage(f, language)}`);
    out.push(`      ${ja ? '対処' : 'Fix'}: ${findingFix(f, language)}`);
    if (f.acknowledged) out.push(`      ${ja ? '確認済み' : 'Acknowledged'}: ${f.acknowledged.reason} (${f.acknowledged.where})`);
  }
  if (out.length) out.push('');
  out.push(ja
    ? `テンプレート ${summary.templates}、リソース ${summary.resources}、ルール ${summary.rules}: エラー ${summary.errors}、警告 ${summary.warnings}、確認済み ${summary.acknowledged}、検証不能 ${summary.unverifiable}`
    : `${summary.templates} template(s), ${summary.resources} resource(s), ${summary.rules} rule(s): ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.acknowledged} acknowledged, ${summary.unverifiable} cannot be verified`);
  return out.join('\n') + '\n';
}
