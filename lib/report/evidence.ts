/** The evidence of one report row as lines of text, shared by the Markdown, CSV and HTML renderers. */
import { LocalizedText } from '../catalog/types';
import { basisText, L, ReportLanguage, say } from './i18n';
import { ConstructLocation, ReportItem, ReportResource } from './model';

export type EvidenceKind = 'basis' | 'rule' | 'resource' | 'reason' | 'attestation' | 'construct';

export interface EvidenceLine {
  readonly kind: EvidenceKind;
  readonly text: string;
  /** For resources: open (true) or acknowledged (false). */
  readonly open?: boolean;
}

const t = (x: LocalizedText, lang: ReportLanguage) => say(x, lang);

/** Where a resource is: construct path (or logical ID), logical ID, file. */
export function resourceWhere(r: { file?: string; stack?: string; logicalId?: string; path?: string }): string {
  const head = r.path ?? r.logicalId ?? '';
  const extra = [r.path && r.logicalId ? r.logicalId : undefined, r.file].filter(Boolean).join(', ');
  return extra ? `${head} (${extra})` : head;
}

export function ruleLine(item: ReportItem, lang: ReportLanguage): string[] {
  const out: string[] = [];
  for (const r of item.rules) {
    if (!r.ran || (r.applicable === 0 && r.open + r.acknowledged === 0)) continue;
    out.push(`${r.id} ${r.name}: ${t(L.applied, lang)} ${r.applicable}, ${t(L.compliant, lang)} ${r.compliant}`
      + `${r.open ? `, ${t(L.open, lang)} ${r.open}` : ''}${r.acknowledged ? `, ${t(L.acknowledgedBy, lang)} ${r.acknowledged}` : ''}`);
  }
  const idle = item.rules.filter((r) => r.ran && r.applicable === 0 && r.open + r.acknowledged === 0).map((r) => r.id);
  if (idle.length) out.push(`${t(L.noResource, lang)}: ${idle.join(', ')}`);
  const off = item.rules.filter((r) => !r.ran && r.open + r.acknowledged === 0).map((r) => r.id);
  if (off.length) out.push(`${t(L.notRun, lang)}: ${off.join(', ')}`);
  return out;
}

export function resourceLine(r: ReportResource, lang: ReportLanguage): string {
  const base = r.acknowledged ? t(L.acknowledgedBy, lang) : r.finding === 'unverifiable' ? `${t(L.open, lang)}, ${t(L.unverifiable, lang)}` : `${t(L.open, lang)}, ${t(r.level === 'error' ? L.error : L.warning, lang)}`;
  const state = r.knownSince && !r.acknowledged ? `${base}, ${t(L.knownSince, lang)} ${r.knownSince}` : base;
  return `[${state}] ${r.ruleId} ${resourceWhere(r)}`;
}

export function attestationLine(item: ReportItem, lang: ReportLanguage): string | undefined {
  const a = item.attestation;
  if (!a) return undefined;
  const where = a.file ? ` (${a.file}${a.line ? `:${a.line}` : ''})` : '';
  const note = a.note ? ` ${a.note}` : '';
  if (lang === 'ja') return `${a.confirmedBy} が ${a.date} に確認、証跡: ${a.evidence}、有効期限 ${a.until}${where}${note}`;
  if (lang === 'en') return `${L.confirmedBy.en} ${a.confirmedBy} on ${a.date}; evidence: ${a.evidence}; valid until ${a.until}${where}${note}`;
  return `${a.confirmedBy} / ${a.date} / ${a.evidence} / ${L.until.ja} (until) ${a.until}${where}${note}`;
}

export function constructLines(item: ReportItem, lang: ReportLanguage): string[] {
  return item.constructs.map((c) => {
    const kind = t(c.kind === 'baseline' ? L.kindBaseline : L.kindConstruct, lang);
    const locs = c.locations.map((l: ConstructLocation) => resourceWhere(l)).filter(Boolean);
    return `${c.construct} (${kind})${locs.length ? `: ${locs.join('; ')}` : ''}`;
  });
}

/** All evidence of a row, most important first. */
export function evidenceLines(item: ReportItem, lang: ReportLanguage): EvidenceLine[] {
  const out: EvidenceLine[] = [{ kind: 'basis', text: t(basisText(item), lang) }];
  for (const r of item.reasons) {
    if (r.kind === 'team-decision') out.push({ kind: 'reason', text: `${t(L.teamDecision, lang)}: ${r.reason} (${r.where})` });
    else out.push({ kind: 'reason', text: `${t(L.acknowledgedBy, lang)} ${r.ruleId ?? ''}${r.resource ? ` ${r.resource}` : ''}: ${r.reason || '-'} (${r.where})` });
  }
  for (const r of item.resources.filter((x) => !x.acknowledged)) out.push({ kind: 'resource', text: resourceLine(r, lang), open: true });
  const att = attestationLine(item, lang);
  if (att) out.push({ kind: 'attestation', text: `${t(L.attestation, lang)}: ${att}` });
  for (const c of constructLines(item, lang)) out.push({ kind: 'construct', text: c });
  for (const r of ruleLine(item, lang)) out.push({ kind: 'rule', text: r });
  return out;
}
