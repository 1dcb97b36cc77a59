import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ITEMS } from '../../lib/catalog';
import { AttestationError, isCalendarDate, parseAttestationFile, readAttestationFile, validateAttestations } from '../../lib/report';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'fintech-app', 'fintech-attestations.yaml');

/** The error thrown by parsing `text` (fails the test when nothing is thrown). */
function errorOf(text: string): AttestationError {
  try {
    parseAttestationFile(text, 'fintech-attestations.yaml');
  } catch (e) {
    return e as AttestationError;
  }
  throw new Error('expected an AttestationError');
}

const GOOD = `attestations:
  - item: AS-1
    confirmedBy: Taro Yamada (CTO)
    date: 2026-04-01
    evidence: "Penetration test report, Example Security KK, 2026-03"
    until: 2027-03-31
`;

describe('parseAttestationFile', () => {
  test('reads the entries, with the line of each', () => {
    const f = parseAttestationFile(`# comment\n${GOOD}  - item: AS-2\n    confirmedBy: Hanako Suzuki (CISO)\n    date: "2026-06-30"\n    evidence: https://docs.example.jp/scr-2026-06\n    until: 2027-06-29\n    note: yearly\n`, 'a.yaml');
    expect(f).toEqual({
      file: 'a.yaml',
      attestations: [
        { item: 'AS-1', confirmedBy: 'Taro Yamada (CTO)', date: '2026-04-01', evidence: 'Penetration test report, Example Security KK, 2026-03', until: '2027-03-31', line: 3 },
        { item: 'AS-2', confirmedBy: 'Hanako Suzuki (CISO)', date: '2026-06-30', evidence: 'https://docs.example.jp/scr-2026-06', until: '2027-06-29', note: 'yearly', line: 8 },
      ],
    });
  });

  test('an empty list is fine; a byte order mark is ignored', () => {
    expect(parseAttestationFile('attestations: []\n').attestations).toEqual([]);
    expect(parseAttestationFile('attestations:\n').attestations).toEqual([]);
    expect(parseAttestationFile(`\uFEFF${GOOD}`).attestations).toHaveLength(1);
  });

  test('until may equal date', () => {
    expect(parseAttestationFile(GOOD.replace('2027-03-31', '2026-04-01')).attestations[0].until).toBe('2026-04-01');
  });

  // Each error: one line, the file, the line number, and what is wrong.
  test.each([
    ['unknown item ID', GOOD.replace('item: AS-1', 'item: AS-9'), 2, /unknown guideline item "AS-9"/],
    ['lower-case item ID (with a hint)', GOOD.replace('item: AS-1', 'item: as-1'), 2, /unknown guideline item "as-1" \(did you mean AS-1\?\)/],
    ['missing field', GOOD.replace('    until: 2027-03-31\n', ''), 2, /attestation 1 \(AS-1\): missing field "until"/],
    ['missing confirmedBy', GOOD.replace('    confirmedBy: Taro Yamada (CTO)\n', ''), 2, /missing field "confirmedBy"/],
    ['empty value', GOOD.replace('confirmedBy: Taro Yamada (CTO)', 'confirmedBy:'), 3, /missing field "confirmedBy"/],
    ['blank text', GOOD.replace('confirmedBy: Taro Yamada (CTO)', 'confirmedBy: "  "'), 3, /"confirmedBy" must be a non-empty text/],
    ['date not YYYY-MM-DD', GOOD.replace('date: 2026-04-01', 'date: 2026/04/01'), 4, /"date" must be a date written YYYY-MM-DD, got "2026\/04\/01"/],
    ['date without zero padding', GOOD.replace('date: 2026-04-01', 'date: 2026-4-1'), 4, /"date" must be a date written YYYY-MM-DD/],
    ['date as a number', GOOD.replace('date: 2026-04-01', 'date: 20260401'), 4, /"date" must be a date written YYYY-MM-DD, got 20260401 \(number\)/],
    ['impossible date', GOOD.replace('date: 2026-04-01', 'date: 2026-02-30'), 4, /"date" 2026-02-30 is not a calendar date/],
    ['impossible until', GOOD.replace('until: 2027-03-31', 'until: 2027-13-01'), 6, /"until" 2027-13-01 is not a calendar date/],
    ['until before date', GOOD.replace('until: 2027-03-31', 'until: 2026-03-31'), 6, /"until" 2026-03-31 is before "date" 2026-04-01/],
    ['unknown field', GOOD.replace('    until: 2027-03-31\n', '    until: 2027-03-31\n    signedBy: someone\n'), 7, /attestation 1: unknown field "signedBy"/],
    ['unknown top-level key', `${GOOD}owner: security team\n`, 7, /unknown key "owner" at the top level/],
    ['not a list', 'attestations:\n  item: AS-1\n', 2, /"attestations" must be a list/],
    ['entry not a mapping', 'attestations:\n  - AS-1\n', 2, /attestation 1 must be a mapping/],
    ['no attestations key', 'items: []\n', 1, /unknown key "items"/],
    ['empty file', '', 1, /the file is empty/],
    ['not a mapping', '- item: AS-1\n', 1, /expected a mapping with the key "attestations"/],
    ['malformed YAML', 'attestations:\n  - item: AS-1\n    confirmedBy: "unterminated\n', 3, /malformed YAML/],
    ['duplicate key', GOOD.replace('    until: 2027-03-31\n', '    until: 2027-03-31\n    until: 2028-03-31\n'), 7, /malformed YAML.*(unique|duplicate)/i],
    ['second entry is reported with its own number and line', `${GOOD}  - item: AS-2\n    confirmedBy: X\n    date: 2026-01-01\n    evidence: Y\n    until: 2025-12-31\n`, 11, /attestation 2 \(AS-2\): "until" 2025-12-31 is before/],
  ])('%s → one-line error with the line number', (_name, text, line, message) => {
    const e = errorOf(text as string);
    expect(e).toBeInstanceOf(AttestationError);
    expect(e.name).toBe('AttestationError');
    expect(e.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^fintech-attestations\\.yaml:${line}: `));
    expect(e.message).toMatch(message as RegExp);
    expect(e.message).not.toContain('\n');
  });
});

describe('readAttestationFile', () => {
  test('a missing file is an AttestationError', () => {
    expect(() => readAttestationFile(path.join(os.tmpdir(), 'does-not-exist-fintech.yaml'))).toThrow(/does-not-exist-fintech\.yaml: no such attestation file/);
  });

  test('reads a file and keeps its name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-att-'));
    const file = path.join(dir, 'fintech-attestations.yaml');
    fs.writeFileSync(file, GOOD);
    expect(readAttestationFile(file)).toMatchObject({ file, attestations: [{ item: 'AS-1', line: 2 }] });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('validateAttestations (attestations kept in code)', () => {
  test('accepts good entries and reports problems by entry number', () => {
    const good = { item: 'AS-1', confirmedBy: 'Taro', date: '2026-04-01', evidence: 'report', until: '2027-03-31' };
    expect(validateAttestations([good]).attestations).toEqual([good]);
    expect(() => validateAttestations([good, { ...good, date: '2026-02-29' }])).toThrow(/attestation 2 \(AS-1\): "date" 2026-02-29 is not a calendar date/);
    expect(() => validateAttestations([{ ...good, item: 'XX-1' }])).toThrow(/unknown guideline item "XX-1"/);
    expect(() => validateAttestations([{ item: 'AS-1' }])).toThrow(/missing field "confirmedBy"/);
  });
});

test('isCalendarDate', () => {
  expect(isCalendarDate('2028-02-29')).toBe(true);
  expect(isCalendarDate('2026-02-29')).toBe(false);
  expect(isCalendarDate('2026-04-31')).toBe(false);
  expect(isCalendarDate('2026-00-10')).toBe(false);
  expect(isCalendarDate('2026-1-10')).toBe(false);
});

describe('the example attestation file', () => {
  const f = readAttestationFile(EXAMPLE);
  test('is valid and attests every attest item of the catalog', () => {
    const attestItems = ITEMS.filter((i) => i.coverage.includes('attest')).map((i) => i.id);
    expect(f.attestations.map((a) => a.item).sort()).toEqual([...attestItems].sort());
  });
  test('every attestation holds on 2026-11-26', () => {
    for (const a of f.attestations) {
      expect(a.date <= '2026-11-26').toBe(true);
      expect(a.until >= '2026-11-26').toBe(true);
    }
  });
});
