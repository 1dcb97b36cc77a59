import * as fs from 'fs';
import * as path from 'path';
import { GENERATED } from '../scripts/docs';

describe('generated documents', () => {
  test.each(Object.keys(GENERATED))('%s is up to date (run `npm run docs`)', (file) => {
    const onDisk = fs.readFileSync(path.join(__dirname, '..', file), 'utf-8');
    expect(onDisk).toBe(GENERATED[file]());
  });

  test('the guideline document lists every item with both texts', () => {
    const doc = GENERATED['docs/GUIDELINE.md']();
    const { ITEMS } = require('../lib/catalog');
    for (const i of ITEMS) {
      expect(doc).toContain(`### ${i.id} `);
      expect(doc).toContain(i.ja);
      expect(doc).toContain(i.en);
    }
  });

  test('README.ja.md is generated too, with the baseline table in Japanese from the catalog', () => {
    expect(Object.keys(GENERATED)).toEqual(expect.arrayContaining(['README.md', 'README.ja.md']));
    const { BASELINE_PARTS } = require('../lib/baseline');
    const { getItem } = require('../lib/catalog');
    const block = (doc: string) => doc.slice(doc.indexOf('<!-- baseline-table:start -->'), doc.indexOf('<!-- baseline-table:end -->'));
    const ja = block(GENERATED['README.ja.md']());
    const en = block(GENERATED['README.md']());
    expect(ja).toContain('| 構成要素 | デプロイするもの | ガイドライン項目 |');
    for (const part of BASELINE_PARTS) {
      expect(ja).toContain(part.name.ja);
      expect(ja).toContain(part.deploys.ja);
      expect(en).toContain(part.deploys.en);
      if (part.id !== 'attestations') for (const id of part.items) expect(ja).toContain(`**${id}** ${getItem(id).ja}`);
    }
    // The same rows, item for item, in both languages.
    const ids = (b: string) => b.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('|---')).map((l) => (l.match(/\b[A-Z]{2}-\d+\b/g) ?? []).join(' '));
    expect(ids(ja)).toEqual(ids(en));
  });
});
