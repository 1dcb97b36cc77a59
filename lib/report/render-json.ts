/**
 * The compliance report as JSON: `{ "items": [...], "summary": {...} }`, exactly one entry per catalog
 * item, in catalog order. Field names are stable (the format is for tools); `text` and the chapter
 * titles follow the language (both languages for `both`).
 */
import { LocalizedText } from '../catalog/types';
import { ReportLanguage } from './i18n';
import { ComplianceReport } from './model';

export function renderJson(report: ComplianceReport, lang: ReportLanguage): string {
  const text = (x: LocalizedText) => (lang === 'both' ? { ja: x.ja, en: x.en } : { [lang]: x[lang] });
  const items = report.items.map((i) => ({
    id: i.id,
    chapter: i.chapter,
    kind: i.kind,
    text: text(i.text),
    status: i.status,
    basis: i.basis,
    level: i.level,
    effectiveLevel: i.effectiveLevel,
    decidedBy: i.decidedBy,
    cia: i.cia,
    coverage: i.coverage,
    resources: i.resources,
    rules: i.rules.map((r) => ({
      id: r.id, name: r.name, ran: r.ran, applicable: r.applicable, compliant: r.compliant, open: r.open, acknowledged: r.acknowledged,
    })),
    reasons: i.reasons,
    attestation: i.attestation ?? null,
    constructs: i.constructs,
  }));
  const s = report.summary;
  const summary = {
    ...s,
    byChapter: s.byChapter.map((c) => ({ chapter: c.chapter, title: text(c.title), total: c.total, byStatus: c.byStatus })),
  };
  return JSON.stringify({ items, summary }, undefined, 2) + '\n';
}
