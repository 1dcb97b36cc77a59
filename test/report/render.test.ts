import { ITEMS } from '../../lib/catalog';
import { buildComplianceReport, escapeHtml, renderReport, STATUS_LABEL, STATUS_ORDER } from '../../lib/report';
import { csvCell } from '../../lib/report/render-csv';
import { resolveItemLevels } from '../../packs/engine/levels';
import { runRules } from '../../packs/engine/runner';
import { TemplateModel } from '../../packs/engine/template';
import { S3BucketEncrypted } from '../../packs/rules/s3/S3BucketEncrypted';
import { cfn } from '../helpers/rules';

const NOW = new Date(2026, 10, 26, 12);
const HOSTILE = 'Legacy <script>alert("x")</script> & =HYPERLINK("http://evil") | pipe';

function sample() {
  const t = cfn({
    Open: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'Stack/Open/Resource' } },
    Acked: { Type: 'AWS::S3::Bucket', Metadata: { 'fintech-guardrails': { acknowledged: [{ id: 'FTG-S3-1', reason: HOSTILE }] } } },
  });
  const inputs = [{ model: new TemplateModel(t, 'stack.template.json'), stack: 'Stack' }];
  const levels = resolveItemLevels({ 'BP-4': { level: 'off', reason: 'Not a web service: API only, no browsers' } });
  const evaluation = runRules(inputs, { rules: [S3BucketEncrypted], levels });
  return buildComplianceReport({
    evaluation, rules: [S3BucketEncrypted], now: NOW, version: '1.2.3', sources: ['cdk.out'],
    attestations: {
      file: 'fintech-attestations.yaml',
      attestations: [
        { item: 'AS-1', confirmedBy: 'Taro Yamada (CTO)', date: '2026-04-01', evidence: 'Pentest <report> "2026"', until: '2027-03-31', line: 2 },
        { item: 'AS-2', confirmedBy: 'Taro Yamada (CTO)', date: '2025-04-01', evidence: '=cmd|x', until: '2026-03-31', line: 7 },
      ],
    },
  });
}

describe('renderReport json', () => {
  const report = sample();
  const json = JSON.parse(renderReport(report, 'json', 'both'));

  test('one object { items, summary } with exactly one entry per catalog item', () => {
    expect(Object.keys(json).sort()).toEqual(['items', 'summary']);
    expect(json.items.map((i: any) => i.id)).toEqual(ITEMS.map((i) => i.id));
    for (const i of json.items) {
      for (const k of ['id', 'status', 'level', 'resources', 'rules', 'reasons', 'chapter', 'cia', 'effectiveLevel', 'attestation', 'constructs']) expect(i).toHaveProperty(k);
      expect(STATUS_ORDER).toContain(i.status);
      expect(['mandatory', 'selectable']).toContain(i.level);
    }
  });

  test('statuses, resources, reasons and attestations', () => {
    const by = (id: string) => json.items.find((i: any) => i.id === id);
    expect(by('DM-1').status).toBe('fail');
    expect(by('DM-1').resources.map((r: any) => r.logicalId)).toEqual(['Open', 'Acked']);
    expect(by('DM-1').rules).toEqual([{ id: 'FTG-S3-1', name: 'S3BucketEncrypted', ran: true, applicable: 2, compliant: 0, open: 1, acknowledged: 1 }]);
    expect(by('BP-4')).toMatchObject({ status: 'turned-off', effectiveLevel: 'off', decidedBy: 'team', reasons: [{ kind: 'team-decision', reason: 'Not a web service: API only, no browsers' }] });
    expect(by('AS-1')).toMatchObject({ status: 'attested', attestation: { confirmedBy: 'Taro Yamada (CTO)', until: '2027-03-31', line: 2 } });
    expect(by('AS-2').status).toBe('attestation-expired');
    expect(by('AS-3')).toMatchObject({ status: 'attestation-missing', attestation: null });
    expect(json.summary).toMatchObject({ total: 54, asOf: '2026-11-26', sources: ['cdk.out'], attestationFile: 'fintech-attestations.yaml', attestations: 2 });
    expect(Object.keys(json.summary.byStatus)).toEqual([...STATUS_ORDER]);
  });

  test('texts follow --lang', () => {
    expect(json.items[0].text).toEqual({ ja: ITEMS[0].ja, en: ITEMS[0].en });
    expect(JSON.parse(renderReport(report, 'json', 'en')).items[0].text).toEqual({ en: ITEMS[0].en });
    expect(JSON.parse(renderReport(report, 'json', 'ja')).items[0].text).toEqual({ ja: ITEMS[0].ja });
  });
});

describe('renderReport md', () => {
  const report = sample();
  test('summary, charts as tables, every item, escaped cells', () => {
    const md = renderReport(report, 'md', 'en');
    expect(md).toMatch(/^# FinTech security guideline: compliance report/);
    expect(md).toContain('| Fail | 2 |');
    expect(md).toContain('### Coverage by chapter');
    expect(md).toContain('### Coverage by risk type (C/I/A)');
    for (const i of ITEMS) expect(md).toContain(`| ${i.id} | `);
    expect(md).toContain('\\| pipe');
    expect(md).not.toContain('<script>');
    expect(md).toContain('Not a web service: API only, no browsers (team decision (item levels))');
    expect(md).toContain('FTG-S3-1 Stack/Open/Resource (Open, stack.template.json)');
  });

  test('languages: ja only, en only, both', () => {
    const ja = renderReport(report, 'md', 'ja');
    expect(ja).toContain('# FinTech セキュリティガイドライン 準拠状況レポート');
    expect(ja).toContain(ITEMS[0].ja);
    expect(ja).not.toContain(ITEMS[0].en);
    const en = renderReport(report, 'md', 'en');
    expect(en).not.toContain(ITEMS[0].ja);
    const both = renderReport(report, 'md', 'both');
    expect(both).toContain(`${ITEMS[0].ja}<br>${ITEMS[0].en}`);
    expect(both).toContain('不適合 / Fail');
  });
});

describe('renderReport csv', () => {
  const report = sample();
  test('BOM, header, one row per item, CRLF', () => {
    const csv = renderReport(report, 'csv', 'en');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = parseCsv(csv.slice(1));
    expect(lines[0].slice(0, 4)).toEqual(['id', 'chapter', 'text_en', 'level']);
    expect(lines).toHaveLength(55);
    expect(lines.slice(1).map((l) => l[0])).toEqual(ITEMS.map((i) => i.id));
    const header = lines[0];
    const dm1 = lines.find((l) => l[0] === 'DM-1')!;
    expect(dm1[header.indexOf('status')]).toBe('fail');
    expect(dm1[header.indexOf('reasons')]).toContain(HOSTILE); // kept whole inside one cell
    const as2 = lines.find((l) => l[0] === 'AS-2')!;
    expect(as2[header.indexOf('attestation_evidence')]).toBe("'=cmd|x"); // formula defused
    expect(renderReport(report, 'csv', 'both').split('\r\n')[0]).toContain('text_ja,text_en');
  });

  test('csvCell quotes and defuses', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('renderReport html', () => {
  const report = sample();
  const html = renderReport(report, 'html', 'both');

  test('self-contained: no script, no external resource, a CSP that forbids requests', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    // The only absolute URL outside the (escaped) user text is the SVG namespace, which is never fetched.
    expect(new Set(html.match(/https?:\/\/[^\s"'<>)]+/g)!.filter((u) => !u.includes('evil')))).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  test('all inserted text is escaped', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; =HYPERLINK');
    expect(html).toContain('Pentest &lt;report&gt; &quot;2026&quot;');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  test('summary with counts by status, charts by chapter and by risk type, every item', () => {
    expect(html).toContain('id="summary"');
    for (const st of STATUS_ORDER) expect(html).toContain(`<span class="n" data-count="${st}">${report.summary.byStatus[st]}</span>`);
    expect(html).toContain('<svg id="chart-chapters"');
    expect(html).toContain('<svg id="chart-risk"');
    expect(html).toContain('<svg id="chart-overall"');
    expect((html.match(/<g class="seg" data-status="fail">/g) ?? []).length).toBeGreaterThan(0);
    for (const i of ITEMS) expect(html).toContain(`id="item-${i.id}"`);
    expect(html).toContain(`<span class="big" id="needs-action">${report.summary.needsAction}</span>`);
  });

  test('labels follow --lang', () => {
    const en = renderReport(report, 'html', 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain(STATUS_LABEL.fail.en);
    expect(en).not.toContain(STATUS_LABEL.fail.ja);
    const ja = renderReport(report, 'html', 'ja');
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain(STATUS_LABEL.fail.ja);
    expect(ja).not.toContain(`>${STATUS_LABEL.fail.en}<`);
    expect(html).toContain(`${STATUS_LABEL.fail.ja} / ${STATUS_LABEL.fail.en}`);
  });
});

test('renderReport rejects an unknown format', () => {
  expect(() => renderReport(sample(), 'pdf' as any, 'en')).toThrow(/Unknown report format "pdf"/);
});

/** A small RFC 4180 parser for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
