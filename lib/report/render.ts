/** Render the compliance report in one of its formats and languages. */
import { ReportLanguage } from './i18n';
import { ComplianceReport } from './model';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-md';

export const REPORT_FORMATS = ['md', 'json', 'csv', 'html'] as const;
export type ReportFormat = typeof REPORT_FORMATS[number];

/**
 * The report as text: Markdown (`md`), JSON, CSV (one row per item) or a self-contained HTML page.
 * @param lang `ja`, `en`, or `both` (Japanese first, then English)
 */
export function renderReport(report: ComplianceReport, format: ReportFormat = 'md', lang: ReportLanguage = 'both'): string {
  switch (format) {
    case 'json': return renderJson(report, lang);
    case 'csv': return renderCsv(report, lang);
    case 'html': return renderHtml(report, lang);
    case 'md': return renderMarkdown(report, lang);
    default: throw new Error(`Unknown report format "${String(format)}" (use one of: ${REPORT_FORMATS.join(', ')})`);
  }
}
