/**
 * The HTML report in a real browser (headless Chromium driven by playwright-core): the summary and
 * the charts render, and the page makes no network request. Writes `docs/report-screenshot.png`.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`; `fonts-noto-cjk` for
 * the Japanese text in the screenshot). Skipped, with a message, when it is not installed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { buildComplianceReport, ComplianceReport, findConstructs, parseAttestationFile, renderReport } from '../../lib/report';
import { resolveItemLevels } from '../../packs/engine/levels';
import { loadInputs } from '../../packs/engine/load';
import { runRules } from '../../packs/engine/runner';
import { TemplateModel } from '../../packs/engine/template';
import { ALL_RULES } from '../../packs/rules';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const SCREENSHOT = path.join(ROOT, 'docs', 'report-screenshot.png');
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);

if (!HAVE_CHROMIUM) {
  // eslint-disable-next-line no-console
  console.warn(`test/report/browser.test.ts skipped: ${CHROMIUM} does not exist (install it with: apt-get install -y chromium)`);
}

/**
 * The report of the fixture app: a failing bucket, an acknowledged one, constructs, a decision,
 * attestations. File names are shown as a user would see them (cdk.out/..., fintech-attestations.yaml).
 */
function fixtureReport(): ComplianceReport {
  const { templates } = loadInputs([path.join(FIXTURES, 'app')]);
  const inputs = templates.map((t) => ({ model: new TemplateModel(t.json, `cdk.out/${path.basename(t.file)}`), stack: t.stack }));
  const levels = resolveItemLevels(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'decisions.json'), 'utf-8')).items);
  const evaluation = runRules(inputs, { rules: ALL_RULES, levels });
  const attestations = parseAttestationFile(fs.readFileSync(path.join(FIXTURES, 'attestations.yaml'), 'utf-8'), 'fintech-attestations.yaml');
  return buildComplianceReport({
    evaluation, attestations, rules: ALL_RULES, now: new Date(2026, 10, 26, 10, 0), constructsFound: findConstructs(inputs),
    decisionSource: '--config fintech-decisions.json', sources: ['cdk.out'],
  });
}

const title = 'the HTML report renders its summary and charts in headless Chromium without any network request';
(HAVE_CHROMIUM ? test : test.skip)(HAVE_CHROMIUM ? title : `${title} (SKIPPED: ${CHROMIUM} does not exist; apt-get install -y chromium)`, async () => {
  const report = fixtureReport();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-html-'));
  const file = path.join(dir, 'compliance-report.html');
  fs.writeFileSync(file, renderReport(report, 'html', 'both'));
  const url = pathToFileURL(file).href;

  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1360 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url, { waitUntil: 'load' });

    // The summary: counts by status, visible and equal to the model.
    await expect(page.locator('#summary').isVisible()).resolves.toBe(true);
    for (const [status, count] of Object.entries(report.summary.byStatus)) {
      const cell = page.locator(`[data-count="${status}"]`);
      await expect(cell.isVisible()).resolves.toBe(true);
      await expect(cell.innerText()).resolves.toBe(String(count));
    }
    await expect(page.locator('#needs-action').innerText()).resolves.toBe(String(report.summary.needsAction));

    // The charts: SVGs with a non-zero size, one coloured segment per non-empty status of each bar.
    for (const id of ['chart-overall', 'chart-chapters', 'chart-risk']) {
      const box = await page.locator(`svg#${id}`).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(20);
    }
    const segments = await page.$$eval('svg#chart-chapters g.seg rect', (rects) => rects.map((r) => {
      const b = (r as unknown as { getBBox(): { width: number; height: number } }).getBBox();
      return { w: b.width, h: b.height };
    }));
    const expected = report.summary.byChapter.reduce((n, c) => n + Object.values(c.byStatus).filter((v) => v > 0).length, 0);
    expect(segments).toHaveLength(expected);
    for (const s of segments) {
      expect(s.w).toBeGreaterThan(0);
      expect(s.h).toBeGreaterThan(0);
    }
    const riskSegments = await page.locator('svg#chart-risk g.seg rect').count();
    expect(riskSegments).toBeGreaterThanOrEqual(3);
    await expect(page.locator('svg#chart-risk text.total').allTextContents()).resolves.toEqual(report.summary.byRisk.map((r) => String(r.total)));
    await expect(page.locator('tr#item-DM-1 .badge').isVisible()).resolves.toBe(true);

    // Nothing but the page itself was requested; no CSP violation or script error.
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);

    await page.screenshot({ path: SCREENSHOT });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
