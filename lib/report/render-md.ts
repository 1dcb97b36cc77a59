/** The compliance report as Markdown (for a pull request, a wiki page, or a document for the bank). */
import { CHAPTERS } from '../catalog';
import { evidenceLines } from './evidence';
import { itemText, L, levelText, ReportLanguage, RISK_LABEL, say, STATUS_LABEL, STATUS_MEANING } from './i18n';
import { ComplianceReport, STATUS_ORDER } from './model';

/** A Markdown table cell: pipes escaped, no line breaks, no HTML. */
export function mdCell(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

export function renderMarkdown(report: ComplianceReport, lang: ReportLanguage): string {
  const t = (x: { ja: string; en: string }) => say(x, lang);
  const s = report.summary;
  const out: string[] = [];
  out.push(`# ${t(L.title)}`, '', t(L.subtitle), '');
  out.push(`- ${t(L.asOf)}: ${s.asOf}`);
  if (s.sources?.length) out.push(`- ${t(L.inputs)}: ${s.sources.map((x) => `\`${x.replace(/`/g, "'")}\``).join(', ')}`);
  out.push(`- ${t(L.resources)}: ${s.resources}, ${t(L.rulesRan)}: ${s.rules}`);
  out.push(`- ${t(L.attestationFile)}: ${s.attestationFile ? `\`${s.attestationFile.replace(/`/g, "'")}\` (${s.attestations})` : t(L.none)}`);
  if (s.knownFindings !== undefined) out.push(`- ${t(L.baselineFile)}: ${s.baselineFile ? `\`${s.baselineFile.replace(/`/g, "'")}\` ` : ''}(${t(L.knownFindings)}: ${s.knownFindings})`);
  out.push(`- ${t(L.generatedBy)}: ${s.tool.name} ${s.tool.version}, ${s.generatedAt}`, '');

  out.push(`## ${t(L.summary)}`, '');
  out.push(`**${t(L.needsAction)}: ${s.needsAction} / ${s.total}** (${t(L.needsActionHint)})`, '');
  out.push(`| ${t(L.statusCol)} | ${t(L.countCol)} | |`, '|---|---:|---|');
  for (const st of STATUS_ORDER) out.push(`| ${mdCell(t(STATUS_LABEL[st]))} | ${s.byStatus[st]} | ${mdCell(t(STATUS_MEANING[st]))} |`);
  out.push(`| **${t(L.total)}** | **${s.total}** | |`, '');

  const head = STATUS_ORDER.map((st) => mdCell(t(STATUS_LABEL[st])));
  out.push(`### ${t(L.byChapter)}`, '', `| ${t(L.chapter)} | ${head.join(' | ')} | ${t(L.total)} |`, `|---|${STATUS_ORDER.map(() => '---:').join('|')}|---:|`);
  for (const c of s.byChapter) out.push(`| ${c.chapter} ${mdCell(t(c.title))} | ${STATUS_ORDER.map((st) => c.byStatus[st] || '').join(' | ')} | ${c.total} |`);
  out.push('', `### ${t(L.byRisk)}`, '', `| ${t(L.risk)} | ${head.join(' | ')} | ${t(L.total)} |`, `|---|${STATUS_ORDER.map(() => '---:').join('|')}|---:|`);
  for (const r of s.byRisk) out.push(`| ${r.risk} ${mdCell(t(RISK_LABEL[r.risk]))} | ${STATUS_ORDER.map((st) => r.byStatus[st] || '').join(' | ')} | ${r.total} |`);
  out.push('');

  out.push(`## ${t(L.items)}`, '');
  for (const chapter of CHAPTERS) {
    const rows = report.items.filter((i) => i.chapter === chapter.id);
    if (rows.length === 0) continue;
    out.push(`### ${chapter.id} ${t(chapter.title)}`, '');
    out.push(`| ${t(L.id)} | ${t(L.item)} | ${t(L.level)} | ${t(L.cia)} | ${t(L.statusCol)} | ${t(L.evidence)} |`, '|---|---|---|---|---|---|');
    for (const i of rows) {
      const text = lang === 'both' ? `${mdCell(itemText(i, 'ja'))}<br>${mdCell(itemText(i, 'en'))}` : mdCell(itemText(i, lang));
      const evidence = evidenceLines(i, lang).map((e) => mdCell(e.text)).join('<br>');
      out.push(`| ${i.id} | ${text} | ${mdCell(say(levelText(i), lang))} | ${i.cia.join('')} | **${mdCell(t(STATUS_LABEL[i.status]))}** | ${evidence} |`);
    }
    out.push('');
  }
  out.push(`## ${t(L.precedenceTitle)}`, '', t(L.precedence), '', t(L.notGate), '');
  return out.join('\n');
}
