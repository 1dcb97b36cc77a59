/**
 * The compliance report as CSV: one row per catalog item (54 rows after the header), for a
 * spreadsheet. Starts with a UTF-8 byte order mark so that Excel reads the Japanese text correctly;
 * lines end with CRLF (RFC 4180). Cells that a spreadsheet would run as a formula are prefixed with '.
 */
import { attestationLine, constructLines, resourceLine, ruleLine } from './evidence';
import { basisText, itemText, ReportLanguage, say, STATUS_LABEL } from './i18n';
import { ComplianceReport, ReportReason } from './model';

/** One CSV cell: quoted when needed, formula-like text defused. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(report: ComplianceReport, lang: ReportLanguage): string {
  const textCols = lang === 'both' ? ['text_ja', 'text_en'] : [`text_${lang}`];
  const header = [
    'id', 'chapter', ...textCols, 'level', 'effective_level', 'decided_by', 'cia', 'coverage', 'status', 'status_label', 'basis',
    'rules', 'open_resources', 'reasons', 'attestation_confirmed_by', 'attestation_date', 'attestation_evidence', 'attestation_until',
    'attestation', 'constructs',
  ];
  const reason = (r: ReportReason) => `${r.kind === 'team-decision' ? 'team decision' : `acknowledged ${r.ruleId ?? ''} ${r.resource ?? ''}`.trim()}: ${r.reason} (${r.where})`;
  const rows = report.items.map((i) => {
    const texts = lang === 'both' ? [itemText(i, 'ja'), itemText(i, 'en')] : [itemText(i, lang)];
    const a = i.attestation;
    return [
      i.id, i.chapter, ...texts, i.level, i.effectiveLevel, i.decidedBy, i.cia.join(''), i.coverage.join(' '), i.status,
      say(STATUS_LABEL[i.status], lang), say(basisText(i), lang),
      ruleLine(i, lang).join('\n'),
      i.resources.filter((r) => !r.acknowledged).map((r) => resourceLine(r, lang)).join('\n'),
      i.reasons.map(reason).join('\n'),
      a?.confirmedBy ?? '', a?.date ?? '', a?.evidence ?? '', a?.until ?? '',
      a ? `${a.state}: ${attestationLine(i, lang)}` : '',
      constructLines(i, lang).join('\n'),
    ].map(csvCell).join(',');
  });
  return '\uFEFF' + [header.join(','), ...rows].join('\r\n') + '\r\n';
}
