#!/usr/bin/env node
/**
 * The logic of the fintech-guardrails GitHub Action (action.yml), kept here so that it can be tested.
 *
 *   node github-action.js check   run `fintech-guardrails check <path...> --format sarif --out <sarif>`
 *                                 (plus `--baseline FILE` when given); record the result as step outputs
 *   node github-action.js gate    fail the job when the recorded result breaks `fail-on`
 *
 * Inputs come from the environment, as GitHub passes them to composite actions through `env:`:
 *   INPUT_PATH        templates, directories or cloud assemblies (cdk.out), separated by newlines or spaces
 *   INPUT_SARIF_FILE  where the SARIF goes (default fintech-guardrails.sarif)
 *   INPUT_FAIL_ON     error (default): fail on error-level findings; warning: also on warnings; none: never
 *   INPUT_BASELINE    optional findings baseline file: only findings not in it count
 *   INPUT_ARGS        optional extra arguments for `check` (for example `--lang ja --config decisions.json`)
 *   FINTECH_GUARDRAILS_CLI  the command's script (default: this package's bin/fintech-guardrails)
 *   GITHUB_OUTPUT     file the step outputs are appended to (skipped when unset)
 *
 * Exit codes of `check`: 0 the check ran (the findings decide later, in `gate`), 2 the input could not be
 * read or an option was bad (nothing to upload). `gate`: 0 pass, 1 fail-on is broken, 2 bad input.
 * The check's own exit code is kept in the `exit-code` output: 1 means error-level findings that are
 * open (unacknowledged and, with a baseline, new).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const FAIL_ON = ['error', 'warning', 'none'];

function input(env, name, fallback = '') {
  const v = env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

function splitList(s) {
  return s.split(/\s+/).filter(Boolean);
}

function setOutputs(env, outputs) {
  if (!env.GITHUB_OUTPUT) return;
  fs.appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}

function cliScript(env) {
  return env.FINTECH_GUARDRAILS_CLI || path.join(__dirname, '..', '..', 'bin', 'fintech-guardrails');
}

/** The arguments of `fintech-guardrails check` for these inputs. */
function checkArgs(env) {
  const paths = splitList(input(env, 'path'));
  if (paths.length === 0) throw new InputError('input "path" is required: a template, a directory of templates, or a cloud assembly such as cdk.out');
  const sarif = input(env, 'sarif-file', 'fintech-guardrails.sarif');
  const args = ['check', ...paths, '--format', 'sarif', '--out', sarif];
  const baseline = input(env, 'baseline');
  if (baseline) {
    if (!fs.existsSync(baseline)) throw new InputError(`input "baseline": ${baseline} does not exist`);
    args.push('--baseline', baseline);
  }
  args.push(...splitList(input(env, 'args')));
  return { args, sarif };
}

function failOn(env) {
  const v = input(env, 'fail-on', 'error').toLowerCase();
  if (!FAIL_ON.includes(v)) throw new InputError(`input "fail-on" must be one of ${FAIL_ON.join(', ')} (got "${v}")`);
  return v;
}

class InputError extends Error {}

/** Runs the check; returns the exit code of this step. */
function check(env, log) {
  const level = failOn(env);
  const { args, sarif } = checkArgs(env);
  if (sarif !== '-') fs.mkdirSync(path.dirname(path.resolve(sarif)), { recursive: true });
  log.out(`fintech-guardrails ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [cliScript(env), ...args], { encoding: 'utf-8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.stdout) log.out(r.stdout);
  if (r.stderr) log.err(r.stderr);
  const code = r.status === null ? 2 : r.status;
  const written = fs.existsSync(sarif);
  const counts = written ? countResults(sarif) : { error: 0, warning: 0, note: 0 };
  setOutputs(env, {
    'exit-code': code,
    'sarif-file': sarif,
    'sarif-written': written,
    errors: counts.error,
    warnings: counts.warning,
    'fail-on': level,
  });
  if (code !== 0 && code !== 1) {
    log.err(`::error::fintech-guardrails check could not run (exit code ${code}); see the message above\n`);
    return 2;
  }
  if (!written) {
    log.err(`::error::fintech-guardrails check did not write ${sarif}\n`);
    return 2;
  }
  log.out(`${counts.error} open error(s), ${counts.warning} open warning(s); SARIF written to ${sarif}\n`);
  return 0;
}

/**
 * Open results by level: results without a suppression (acknowledged findings carry one) and, when
 * the SARIF marks a baseline state, only `new` or `updated` ones.
 */
function countResults(sarifFile) {
  const counts = { error: 0, warning: 0, note: 0 };
  let sarif;
  try {
    sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf-8'));
  } catch (e) {
    throw new InputError(`${sarifFile}: not a SARIF file (${e.message})`);
  }
  for (const run of sarif.runs || []) {
    for (const r of run.results || []) {
      if (Array.isArray(r.suppressions) && r.suppressions.length > 0) continue;
      if (r.baselineState === 'unchanged' || r.baselineState === 'absent') continue;
      const level = r.level || 'warning';
      if (level in counts) counts[level]++;
    }
  }
  return counts;
}

/** Decides the job from the recorded result; returns the exit code of this step. */
function gate(env, log) {
  const level = failOn(env);
  const code = /^\d+$/.test((env.CHECK_EXIT_CODE || '').trim()) ? Number(env.CHECK_EXIT_CODE) : NaN;
  if (Number.isNaN(code)) throw new InputError('CHECK_EXIT_CODE is not set: run the check step first');
  if (code !== 0 && code !== 1) {
    log.err(`::error::fintech-guardrails check could not run (exit code ${code})\n`);
    return 2;
  }
  if (level === 'none') return 0;
  const sarif = input(env, 'sarif-file', 'fintech-guardrails.sarif');
  const counts = fs.existsSync(sarif) ? countResults(sarif) : { error: 0, warning: 0, note: 0 };
  if (code === 1 || counts.error > 0) {
    log.err(`::error::fintech-guardrails: ${counts.error || 'some'} open error-level finding(s) on mandatory guideline items; see the code-scanning alerts or ${sarif}\n`);
    return 1;
  }
  if (level === 'warning' && counts.warning > 0) {
    log.err(`::error::fintech-guardrails: ${counts.warning} open warning-level finding(s) and fail-on is "warning"\n`);
    return 1;
  }
  log.out('fintech-guardrails: no open finding at or above the fail-on level\n');
  return 0;
}

function main(argv, env, log) {
  try {
    if (argv[0] === 'check') return check(env, log);
    if (argv[0] === 'gate') return gate(env, log);
    log.err('usage: github-action.js check|gate (inputs from INPUT_* environment variables)\n');
    return 2;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    log.err(`::error::${e.message}\n`);
    return 2;
  }
}

module.exports = { main, checkArgs, countResults };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
}
