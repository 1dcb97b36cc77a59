/**
 * The compliance report as one self-contained HTML page: inline CSS, inline SVG charts, no script, no
 * external font, image or style (a Content-Security-Policy forbids every network request). It opens
 * from a file, from an e-mail attachment or from a USB stick in a bank's closed network.
 *
 * Top: the summary (items needing action, counts by status, one bar for all items), then the coverage
 * by chapter and by risk type as stacked horizontal bars coloured by status, then every item.
 * Every text inserted is escaped with {@link escapeHtml}.
 */
import { CHAPTERS } from '../catalog';
import { LocalizedText } from '../catalog/types';
import { attestationLine, constructLines, resourceLine, ruleLine } from './evidence';
import { basisText, itemText, L, levelText, ReportLanguage, RISK_LABEL, say, STATUS_COLOR, STATUS_LABEL, STATUS_MEANING } from './i18n';
import { ComplianceReport, ItemStatus, NEEDS_ACTION, ReportItem, STATUS_ORDER, StatusCounts } from './model';

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

const esc = escapeHtml;

export function renderHtml(report: ComplianceReport, lang: ReportLanguage): string {
  const t = (x: LocalizedText) => say(x, lang);
  const s = report.summary;
  const mandatoryOpen = report.items.filter((i) => i.level === 'mandatory' && NEEDS_ACTION.includes(i.status)).length;
  const meta = [
    `${t(L.asOf)}: <strong>${esc(s.asOf)}</strong>`,
    s.sources?.length ? `${t(L.inputs)}: ${s.sources.map((x) => `<code>${esc(x)}</code>`).join(', ')}` : '',
    `${t(L.resources)}: ${s.resources}`,
    `${t(L.rulesRan)}: ${s.rules}`,
    `${t(L.attestationFile)}: ${s.attestationFile ? `<code>${esc(s.attestationFile)}</code> (${s.attestations})` : esc(t(L.none))}`,
    s.knownFindings !== undefined
      ? `${esc(t(L.baselineFile))}: ${s.baselineFile ? `<code>${esc(s.baselineFile)}</code> ` : ''}(${esc(t(L.knownFindings))}: <span id="known-findings">${s.knownFindings}</span>)`
      : '',
    `${t(L.generatedBy)}: ${esc(s.tool.name)} ${esc(s.tool.version)}`,
  ].filter(Boolean).map((x) => `<li>${x}</li>`).join('');

  const cards = STATUS_ORDER.map((st) => `<li class="card" data-status="${st}" title="${esc(t(STATUS_MEANING[st]))}">`
    + `<span class="sw" style="background:${STATUS_COLOR[st].fill}"></span>`
    + `<span class="n" data-count="${st}">${s.byStatus[st]}</span><span class="lbl">${esc(t(STATUS_LABEL[st]))}</span></li>`).join('');

  const overall = barChart('chart-overall', t({ ja: '全項目の状況', en: 'All items by status' }), [
    { label: t({ ja: '全項目', en: 'All items' }), tooltip: t({ ja: '全項目', en: 'All items' }), byStatus: s.byStatus, total: s.total },
  ], lang);
  const chapters = barChart('chart-chapters', t(L.byChapter), s.byChapter.map((c) => ({
    label: `${c.chapter} ${lang === 'both' ? c.title.ja : t(c.title)}`,
    sublabel: lang === 'both' ? c.title.en : undefined,
    tooltip: `${c.chapter} ${t(c.title)}`,
    href: `#chapter-${c.chapter}`,
    byStatus: c.byStatus,
    total: c.total,
  })), lang);
  const risks = barChart('chart-risk', t(L.byRisk), s.byRisk.map((r) => ({
    label: `${r.risk} ${lang === 'both' ? RISK_LABEL[r.risk].ja : t(RISK_LABEL[r.risk])}`,
    sublabel: lang === 'both' ? RISK_LABEL[r.risk].en : undefined,
    tooltip: `${r.risk} ${t(RISK_LABEL[r.risk])}`,
    byStatus: r.byStatus,
    total: r.total,
  })), lang);
  const legend = STATUS_ORDER.map((st) => `<li><span class="sw" style="background:${STATUS_COLOR[st].fill}"></span>${esc(t(STATUS_LABEL[st]))}`
    + `<span class="meaning">${esc(t(STATUS_MEANING[st]))}</span></li>`).join('');

  const sections = CHAPTERS.map((c) => {
    const rows = report.items.filter((i) => i.chapter === c.id);
    if (rows.length === 0) return '';
    return `<section class="chapter" id="chapter-${esc(c.id)}"><h3>${esc(c.id)} ${esc(t(c.title))}</h3>`
      + `<table class="items"><thead><tr><th>${esc(t(L.id))}</th><th>${esc(t(L.item))}</th><th>${esc(t(L.level))}</th><th>${esc(t(L.cia))}</th>`
      + `<th>${esc(t(L.statusCol))}</th><th>${esc(t(L.evidence))}</th></tr></thead><tbody>${rows.map((i) => itemRow(i, lang)).join('')}</tbody></table></section>`;
  }).join('\n');

  return `<!DOCTYPE html>
<html lang="${lang === 'en' ? 'en' : 'ja'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(s.tool.name)} ${esc(s.tool.version)}">
<title>${esc(t(L.title))} (${esc(s.asOf)})</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(t(L.title))}</h1>
<p class="sub">${esc(t(L.subtitle))}</p>
<ul class="meta">${meta}</ul>
</header>
<main>
<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">${esc(t(L.summary))}</h2>
<p class="headline"><span class="big" id="needs-action">${s.needsAction}</span> / ${s.total} <span>${esc(t(L.needsAction))}: ${esc(t(L.needsActionHint))}`
    + ` (${esc(t(L.mandatory))}: ${mandatoryOpen})</span></p>
<ul class="cards">${cards}</ul>
${overall}
</section>
<section id="charts">
<h2>${esc(t(L.byChapter))}</h2>
${chapters}
<h2>${esc(t(L.byRisk))}</h2>
${risks}
<ul class="legend" aria-label="${esc(t(L.legend))}">${legend}</ul>
</section>
<section id="items">
<h2>${esc(t(L.items))}</h2>
${sections}
</section>
</main>
<footer>
<h2>${esc(t(L.precedenceTitle))}</h2>
<p>${esc(t(L.precedence))}</p>
<p>${esc(t(L.notGate))}</p>
<p class="gen">${esc(s.tool.name)} ${esc(s.tool.version)} · ${esc(s.generatedAt)}</p>
</footer>
</body>
</html>
`;
}

function itemRow(i: ReportItem, lang: ReportLanguage): string {
  const t = (x: LocalizedText) => say(x, lang);
  const text = lang === 'both'
    ? `<span class="ja" lang="ja">${esc(itemText(i, 'ja'))}</span><span class="en" lang="en">${esc(itemText(i, 'en'))}</span>`
    : `<span>${esc(itemText(i, lang))}</span>`;
  const list = (cls: string, title: LocalizedText, lines: string[]) =>
    (lines.length ? `<div class="ev ${cls}"><span class="evh">${esc(t(title))}</span><ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>` : '');
  const reasons = i.reasons.map((r) => (r.kind === 'team-decision'
    ? `${t(L.teamDecision)}: ${r.reason} (${r.where})`
    : `${r.ruleId ?? ''}${r.resource ? ` ${r.resource}` : ''}: ${r.reason || '-'} (${r.where})`));
  const att = attestationLine(i, lang);
  const basis = basisText(i);
  const evidence = `<p class="basis">${lang === 'both' ? `<span lang="ja">${esc(basis.ja)}</span><span class="en" lang="en">${esc(basis.en)}</span>` : esc(t(basis))}</p>`
    + list('reasons', L.reasons, reasons)
    + list('open', L.findings, i.resources.filter((r) => !r.acknowledged).map((r) => resourceLine(r, lang)))
    + list('att', L.attestation, att ? [att] : [])
    + list('cons', L.constructs, constructLines(i, lang))
    + list('rules', L.rules, ruleLine(i, lang));
  const c = STATUS_COLOR[i.status];
  return `<tr id="item-${esc(i.id)}" data-status="${i.status}"><td class="id">${esc(i.id)}</td><td class="text">${text}</td>`
    + `<td class="lvl">${esc(say(levelText(i), lang, ' / '))}</td><td class="cia">${esc(i.cia.join(''))}</td>`
    + `<td><span class="badge" style="background:${c.fill};color:${c.text}">${esc(t(STATUS_LABEL[i.status]))}</span></td>`
    + `<td class="evidence">${evidence}</td></tr>`;
}

interface BarRow {
  readonly label: string;
  readonly sublabel?: string;
  readonly tooltip: string;
  readonly href?: string;
  readonly byStatus: StatusCounts;
  readonly total: number;
}

/** Approximate rendered width of a text at 13px (CJK characters are full width). */
function textWidth(s: string, px = 13): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x2e80 ? px : px * 0.58;
  return w;
}

function truncate(s: string, max: number, px = 13): string {
  if (textWidth(s, px) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(`${out}${ch}…`, px) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** A 100%-stacked horizontal bar per row, coloured by status, with the item count at the right. */
function barChart(id: string, title: string, rows: readonly BarRow[], lang: ReportLanguage): string {
  const W = 1120;
  const labelW = 300;
  const barX = labelW + 10;
  const barW = 690;
  const twoLines = rows.some((r) => r.sublabel);
  const rowH = twoLines ? 42 : 30;
  const barH = 22;
  const headH = 20;
  const H = headH + rows.length * rowH + 4;
  const itemsWord = say({ ja: '項目数', en: 'Items' }, lang);
  const parts: string[] = [];
  parts.push(`<text class="colh" x="${barX}" y="14">0%</text><text class="colh" x="${barX + barW}" y="14" text-anchor="end">100%</text>`
    + `<text class="colh" x="${W - 4}" y="14" text-anchor="end">${esc(itemsWord)}</text>`);
  rows.forEach((r, n) => {
    const y = headH + n * rowH;
    const barY = y + (rowH - barH) / 2;
    const label = r.sublabel
      ? `<text class="lbl" x="0" y="${barY + 9}">${esc(truncate(r.label, labelW - 8))}</text><text class="sublbl" x="0" y="${barY + 24}">${esc(truncate(r.sublabel, labelW - 8, 11))}</text>`
      : `<text class="lbl" x="0" y="${barY + 16}">${esc(truncate(r.label, labelW - 8))}</text>`;
    parts.push(r.href ? `<a href="${esc(r.href)}">${label}<title>${esc(r.tooltip)}</title></a>` : `<g>${label}<title>${esc(r.tooltip)}</title></g>`);
    parts.push(`<rect class="track" x="${barX}" y="${barY}" width="${barW}" height="${barH}"/>`);
    let cum = 0;
    for (const st of STATUS_ORDER) {
      const count = r.byStatus[st];
      if (!count || r.total === 0) continue;
      const x0 = barX + Math.round((cum / r.total) * barW);
      cum += count;
      const x1 = barX + Math.round((cum / r.total) * barW);
      const w = x1 - x0;
      const c = STATUS_COLOR[st as ItemStatus];
      parts.push(`<g class="seg" data-status="${st}"><rect x="${x0}" y="${barY}" width="${w}" height="${barH}" fill="${c.fill}">`
        + `<title>${esc(`${r.tooltip}: ${say(STATUS_LABEL[st], lang)} ${count}`)}</title></rect>`
        + (w >= 16 ? `<text x="${x0 + w / 2}" y="${barY + 15}" text-anchor="middle" fill="${c.text}" class="cnt">${count}</text>` : '')
        + '</g>');
    }
    parts.push(`<text class="total" x="${W - 4}" y="${barY + 16}" text-anchor="end">${r.total}</text>`);
  });
  return `<svg id="${id}" class="chart" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">`
    + `<title id="${id}-title">${esc(title)}</title>${parts.join('')}</svg>`;
}

const CSS = `
:root{--fg:#1a1a1a;--muted:#555;--line:#d9dde1;--bg:#fff;--soft:#f5f7f9}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:var(--bg);font:14px/1.55 system-ui,-apple-system,"Segoe UI","Hiragino Kaku Gothic ProN","Hiragino Sans","Yu Gothic UI",Meiryo,"Noto Sans CJK JP","Noto Sans JP",sans-serif}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 24px}
header{padding-top:20px;border-bottom:3px solid #0d47a1}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;border-left:5px solid #0d47a1;padding-left:8px}
h3{font-size:16px;margin:22px 0 8px}
.sub{margin:0 0 8px;color:var(--muted)}
.meta{list-style:none;padding:0;margin:0 0 14px;display:flex;flex-wrap:wrap;gap:4px 18px;color:var(--muted);font-size:13px}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;border-radius:3px;word-break:break-all}
.headline{font-size:15px;margin:4px 0 12px}
.headline .big{font-size:34px;font-weight:700;color:#c62828;vertical-align:-4px}
.cards{list-style:none;padding:0;margin:0 0 14px;display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:8px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 10px;display:grid;grid-template-columns:12px 1fr;column-gap:8px;align-items:center}
.card .sw{grid-row:1/3}
.card .n{font-size:24px;font-weight:700;line-height:1.1}
.card .lbl{font-size:12px;color:var(--muted)}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin-right:6px}
.card .sw{height:100%;min-height:36px;width:8px;margin:0}
svg.chart{display:block;max-width:100%;height:auto;margin:4px 0 10px}
svg .lbl{font-size:13px;fill:var(--fg)}
svg .sublbl{font-size:11px;fill:var(--muted)}
svg .colh{font-size:11px;fill:var(--muted)}
svg .cnt{font-size:12px;font-weight:700}
svg .total{font-size:13px;font-weight:700;fill:var(--fg)}
svg .track{fill:#eef1f3}
svg a .lbl{text-decoration:underline;text-decoration-color:#9fb3c8}
.legend{list-style:none;padding:0;margin:6px 0 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:4px 16px;font-size:12.5px}
.legend .meaning{display:block;color:var(--muted);margin-left:18px}
table.items{width:100%;border-collapse:collapse;font-size:13px}
table.items th,table.items td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
table.items th{background:var(--soft);font-weight:600;white-space:nowrap}
td.id{font-weight:700;white-space:nowrap}
td.text{width:30%}
td.text .en{display:block;color:var(--muted);font-size:12px;margin-top:2px}
td.lvl{font-size:12px;color:var(--muted);width:110px}
td.cia{font-family:ui-monospace,Menlo,Consolas,monospace}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:700;white-space:nowrap}
td.evidence{font-size:12.5px;word-break:break-word}
.basis{margin:0 0 4px}
.basis .en{display:block;color:var(--muted)}
td.evidence{width:38%}
.ev{margin:2px 0}
.ev .evh{font-weight:600;font-size:12px;color:var(--muted)}
.ev ul{margin:0;padding-left:18px}
.ev.rules{color:var(--muted);font-size:12px}
.ev.open li{color:#b71c1c}
tr[data-status="fail"] td.id{box-shadow:inset 4px 0 0 #c62828}
tr[data-status="attestation-missing"] td.id,tr[data-status="attestation-expired"] td.id{box-shadow:inset 4px 0 0 #f9a825}
footer{margin-top:24px;padding-bottom:32px;color:var(--muted);font-size:13px}
footer .gen{font-size:12px}
@media print{body{font-size:11px}header,main,footer{max-width:none;padding:0 8mm}tr{break-inside:avoid}section.chapter{break-inside:auto}}
`;
