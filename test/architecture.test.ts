/**
 * The layers of ARCHITECTURE.md, enforced: a module may import only from its own layer or the layers
 * below it. catalog → engine → rules → report → pack and guard runner → constructs and baseline →
 * CLI → the public entry (index.ts). The runtime cipher stands alone (it must never load aws-cdk-lib).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

const LAYERS: readonly [string, RegExp][] = [
  ['catalog', /^lib\/catalog\//],
  ['engine', /^packs\/engine\//],
  ['rules', /^packs\/rules\//],
  ['report', /^lib\/report\//],
  ['pack', /^packs\/(fintech-checks|cdk-internals|findings-baseline)\.ts$|^packs\/guard\//],
  ['constructs', /^lib\/(constructs|baseline|conformance)\//],
  ['cli', /^bin\//],
  ['entry', /^(index|lib\/index)\.ts$/],
];

function layerOf(file: string): number {
  return LAYERS.findIndex(([, re]) => re.test(file));
}

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = path.posix.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== 'init-template') walk(rel); } else if (rel.endsWith('.ts') && !rel.endsWith('.d.ts')) out.push(rel);
    }
  };
  walk(dir);
  return out;
}

/** Relative imports and requires of a source file, resolved to repository paths (`runtime`: without `import type`, which the compiler erases). */
function importsOf(file: string, runtime = false): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf-8');
  const text = runtime ? source.replace(/^import type [^;]+;$/gm, '') : source;
  const specs = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), s));
    for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
    return base;
  });
}

const FILES = ['index.ts', ...sources('lib'), ...sources('packs'), ...sources('bin')];

describe('layers', () => {
  test('every source file belongs to a layer', () => {
    const unplaced = FILES.filter((f) => layerOf(f) < 0 && !f.startsWith('lib/runtime/'));
    expect(unplaced).toEqual([]);
  });

  test('imports go only downwards', () => {
    const upward: string[] = [];
    for (const file of FILES) {
      const from = layerOf(file);
      if (from < 0) continue;
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to > from) upward.push(`${file} (${LAYERS[from][0]}) imports ${target} (${LAYERS[to][0]})`);
      }
    }
    expect(upward).toEqual([]);
  });

  test('the runtime cipher imports nothing of the CDK side', () => {
    const runtime = FILES.filter((f) => f.startsWith('lib/runtime/'));
    expect(runtime.length).toBeGreaterThan(0);
    // The shared error class is import-free by design (lib/constructs/errors.ts says so): checked below.
    const outside = runtime.flatMap((f) => importsOf(f).filter((t) => !t.startsWith('lib/runtime/') && t !== 'lib/constructs/errors.ts').map((t) => `${f} imports ${t}`));
    expect(importsOf('lib/constructs/errors.ts')).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, 'lib/constructs/errors.ts'), 'utf-8')).not.toMatch(/^import /m);
    expect(outside).toEqual([]);
    for (const f of runtime) expect(fs.readFileSync(path.join(ROOT, f), 'utf-8')).not.toMatch(/from ['"]aws-cdk-lib|from ['"]constructs['"]/);
  });

  test('no import circle anywhere (bin/ included: cli → commands → options, config)', () => {
    const graph = new Map(FILES.map((f) => [f, importsOf(f, true).filter((t) => FILES.includes(t))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') { cycles.push([...trail.slice(trail.indexOf(f)), f].join(' → ')); return; }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of FILES) visit(f, []);
    expect(cycles).toEqual([]);
    expect(importsOf('bin/options.ts').filter((t) => t.startsWith('bin/'))).toEqual([]);
    for (const c of sources('bin/commands')) expect(importsOf(c)).not.toContain('bin/cli.ts');
  });

  test('the checker finds an upward import when there is one (it can fail)', () => {
    expect(layerOf('packs/engine/values.ts')).toBeLessThan(layerOf('packs/rules/s3/S3BucketEncrypted.ts'));
    expect(importsOf('packs/fintech-checks.ts')).toContain('packs/engine/runner.ts');
  });
});
