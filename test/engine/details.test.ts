/**
 * Finding details are data in both languages (packs/engine/messages.ts): every rule passes keys, never
 * finished text, and every key it passes is one of its own `details` or of the engine's
 * `ENGINE_DETAILS`, with English and Japanese texts that take the same {parameters}.
 *
 * The keys a rule passes are read from its source (a source scan: keys are literals at the call
 * sites), following the declarations it uses: the functions and constants of its file and those it
 * imports from other files under packs/rules, by name, transitively. A key given to `nonCompliant` /
 * `unverifiable` without parameters is kept by the engine as plain English text, so a call with a
 * literal key must pass parameters (`{}` when there are none).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { LocalizedText } from '../../lib/catalog/types';
import { ENGINE_DETAILS } from '../../packs/engine/messages';
import { ALL_RULES } from '../../packs/rules';

const ROOT = path.resolve(__dirname, '../..');
const RULES_DIR = path.join(ROOT, 'packs/rules');
const ENGINE_DIR = path.join(ROOT, 'packs/engine');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

/** Source without comments (so that doc comments that show calls are not read as calls); lines are kept. */
function source(file: string): string {
  return fs.readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/^\s*\/\/.*$/gm, '');
}

/** The arguments of the call whose `(` is at `open`, as source text (top-level commas split them). */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = open + 1;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '\'' || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    else if (ch === ')' || (ch === ',' && depth === 0)) {
      const arg = text.slice(start, i).trim();
      if (arg) args.push(arg);
      if (ch === ')') return args;
      start = i + 1;
    }
  }
  return args;
}

interface Use { readonly file: string; readonly line: number; readonly call: string; readonly problem?: string; readonly keys: string[] }

/**
 * Every detail key a piece of source passes, with what is wrong with the call: finished text, or a key
 * without parameters given to `nonCompliant`/`unverifiable` (`reason(key)` makes a keyed detail with or
 * without parameters).
 */
function uses(text: string, file: string, firstLine = 1): Use[] {
  const rel = path.relative(ROOT, file);
  const lineOf = (index: number) => firstLine + text.slice(0, index).split('\n').length - 1;
  const out: Use[] = [];
  for (const m of text.matchAll(/\b(nonCompliant|unverifiable|reason)\(/g)) {
    const open = m.index! + m[0].length - 1;
    const args = callArguments(text, open);
    const call = `${m[1]}(${args.join(', ')})`.slice(0, 160);
    const first = args[0];
    if (first === undefined) continue;
    if (first.startsWith('`')) { out.push({ file: rel, line: lineOf(m.index!), call, problem: 'passes finished text (a template literal)', keys: [] }); continue; }
    // The key literals of the first argument: the whole argument, or the branches of a ternary ('a' : 'b').
    const keys = [...first.matchAll(/(?:^|[?:])\s*'([^']*)'/g)].map((k) => k[1]);
    if (keys.length === 0) continue; // a variable or an expression: its key is checked where it is written
    const problem = args.length < 2 && m[1] !== 'reason' ? 'passes a key without parameters (it renders as the key itself)' : undefined;
    out.push({ file: rel, line: lineOf(m.index!), call, problem, keys });
  }
  for (const m of text.matchAll(/\{\s*key:\s*'([^']*)'/g)) {
    out.push({ file: rel, line: lineOf(m.index!), call: m[0], keys: [m[1]] });
  }
  return out;
}

interface Declarations {
  /** Top-level declarations (functions, constants) by name: their source and first line. */
  readonly decls: Map<string, { readonly text: string; readonly line: number }>;
  /** Names imported from other files under packs/rules: local name → file and exported name. */
  readonly imports: Map<string, { readonly file: string; readonly name: string }>;
}

const parsed = new Map<string, Declarations>();

/** The top-level declarations and local imports of a file (top-level declarations start at column 0). */
function declarations(file: string): Declarations {
  const cached = parsed.get(file);
  if (cached) return cached;
  const text = source(file);
  const decls: Declarations['decls'] = new Map();
  const imports: Declarations['imports'] = new Map();
  const starts = [...text.matchAll(/^(?=export |function |const |let |class |interface |type |import )/gm)].map((m) => m.index!);
  starts.forEach((start, i) => {
    const chunk = text.slice(start, starts[i + 1] ?? text.length);
    const line = text.slice(0, start).split('\n').length;
    const imp = /^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'(\.{1,2}\/[^']+)'/.exec(chunk);
    if (imp) {
      const target = path.resolve(path.dirname(file), `${imp[2]}.ts`);
      if (!target.startsWith(RULES_DIR + path.sep) || !fs.existsSync(target)) return;
      for (const spec of imp[1].split(',').map((x) => x.trim()).filter(Boolean)) {
        const [name, local] = spec.replace(/^type\s+/, '').split(/\s+as\s+/);
        imports.set(local ?? name, { file: target, name });
      }
      return;
    }
    const decl = /^(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type)\s+(\w+)/.exec(chunk);
    if (decl) decls.set(decl[1], { text: chunk, line });
  });
  const result = { decls, imports };
  parsed.set(file, result);
  return result;
}

/**
 * The detail keys that a declaration can pass: its own, and those of the declarations of its file
 * and of the files under packs/rules that it uses (by name), transitively.
 */
function usesOf(file: string, name: string, seen = new Set<string>()): Use[] {
  const id = `${file}#${name}`;
  if (seen.has(id)) return [];
  seen.add(id);
  const { decls, imports } = declarations(file);
  const decl = decls.get(name);
  if (!decl) return [];
  const mentions = (n: string) => new RegExp(`\\b${n}\\b`).test(decl.text);
  return [
    ...uses(decl.text, file, decl.line),
    ...[...decls.keys()].filter((n) => n !== name && mentions(n)).flatMap((n) => usesOf(file, n, seen)),
    ...[...imports].filter(([local]) => mentions(local)).flatMap(([, target]) => usesOf(target.file, target.name, seen)),
  ];
}

/** The file and the const that declare a rule: `export const X = defineRule({ id: '<id>', ... })`. */
function ruleDeclaration(id: string): { readonly file: string; readonly name: string } | undefined {
  for (const file of tsFiles(RULES_DIR)) {
    for (const [name, decl] of declarations(file).decls) {
      if (decl.text.includes('defineRule(') && decl.text.includes(`id: '${id}'`)) return { file, name };
    }
  }
  return undefined;
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]))].sort();
}

function checkTexts(texts: Readonly<Record<string, LocalizedText>>): string[] {
  return Object.entries(texts).flatMap(([key, t]) => {
    if (typeof t?.en !== 'string' || typeof t?.ja !== 'string' || t.en.trim() === '' || t.ja.trim() === '') return [`${key}: needs non-empty en and ja`];
    const en = placeholders(t.en);
    const ja = placeholders(t.ja);
    return en.join() === ja.join() ? [] : [`${key}: en has {${en.join('}, {')}} but ja has {${ja.join('}, {')}}`];
  });
}

describe('finding details are keyed and bilingual', () => {
  test('the scan finds the keys a rule passes, through its helpers, and what is wrong with a call', () => {
    const logging = ruleDeclaration('FTG-ECS-2')!;
    expect(path.relative(ROOT, logging.file)).toBe(path.join('packs', 'rules', 'ecs', 'EcsContainerLogging.ts'));
    const found = usesOf(logging.file, logging.name);
    // The rule's own keys, the engine's, and those of the helper it uses (ecs/common containerLabel, containerProp).
    expect(found.flatMap((u) => u.keys)).toEqual(expect.arrayContaining(['no-log-configuration', 'local-driver', 'at', 'container', 'container-prop']));
    expect(found.filter((u) => u.problem)).toEqual([]);
    const fake = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'details-')), 'Fake.ts');
    const text = "nonCompliant(`${x} is bad`);\nunverifiable('some-key');\nnonCompliant(a ? 'k1' : 'k2', {});\nconst d = { key: 'k3' };\nreason('k4');\n";
    expect(uses(text, fake).map((u) => [u.line, u.problem !== undefined, u.keys])).toEqual([
      [1, true, []], [2, true, ['some-key']], [3, false, ['k1', 'k2']], [5, false, ['k4']], [4, false, ['k3']],
    ]);
  });

  test('the engine texts have en and ja with the same parameters', () => {
    expect(checkTexts(ENGINE_DETAILS)).toEqual([]);
  });

  test('every rule is declared in a file of packs/rules, and its details have en and ja with the same parameters', () => {
    const problems = ALL_RULES.flatMap((rule) => [
      ...(ruleDeclaration(rule.id) ? [] : [`${rule.id} ${rule.name}: no const of packs/rules is defineRule({ id: '${rule.id}', ... })`]),
      ...checkTexts(rule.details ?? {}).map((p) => `${rule.id} ${rule.name} ${p}`),
    ]);
    expect(problems).toEqual([]);
  });

  test('every rule passes keys (with parameters) that its details or the engine declare, in its file and in the helpers it uses', () => {
    const problems: string[] = [];
    for (const rule of ALL_RULES) {
      const declared = ruleDeclaration(rule.id);
      if (!declared) continue;
      const known = new Set([...Object.keys(rule.details ?? {}), ...Object.keys(ENGINE_DETAILS)]);
      const found = usesOf(declared.file, declared.name);
      if (found.length === 0 && rule.details) problems.push(`${rule.id} ${rule.name}: declares details but the scan found no keys`);
      for (const u of found) {
        if (u.problem) problems.push(`${u.file}:${u.line} ${u.problem}: ${u.call}`);
        for (const k of u.keys) if (!known.has(k)) problems.push(`${rule.id} ${rule.name}: ${u.file}:${u.line} key '${k}' is in neither its details nor ENGINE_DETAILS: ${u.call}`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  test('the engine passes only its own keys', () => {
    const known = new Set(Object.keys(ENGINE_DETAILS));
    const problems = tsFiles(ENGINE_DIR).flatMap((f) => uses(source(f), f).flatMap((u) => [
      ...(u.problem ? [`${u.file}:${u.line} ${u.problem}: ${u.call}`] : []),
      ...u.keys.filter((k) => !known.has(k)).map((k) => `${u.file}:${u.line} key '${k}' is not in ENGINE_DETAILS: ${u.call}`),
    ]));
    expect(problems).toEqual([]);
  });
});
