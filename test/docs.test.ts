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
});
