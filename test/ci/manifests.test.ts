/**
 * action.yml and .pre-commit-hooks.yaml, parsed: the structure GitHub and pre-commit expect, every
 * input a step uses is declared, and every script they run exists and is shipped in the package.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
const shipped = (file: string) => pkg.files.some((f: string) => (f.endsWith('/') ? file.startsWith(f) : file === f));

describe('action.yml', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf-8'));
  const steps: any[] = action.runs.steps;
  const text = JSON.stringify(action);

  test('a composite action with the documented inputs and defaults', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.path.required).toBe(true);
    expect(action.inputs['sarif-file'].default).toBe('fintech-guardrails.sarif');
    expect(action.inputs['fail-on'].default).toBe('error');
    expect(action.inputs['node-version'].default).toBeDefined();
    expect(action.inputs.baseline.required).toBe(false);
    for (const def of Object.values<any>(action.inputs)) expect(typeof def.description).toBe('string');
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
  });

  test('every input used by a step is declared, and every declared input is used', () => {
    const used = new Set([...text.matchAll(/inputs\.([a-z][a-z0-9-]*)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  test('every step output referenced exists: step ids and the outputs the scripts write', () => {
    const ids = new Set(steps.map((s) => s.id).filter(Boolean));
    const script = fs.readFileSync(path.join(ROOT, 'scripts', 'ci', 'github-action.js'), 'utf-8');
    for (const [, id, output] of text.matchAll(/steps\.([a-z-]+)\.outputs\.([a-z-]+)/g)) {
      expect(ids).toContain(id);
      if (id === 'check') expect(script).toMatch(new RegExp(`\\n\\s+'?${output}'?: `));
      if (id === 'install') expect(steps.find((s) => s.id === 'install').run).toContain(`echo "${output}=`);
    }
  });

  test('steps: setup-node with the node-version input, install, check to SARIF, upload always, then the gate', () => {
    expect(steps[0]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': '${{ inputs.node-version }}' } });
    const check = steps.find((s) => s.id === 'check');
    expect(check.run).toMatch(/scripts\/ci\/github-action\.js" check$/);
    expect(check.env).toMatchObject({ INPUT_PATH: '${{ inputs.path }}', INPUT_BASELINE: '${{ inputs.baseline }}', INPUT_SARIF_FILE: '${{ inputs.sarif-file }}' });
    const upload = steps.findIndex((s) => s.uses === 'github/codeql-action/upload-sarif@v3');
    expect(upload).toBeGreaterThan(steps.indexOf(check));
    expect(steps[upload].if).toMatch(/^always\(\)/);
    expect(steps[upload].with.sarif_file).toBe('${{ inputs.sarif-file }}');
    const gate = steps[steps.length - 1];
    expect(gate.run).toMatch(/github-action\.js" gate$/);
    expect(gate.env.CHECK_EXIT_CODE).toBe('${{ steps.check.outputs.exit-code }}');
    for (const s of steps.filter((x) => x.run)) expect(s.shell).toBe('bash');
  });

  test('the scripts it runs exist and are shipped', () => {
    for (const [, rel] of text.matchAll(/github\.action_path \}\}\/([\w./-]+)/g)) {
      expect(fs.existsSync(path.join(ROOT, rel))).toBe(true);
      expect(shipped(rel)).toBe(true);
    }
    expect(shipped('action.yml')).toBe(true);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf-8'));

  test('one node hook, fintech-guardrails-check, whose entry is a bin of the package', () => {
    expect(hooks).toHaveLength(1);
    const [h] = hooks;
    expect(h).toMatchObject({ id: 'fintech-guardrails-check', language: 'node' });
    expect(typeof h.name).toBe('string');
    const bin = pkg.bin[h.entry];
    expect(bin).toBe('scripts/ci/pre-commit.js');
    expect(fs.existsSync(path.join(ROOT, bin))).toBe(true);
    expect(shipped(bin)).toBe(true);
    expect(fs.readFileSync(path.join(ROOT, bin), 'utf-8').startsWith('#!/usr/bin/env node')).toBe(true);
    expect(shipped('.pre-commit-hooks.yaml')).toBe(true);
  });

  test('files matches templates in JSON and YAML; exclude drops package files and cdk.out', () => {
    const [h] = hooks;
    const files = new RegExp(h.files);
    const exclude = new RegExp(h.exclude);
    const picked = (f: string) => files.test(f) && !exclude.test(f);
    for (const f of ['infra/app.template.json', 'template.yaml', 'cfn/network.yml', 'stack.json']) expect(picked(f)).toBe(true);
    for (const f of ['package.json', 'web/package-lock.json', 'tsconfig.build.json', 'cdk.json', 'cdk.out/App.template.json', 'node_modules/x/t.yaml', 'README.md']) expect(picked(f)).toBe(false);
  });
});
