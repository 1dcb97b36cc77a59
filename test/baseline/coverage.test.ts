/** The baseline's data: parts against items, the generated table, the watched activities, the attestation rules. */
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import {
  activityMessage,
  activityPattern,
  attestationItems,
  attestationRuleDescription,
  attestationRuleName,
  BASELINE_PARTS,
  CONFIGURATION_CHANGES,
  LOG_BUCKET_CHANGES,
  partsCovering,
  renderBaselineTable,
  SENSITIVE_WORK,
} from '../../lib/baseline';
import { findItem, GuidelineItem, ITEMS } from '../../lib/catalog';

describe('BASELINE_PARTS', () => {
  test('names only catalog items', () => {
    for (const part of BASELINE_PARTS) {
      expect(part.items.length).toBeGreaterThan(0);
      for (const id of part.items) expect(findItem(id)).toBeDefined();
    }
  });

  test('covers every catalog item whose coverage includes "baseline"', () => {
    const uncovered = ITEMS.filter((i) => i.coverage.includes('baseline') && partsCovering(i.id).length === 0).map((i) => i.id);
    expect(uncovered).toEqual([]);
  });

  test('the attestation part lists exactly the items with "attest" coverage', () => {
    const part = BASELINE_PARTS.find((p) => p.id === 'attestations')!;
    expect([...part.items].sort()).toEqual(ITEMS.filter((i) => i.coverage.includes('attest')).map((i) => i.id).sort());
  });

  test('part IDs are unique and every part says what it deploys in both languages', () => {
    expect(new Set(BASELINE_PARTS.map((p) => p.id)).size).toBe(BASELINE_PARTS.length);
    for (const p of BASELINE_PARTS) {
      expect(p.name.ja && p.name.en && p.deploys.ja && p.deploys.en).toBeTruthy();
      expect(p.resourceTypes.length).toBeGreaterThan(0);
    }
  });
});

describe('renderBaselineTable', () => {
  const table = renderBaselineTable();

  test('a Markdown table with one row per part', () => {
    const lines = table.trim().split('\n');
    expect(lines[0]).toBe('| Part | What it deploys | Guideline items |');
    expect(lines[1]).toBe('|---|---|---|');
    expect(lines).toHaveLength(2 + BASELINE_PARTS.length);
    for (const line of [lines[0], ...lines.slice(2)]) expect(line.startsWith('| ') && line.endsWith(' |')).toBe(true);
  });

  test('item texts come from the catalog', () => {
    for (const id of ['CA-3', 'LA-3', 'OP-3']) {
      expect(table).toContain(`**${id}** ${findItem(id)!.en}`);
    }
    expect(table).toContain('Organization (many accounts) (organization form)');
  });

  test('the attestation row lists the item IDs', () => {
    const row = table.split('\n').find((l) => l.startsWith('| Attestation items'))!;
    for (const item of attestationItems()) expect(row).toContain(item.id);
  });

  test('in Japanese', () => {
    const ja = renderBaselineTable('ja');
    expect(ja.split('\n')[0]).toBe('| 構成要素 | デプロイするもの | ガイドライン項目 |');
    expect(ja).toContain(`**CA-3** ${findItem('CA-3')!.ja}`);
  });
});

describe('attestation rules', () => {
  test('names and descriptions fit AWS Config', () => {
    for (const item of attestationItems()) {
      expect(attestationRuleName(item.id)).toMatch(/^fintech-[a-z]{2}-\d+$/);
      const d = attestationRuleDescription(item);
      expect([...d].length).toBeLessThanOrEqual(256);
      expect(d).toBe(`[${item.id}] ${item.ja} / ${item.en}`);
    }
  });

  test('an over-long description is shortened, the English first', () => {
    const long: GuidelineItem = { ...ITEMS[0], id: 'XX-1', ja: 'あ'.repeat(100), en: 'word '.repeat(100) };
    const d = attestationRuleDescription(long);
    expect([...d].length).toBe(256);
    expect(d.startsWith(`[XX-1] ${'あ'.repeat(100)} / word`)).toBe(true);
    expect(d.endsWith('…')).toBe(true);
    const veryLong: GuidelineItem = { ...long, ja: 'あ'.repeat(300) };
    expect([...attestationRuleDescription(veryLong)].length).toBe(256);
  });
});

describe('watched activities', () => {
  const all = [...CONFIGURATION_CHANGES, LOG_BUCKET_CHANGES, ...SENSITIVE_WORK];

  test('IDs are unique, items are catalog items, and LA-3 / LA-4 are named', () => {
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    for (const a of all) for (const id of a.items) expect(findItem(id)).toBeDefined();
    for (const a of [...CONFIGURATION_CHANGES, LOG_BUCKET_CHANGES]) expect(a.items).toContain('LA-3');
    for (const a of SENSITIVE_WORK) expect(a.items).toContain('LA-4');
  });

  test('no event is notified twice (a change is either a configuration change or sensitive work)', () => {
    const seen = new Map<string, string>();
    for (const a of all) {
      for (const source of a.eventSources ?? a.sources) {
        for (const name of a.eventNames) {
          const key = `${source} ${name}`;
          expect(seen.get(key)).toBeUndefined();
          seen.set(key, a.id);
        }
      }
    }
  });

  test('the sensitive work the guideline names is there', () => {
    const names = SENSITIVE_WORK.flatMap((a) => a.eventNames);
    expect(names).toEqual(expect.arrayContaining(['StartSession', 'DisableKey', 'ScheduleKeyDeletion', 'CreateAccessKey', 'StopLogging', 'DeleteTrail', 'ConsoleLogin']));
    const signIn = SENSITIVE_WORK.find((a) => a.eventNames.includes('ConsoleLogin'))!;
    expect(signIn.detail).toEqual(expect.objectContaining({ additionalEventData: { MFAUsed: ['No'] } }));
  });

  test('patterns stay well below the EventBridge limit and messages are bilingual', () => {
    const stack = new Stack();
    const rule = new events.Rule(stack, 'Rule', { eventPattern: { source: ['test'] } });
    for (const a of all) {
      expect(JSON.stringify(activityPattern(a)).length).toBeLessThan(2048);
      const message = JSON.stringify(stack.resolve(activityMessage(a).bind(rule)));
      expect(message).toContain(a.title.ja);
      expect(message).toContain(a.title.en);
      expect(message).toContain(a.advice.ja);
      expect(message).toContain(a.advice.en);
    }
  });
});
