/**
 * `npm run bench`: times, with node (compiled JavaScript, not ts-node), a synthetic stack of about
 * 2,000 resources: synthesis alone, with FinTechChecks, with cdk-nag's AwsSolutionsChecks (CDK's
 * built-in validation off for all three), and `fintech-guardrails check` on the same template as a
 * file, end to end (process start included). Writes medians and ratios to bench/RESULTS.md.
 *
 *   node dist/bench/run.js [--runs N] [--services N]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
type Mode = 'synth' | 'fintech' | 'awssolutions';

function child(mode: Mode, services: number, outdir: string): void {
  const start = process.hrtime.bigint();
  const { App, Validations } = require('aws-cdk-lib');
  const { buildSyntheticApp } = require('./synthetic-app');
  // CloudFormation's 500-resource limit does not matter for a timing benchmark: lift CDK's check.
  const app = new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const stack = buildSyntheticApp(app, services);
  if (mode === 'fintech') {
    const { FinTechChecks } = require('../packs/fintech-checks');
    Validations.of(app).addPlugins(new FinTechChecks(app));
  } else if (mode === 'awssolutions') {
    const { AwsSolutionsChecks } = require('cdk-nag');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  try {
    app.synth();
  } catch (e) {
    // Findings make synthesis throw (after the templates are written); anything else is a bench bug.
    if (!/Validation failed|ERROR|WARNING/.test((e as Error).message)) throw e;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const template = JSON.parse(fs.readFileSync(path.join(outdir, `${stack.artifactId}.template.json`), 'utf-8'));
  process.stdout.write(JSON.stringify({ ms, resources: Object.keys(template.Resources).length }));
}

/** Time the rule engine on the template copied 1, 2 and 4 times. */
function engineScaling(templateFile: string, runs: number): { resources: number; rules: number; ms: number }[] {
  const { TemplateModel } = require('../packs/engine/template');
  const { runRules } = require('../packs/engine/runner');
  const { ALL_RULES } = require('../packs/rules');
  const text = fs.readFileSync(templateFile, 'utf-8');
  const base = JSON.parse(text);
  const ids = Object.keys(base.Resources);
  const copy = (n: number) => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      let t = text;
      if (i > 0) for (const id of ids) t = t.split(`"${id}"`).join(`"${id}C${i}"`);
      Object.assign(resources, JSON.parse(t).Resources);
    }
    return { ...base, Resources: resources };
  };
  // Warm up the JIT first, so that the smallest size does not pay for compilation.
  for (let i = 0; i < 3; i++) runRules([{ model: new TemplateModel(base, 'warm-up') }], { rules: ALL_RULES });
  return [1, 2, 4].map((n) => {
    const json = copy(n);
    const ms: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = process.hrtime.bigint();
      runRules([{ model: new TemplateModel(json, 'bench') }], { rules: ALL_RULES });
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { resources: Object.keys(json.Resources).length, rules: ALL_RULES.length, ms: median(ms) };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === 'child') {
    child(args[1] as Mode, Number(args[2]), args[3]);
    return;
  }
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const runs = opt('runs', 5);
  const services = opt('services', 190);
  const env = { ...process.env, CDK_VALIDATION: 'false' };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-bench-'));
  const times: Record<string, number[]> = { synth: [], fintech: [], awssolutions: [], check: [] };
  let resources = 0;
  let templateFile = '';
  for (let r = 0; r < runs; r++) {
    for (const mode of ['synth', 'fintech', 'awssolutions'] as Mode[]) {
      const outdir = path.join(work, `${mode}-${r}`);
      const res = spawnSync(process.execPath, [__filename, 'child', mode, String(services), outdir], { env, encoding: 'utf-8', maxBuffer: 1 << 26 });
      if (res.status !== 0) throw new Error(`bench child ${mode} failed: ${res.stderr}`);
      const { ms, resources: n } = JSON.parse(res.stdout);
      times[mode].push(ms);
      resources = n;
      if (mode === 'synth') templateFile = path.join(outdir, 'Bench.template.json');
    }
    const t0 = process.hrtime.bigint();
    const c = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'fintech-guardrails'), 'check', templateFile, '--format', 'json'], { encoding: 'utf-8', maxBuffer: 1 << 26 });
    times.check.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (c.status !== 0 && c.status !== 1) throw new Error(`check failed: ${c.stderr}`);
    process.stderr.write(`run ${r + 1}/${runs} done\n`);
  }
  const scaling = engineScaling(templateFile, runs);
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const addFin = m.fintech - m.synth;
  const addAws = m.awssolutions - m.synth;
  const ratio = addAws > 0 ? addFin / addAws : NaN;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}).`,
    `Synthetic stack: ${resources} resources (${services} services); ${runs} runs each, medians; CDK built-in validation off (CDK_VALIDATION=false).`,
    '',
    '| Measurement | Median | All runs |',
    '|---|---|---|',
    `| Synthesis alone | ${s(m.synth)} | ${times.synth.map(s).join(', ')} |`,
    `| Synthesis + FinTechChecks | ${s(m.fintech)} | ${times.fintech.map(s).join(', ')} |`,
    `| Synthesis + AwsSolutionsChecks (cdk-nag) | ${s(m.awssolutions)} | ${times.awssolutions.map(s).join(', ')} |`,
    `| \`fintech-guardrails check\` on the template file (process start included) | ${s(m.check)} | ${times.check.map(s).join(', ')} |`,
    '',
    `- FinTechChecks adds ${s(addFin)}; AwsSolutionsChecks adds ${s(addAws)}. Ratio: **${ratio.toFixed(2)}** (target ≤ 0.25).`,
    `- \`check\` end to end: **${s(m.check)}** (target < 1 s).`,
    '',
    '## Scaling of the rule engine',
    '',
    'The same template copied 1, 2 and 4 times (logical IDs suffixed, references rewritten), all rules run',
    'in-process (template index built once per template), median of the runs:',
    '',
    '| Resources | Rules run | Time | Time per resource |',
    '|---|---|---|---|',
    ...scaling.map((x) => `| ${x.resources} | ${x.rules} | ${x.ms.toFixed(0)} ms | ${(x.ms * 1000 / x.resources).toFixed(1)} µs |`),
    '',
    `Time ratio 4× / 1× resources: **${(scaling[2].ms / scaling[0].ms).toFixed(2)}** (linear: 4; quadratic: 16).`,
    '',
  ];
  fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), lines.join('\n'));
  process.stdout.write(lines.join('\n'));
  fs.rmSync(work, { recursive: true, force: true });
}

main();
