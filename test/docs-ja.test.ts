/**
 * The Japanese documents mirror the English ones: the same fenced code blocks in the same order, the
 * same outline of headings, links to each other at the top, and relative links that resolve.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const PAIRS: readonly [string, string][] = [
  ['README.md', 'README.ja.md'],
  ['docs/constructs.md', 'docs/constructs.ja.md'],
  ['docs/baseline.md', 'docs/baseline.ja.md'],
];
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf-8');

interface Block { readonly info: string; readonly body: string; readonly line: number }

/** Fenced code blocks (``` fences, indented ones included, dedented by the fence's indentation). */
export function codeBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(.*)$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^${indent}\`\`\`\\s*$`).test(lines[j])) j++;
    if (j === lines.length) throw new Error(`unclosed code block at line ${i + 1}`);
    out.push({ info: open[2].trim(), body: lines.slice(i + 1, j).map((l) => l.slice(indent.length)).join('\n'), line: i + 1 });
    i = j;
  }
  return out;
}

/** Markdown headings outside code blocks: level and the item IDs they name. */
function outline(text: string): string[] {
  const inBlock = new Set<number>();
  for (const b of codeBlocks(text)) for (let l = b.line; l <= b.line + b.body.split('\n').length + 1; l++) inBlock.add(l);
  return text.split('\n').flatMap((line, i) => {
    const m = /^(#{1,6}) (.*)$/.exec(line);
    if (!m || inBlock.has(i + 1)) return [];
    const ids = m[2].match(/\b[A-Z]{2}-\d+\b/g) ?? [];
    const code = m[2].match(/`[^`]+`|\b[A-Z][a-z]+[A-Z]\w+\b/g) ?? [];
    return [`${m[1]} ${[...code, ...ids].join(' ')}`.trim()];
  });
}

describe.each(PAIRS)('%s and %s', (en, ja) => {
  const enText = read(en);
  const jaText = read(ja);

  test('have the same fenced code blocks, in the same order', () => {
    const a = codeBlocks(enText);
    const b = codeBlocks(jaText);
    expect(a.length).toBeGreaterThan(0);
    expect(b.map((x) => ({ info: x.info, body: x.body }))).toEqual(a.map((x) => ({ info: x.info, body: x.body })));
  });

  test('have the same outline: heading levels, and the construct names and item IDs in headings', () => {
    expect(outline(jaText)).toEqual(outline(enText));
  });

  test('link to each other at the top', () => {
    const top = (t: string) => t.split('\n').slice(0, 3).join('\n');
    expect(top(enText)).toContain(`[日本語](${path.basename(ja)})`);
    expect(top(jaText)).toContain(`[English](${path.basename(en)})`);
  });

  test('the Japanese version is written in Japanese and its relative links resolve', () => {
    const prose = jaText.replace(/```[\s\S]*?```/g, '');
    const kana = (prose.match(/[ぁ-んァ-ヶ]/g) ?? []).length;
    expect(kana).toBeGreaterThan(prose.length / 10);
    for (const [, target] of prose.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      expect(fs.existsSync(path.join(ROOT, path.dirname(ja), target)) ? target : `missing: ${target}`).toBe(target);
    }
  });
});

test('the block extractor keeps indented blocks and refuses unclosed ones', () => {
  expect(codeBlocks('a\n  ```ts\n  x = 1;\n  ```\n```sh\nls\n```\n')).toEqual([
    { info: 'ts', body: 'x = 1;', line: 2 },
    { info: 'sh', body: 'ls', line: 5 },
  ]);
  expect(() => codeBlocks('```ts\nx\n')).toThrow(/unclosed/);
});
