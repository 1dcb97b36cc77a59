import { buildComplianceReport, renderReport } from '../../lib/report';
import { parseBaseline, serializeBaseline, updateBaseline } from '../../packs/engine/findings-baseline';
import { runRules } from '../../packs/engine/runner';
import { CfnTemplate, TemplateModel } from '../../packs/engine/template';
import { S3BucketEncrypted } from '../../packs/rules/s3/S3BucketEncrypted';

const DAY1 = new Date(2026, 0, 10, 9, 0, 0);
const NOW = new Date(2026, 10, 26, 12, 0, 0);

/** Two unencrypted buckets; the baseline knows `Old` only. */
function build(withBaseline: boolean) {
  const template = { Resources: { Old: { Type: 'AWS::S3::Bucket' }, Fresh: { Type: 'AWS::S3::Bucket' } } } as CfnTemplate;
  const inputs = [{ model: new TemplateModel(template, 'cdk.out/App.template.json'), stack: 'App' }];
  const evaluation = runRules(inputs, { rules: [S3BucketEncrypted] });
  const known = updateBaseline(evaluation.findings.filter((f) => f.resource === 'Old'), undefined, DAY1);
  const baseline = parseBaseline(serializeBaseline(known), 'fintech-baseline.json');
  return buildComplianceReport({ evaluation, rules: [S3BucketEncrypted], now: NOW, version: '9.9.9', ...(withBaseline ? { baseline } : {}) });
}

describe('compliance report with a findings baseline', () => {
  test('known findings stay open (the item fails) and carry the date they were first recorded', () => {
    const r = build(true);
    const dm1 = r.items.find((i) => i.id === 'DM-1')!;
    expect(dm1.status).toBe('fail');
    expect(dm1.resources.map((x) => [x.logicalId, x.knownSince])).toEqual([['Old', '2026-01-10'], ['Fresh', undefined]]);
    expect(r.summary).toMatchObject({ openFindings: 2, knownFindings: 1, baselineFile: 'fintech-baseline.json' });
  });

  test('without a baseline nothing is marked known', () => {
    const r = build(false);
    expect(r.items.find((i) => i.id === 'DM-1')!.resources.every((x) => x.knownSince === undefined)).toBe(true);
    expect(r.summary.knownFindings).toBeUndefined();
    expect(renderReport(r, 'md', 'en')).not.toMatch(/known since|Findings baseline/);
  });

  test.each([
    ['md', 'en', ['Findings baseline: `fintech-baseline.json` (known findings: 1)', '[open, error, known since 2026-01-10] FTG-S3-1 Old', '2 open finding(s), 1 of them known']],
    ['md', 'ja', ['指摘ベースライン: `fintech-baseline.json` (既知の指摘: 1)', '[未対応, エラー, 既知、初回記録 2026-01-10] FTG-S3-1 Old', 'うち 1 件は指摘ベースラインに記録済み']],
    ['html', 'both', ['<span id="known-findings">1</span>', 'known since 2026-01-10']],
    ['csv', 'en', ['known since 2026-01-10']],
    ['json', 'en', ['"knownSince": "2026-01-10"', '"knownFindings": 1']],
  ] as const)('%s (%s) shows the known finding with its date', (format, lang, expected) => {
    const text = renderReport(build(true), format, lang);
    for (const e of expected) expect(text).toContain(e);
    // The new finding is shown without a date.
    expect(text).not.toMatch(/Fresh[^\n<]*2026-01-10/);
  });
});
