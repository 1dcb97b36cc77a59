import * as fs from 'fs';
import * as path from 'path';
import { CHAPTERS, findItem, getItem, ITEMS } from '../../lib/catalog';

// The guideline draft and the item list are kept in the repository (docs/source), so that a clean clone
// can check the catalog against them; when the shared originals sit next to the checkout, the copies
// must equal them.
const SOURCE = path.join(__dirname, '..', '..', 'docs', 'source');
const SEED = fs.readFileSync(path.join(SOURCE, 'guideline-seed-2016-11-08.txt'), 'utf-8');
const ITEMS_MD = fs.readFileSync(path.join(SOURCE, 'guideline-items.md'), 'utf-8');
const SHARED = path.join(__dirname, '..', '..', '..', 'shared');
const hasShared = fs.existsSync(path.join(SHARED, 'guideline-items.md'));

/** The IDs and "cover" column of guideline-items.md, parsed from its tables. */
function itemsFromMarkdown(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of ITEMS_MD.split('\n')) {
    const m = /^\| ([A-Z]{2}-\d+) \|.*\| ([^|]+) \|\s*$/.exec(line);
    if (m) out.set(m[1], m[2].split(',').map((s) => s.trim()));
  }
  return out;
}

describe('catalog integrity', () => {
  test('has exactly the 54 IDs of guideline-items.md, in its order', () => {
    const md = itemsFromMarkdown();
    expect(md.size).toBe(54);
    expect(ITEMS.map((i) => i.id)).toEqual([...md.keys()]);
  });

  test('IDs are unique and well formed, and each item sits in the chapter of its prefix', () => {
    expect(new Set(ITEMS.map((i) => i.id)).size).toBe(ITEMS.length);
    for (const i of ITEMS) {
      expect(i.id).toMatch(/^[A-Z]{2}-\d+$/);
      expect(i.id.startsWith(`${i.chapter}-`)).toBe(true);
      expect(CHAPTERS.some((c) => c.id === i.chapter)).toBe(true);
    }
  });

  test('every item has both texts, risk types, a level and at least one way of coverage', () => {
    for (const i of ITEMS) {
      expect({ id: i.id, ja: i.ja.trim().length > 0, en: i.en.trim().length > 0 }).toEqual({ id: i.id, ja: true, en: true });
      expect(i.cia.length).toBeGreaterThan(0);
      expect(i.cia.every((c) => ['C', 'I', 'A'].includes(c))).toBe(true);
      expect(['mandatory', 'selectable']).toContain(i.level);
      expect(i.coverage.length).toBeGreaterThan(0);
      expect(i.coverage.every((c) => ['rule', 'construct', 'baseline', 'attest'].includes(c))).toBe(true);
      expect(['do', 'dont', 'principle']).toContain(i.kind);
    }
  });

  test('coverage matches the "cover" column of guideline-items.md (principle → attest)', () => {
    const md = itemsFromMarkdown();
    for (const i of ITEMS) {
      const expected = md.get(i.id)!.map((c) => (c === 'principle' ? 'attest' : c));
      expect({ id: i.id, coverage: [...i.coverage] }).toEqual({ id: i.id, coverage: expected });
    }
  });

  test('EX-1 is mandatory and EX-2 selectable, as the seed says', () => {
    expect(getItem('EX-1').level).toBe('mandatory');
    expect(getItem('EX-2').level).toBe('selectable');
  });

  (hasShared ? test : test.skip)('the copies in docs/source equal the shared originals', () => {
    expect(ITEMS_MD).toBe(fs.readFileSync(path.join(SHARED, 'guideline-items.md'), 'utf-8'));
    expect(SEED).toBe(fs.readFileSync(path.join(SHARED, 'seeds', '000_b0be604793f0e429.txt'), 'utf-8'));
  });

  test('Japanese texts are taken from the seed', () => {
    const normalize = (s: string) => s.replace(/\s+/g, '');
    const seed = normalize(SEED);
    // Every sentence of an item's Japanese text (split at 。) appears in the seed, except the
    // chapter headings of section 3.3 that the catalog joins with "・".
    const missing = ITEMS.flatMap((i) => i.ja.split('。').map((s) => s.trim()).filter(Boolean)
      .filter((s) => !seed.includes(normalize(s)) && !s.split(/[・()（）、]/).every((part) => !part.trim() || seed.includes(normalize(part))))
      .map((s) => `${i.id}: ${s}`));
    expect(missing).toEqual([]);
  });

  test('lookups', () => {
    expect(findItem('NT-1')?.chapter).toBe('NT');
    expect(findItem('XX-9')).toBeUndefined();
    expect(() => getItem('XX-9')).toThrow(/Unknown guideline item "XX-9"/);
  });
});
