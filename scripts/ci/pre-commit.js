#!/usr/bin/env node
/**
 * The `fintech-guardrails-check` pre-commit hook (.pre-commit-hooks.yaml): runs
 * `fintech-guardrails check` on the changed files that are CloudFormation templates.
 *
 *   fintech-guardrails-pre-commit [check options...] FILE...
 *
 * pre-commit passes the hook's `args` first, then the changed files that match its `files` pattern.
 * A JSON or YAML file is a template when it has a top-level `AWSTemplateFormatVersion` or
 * `Resources` key; other YAML and JSON files (workflows, package.json, docker-compose.yml, ...) are
 * skipped, and so are files that no longer exist. Exit code: the check's (0 no open error-level
 * finding, 1 open errors, 2 unreadable template or bad option); 0 when no file is a template.
 * FINTECH_GUARDRAILS_CLI names the command's script (default: this package's bin/fintech-guardrails).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

/** Options of `check` that take a value (the others are flags). */
const VALUE_OPTIONS = new Set(['--format', '--lang', '--config', '--out', '--engine', '--baseline', '--region', '--parameter']);

/** Splits pre-commit's argument list into check options and files. */
function splitArgs(argv) {
  const options = [];
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      options.push(a);
      if (VALUE_OPTIONS.has(a) && i + 1 < argv.length) options.push(argv[++i]);
    } else {
      files.push(a);
    }
  }
  return { options, files };
}

const TOP_LEVEL_KEYS = ['AWSTemplateFormatVersion', 'Resources'];
const YAML_KEY = /^["']?(AWSTemplateFormatVersion|Resources)["']?[ \t]*:/m;

/**
 * Whether a file looks like a CloudFormation template. JSON is parsed (a malformed file that mentions
 * the keys is kept, so that the check reports it); YAML is matched on its top-level keys only, because
 * CloudFormation's short-form tags (!Ref, !Sub, ...) are not plain YAML.
 */
function isTemplate(file) {
  let text;
  try {
    if (!fs.statSync(file).isFile()) return false;
    text = fs.readFileSync(file, 'utf-8').replace(/^\uFEFF/, '');
  } catch {
    return false;
  }
  if (/^\s*[{[]/.test(text)) {
    try {
      const json = JSON.parse(text);
      return !!json && typeof json === 'object' && !Array.isArray(json) && TOP_LEVEL_KEYS.some((k) => k in json);
    } catch {
      return TOP_LEVEL_KEYS.some((k) => text.includes(`"${k}"`));
    }
  }
  return YAML_KEY.test(text);
}

function main(argv, env, log) {
  const { options, files } = splitArgs(argv);
  const templates = files.filter(isTemplate);
  const skipped = files.length - templates.length;
  if (templates.length === 0) {
    log.out(`fintech-guardrails: no CloudFormation template among ${files.length} file(s); nothing to check\n`);
    return 0;
  }
  if (skipped > 0) log.out(`fintech-guardrails: checking ${templates.length} template(s), skipped ${skipped} other file(s)\n`);
  const cli = env.FINTECH_GUARDRAILS_CLI || path.join(__dirname, '..', '..', 'bin', 'fintech-guardrails');
  const r = spawnSync(process.execPath, [cli, 'check', ...options, ...templates], { encoding: 'utf-8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.stdout) log.out(r.stdout);
  if (r.stderr) log.err(r.stderr);
  if (r.error) log.err(`fintech-guardrails: could not run ${cli}: ${r.error.message}\n`);
  return r.status === null ? 2 : r.status;
}

module.exports = { main, splitArgs, isTemplate };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
}
