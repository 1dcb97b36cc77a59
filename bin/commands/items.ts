/** `fintech-guardrails items`: the guideline catalog. */
import { ITEMS } from '../../lib/catalog';
import { choice, emit, Io, parseOptions, UsageError } from '../cli';

export function itemsCommand(args: readonly string[], io: Io): number {
  const { positionals, options } = parseOptions('items', args, ['format', 'lang', 'out']);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for "items"`);
  const format = choice('format', options.format, ['table', 'json', 'markdown'] as const, 'table');
  const lang = choice('lang', options.lang, ['en', 'ja'] as const, 'en');
  if (format === 'json') {
    const rows = ITEMS.map((i) => ({
      id: i.id, chapter: i.chapter, kind: i.kind, level: i.level, cia: i.cia, coverage: i.coverage, ja: i.ja, en: i.en,
      ...(i.aws ? { aws: i.aws } : {}),
    }));
    emit(io, JSON.stringify(rows, undefined, 2) + '\n', options.out);
    return 0;
  }
  if (format === 'markdown') {
    const lines = ['| ID | Level | C/I/A | Coverage | Item |', '|---|---|---|---|---|'];
    for (const i of ITEMS) lines.push(`| ${i.id} | ${i.level} | ${i.cia.join('')} | ${i.coverage.join(', ')} | ${(lang === 'ja' ? i.ja : i.en).replace(/\|/g, '\\|')} |`);
    emit(io, lines.join('\n') + '\n', options.out);
    return 0;
  }
  const text = (s: string) => (s.length > 90 ? `${s.slice(0, 87)}...` : s);
  const lines = [`${'ID'.padEnd(6)} ${'LEVEL'.padEnd(10)} ${'CIA'.padEnd(4)} ${'COVERAGE'.padEnd(30)} ITEM`];
  for (const i of ITEMS) {
    lines.push(`${i.id.padEnd(6)} ${i.level.padEnd(10)} ${i.cia.join('').padEnd(4)} ${i.coverage.join(',').padEnd(30)} ${text(lang === 'ja' ? i.ja : i.en)}`);
  }
  lines.push('', `${ITEMS.length} items (${ITEMS.filter((i) => i.level === 'mandatory').length} mandatory, ${ITEMS.filter((i) => i.level === 'selectable').length} selectable)`);
  emit(io, lines.join('\n') + '\n', options.out);
  return 0;
}
