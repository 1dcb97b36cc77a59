/** `fintech-guardrails items`: the guideline catalog. */
import { ITEMS } from '../../lib/catalog';
import { choice, CommandSpec, COMMON_OPTIONS, emit, Io, parseCommandArgs, stringOption, UsageError } from '../options';

const ITEM_FORMATS = ['table', 'json', 'markdown'] as const;

export const ITEMS_SPEC: CommandSpec = {
  name: 'items',
  args: '',
  summary: 'List the guideline items (the catalog) with their level, risk types and coverage.',
  options: {
    format: { type: 'string', value: 'FORMAT', description: `output format: ${ITEM_FORMATS.join(', ')} (default: table)` },
    lang: COMMON_OPTIONS.lang,
    out: COMMON_OPTIONS.out,
  },
};

export function itemsCommand(args: readonly string[], io: Io): number {
  const parsed = parseCommandArgs(ITEMS_SPEC, args);
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}" for "items"`);
  const format = choice('format', stringOption(parsed, 'format'), ITEM_FORMATS, 'table');
  const lang = choice('lang', stringOption(parsed, 'lang'), ['en', 'ja'] as const, 'en');
  const options = { out: stringOption(parsed, 'out') };
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
