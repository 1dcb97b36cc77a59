/**
 * The runtime entry point (`fintech-guardrails/runtime`) is loaded by application code, often in
 * Lambda functions: it must not drag in aws-cdk-lib or constructs. This file imports nothing else,
 * so jest's module registry shows exactly what the entry point loads.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const FORBIDDEN = /node_modules[\\/](aws-cdk-lib|constructs)[\\/]/;

test('require(lib/runtime) leaves no aws-cdk-lib (or constructs) module in require.cache', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = require('../../lib/runtime');
  expect(typeof runtime.EnvelopeCipher).toBe('function');
  const loaded = Object.keys(require.cache);
  expect(loaded.some((k) => k.includes(`${path.sep}lib${path.sep}runtime${path.sep}`))).toBe(true);
  expect(loaded.filter((k) => FORBIDDEN.test(k))).toEqual([]);
});

test('the same holds in a plain Node.js process', () => {
  const root = path.resolve(__dirname, '..', '..');
  const script =
    "require('./lib/runtime');" +
    `const bad = Object.keys(require.cache).filter((k) => ${FORBIDDEN.toString()}.test(k));` +
    'process.stdout.write(JSON.stringify(bad));';
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(JSON.parse(out)).toEqual([]);
});
