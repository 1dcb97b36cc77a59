/**
 * The cfn-guard engine: the rules of `packs/guard/**.guard` run by the real cfn-guard binary (the one
 * shipped in the npm package `@cdklabs/cdk-validator-cfnguard`), with its JSON output turned into the
 * same {@link Finding}s as the pack's own engine (`runRules`). Used by `check --engine guard` and by
 * the parity tests that compare the two engines.
 *
 * Guard rules are named after the pack rule in a guard-legal form (`FTG_S3_1` for `FTG-S3-1`); each
 * rule's `<< >>` message starts with `FTG-S3-1 [DM-1, DM-2]: ...` and has a `[FIX]: ...` line, which
 * is where the items of a rule come from when the pack does not know it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ALL_RULES } from '../rules';
import { LoadedTemplate } from '../engine/load';
import { Language } from '../engine/messages';
import { EffectiveLevel, FindingLevel, resolveItemLevels, ruleLevel } from '../engine/levels';
import { RuleDefinition } from '../engine/rule';
import { Detail, describeValue } from '../engine/messages';
import { acknowledges, Finding, metadataAcknowledgments } from '../engine/runner';
import { CfnTemplate, TemplateModel } from '../engine/template';

/** cfn-guard cannot run here (binary missing, unsupported platform): the CLI reports it as a usage problem (exit 2). */
export class GuardUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardUnavailableError';
  }
}

/** The npm package that ships the cfn-guard binaries. */
export const GUARD_PACKAGE = '@cdklabs/cdk-validator-cfnguard';

/** Environment variable naming another cfn-guard binary (3.x), e.g. on a platform the package does not cover. */
export const GUARD_BINARY_ENV = 'FINTECH_GUARDRAILS_CFN_GUARD';

/** The guard rule name of a pack rule ID (`FTG-S3-1` → `FTG_S3_1`). */
export function guardRuleName(ruleId: string): string {
  return ruleId.replace(/-/g, '_');
}

/** The pack rule ID of a guard rule name (`FTG_S3_1` → `FTG-S3-1`). */
export function packRuleId(guardName: string): string {
  return guardName.replace(/_/g, '-');
}

/**
 * The cfn-guard binary for this platform, from the installed `@cdklabs/cdk-validator-cfnguard`
 * (or {@link GUARD_BINARY_ENV}). Throws {@link GuardUnavailableError} with what to do.
 */
export function guardBinary(): string {
  const override = process.env[GUARD_BINARY_ENV];
  if (override) {
    if (!fs.existsSync(override)) throw new GuardUnavailableError(`${GUARD_BINARY_ENV}=${override}: no such file (it should name a cfn-guard 3.x binary)`);
    return override;
  }
  const platform = os.platform() === 'linux' ? 'ubuntu' : os.platform() === 'darwin' ? 'macos' : undefined;
  const arch = os.arch() === 'x64' ? 'x86_64' : os.arch() === 'arm64' ? 'aarch64' : undefined;
  if (!platform || !arch) {
    throw new GuardUnavailableError(`--engine guard: ${GUARD_PACKAGE} ships cfn-guard for linux and darwin on x64 and arm64, not ${os.platform()}/${os.arch()}; install cfn-guard 3.x and set ${GUARD_BINARY_ENV} to it, or use the default engine`);
  }
  let pkg: string;
  try {
    pkg = require.resolve(`${GUARD_PACKAGE}/package.json`);
  } catch {
    throw new GuardUnavailableError(`--engine guard needs cfn-guard from the npm package ${GUARD_PACKAGE}: run npm install --save-dev ${GUARD_PACKAGE} (or set ${GUARD_BINARY_ENV} to a cfn-guard 3.x binary)`);
  }
  const binary = path.join(path.dirname(pkg), 'bin', platform, arch, 'cfn-guard');
  if (!fs.existsSync(binary)) throw new GuardUnavailableError(`--engine guard: ${binary} is missing from ${GUARD_PACKAGE}; reinstall it, or set ${GUARD_BINARY_ENV} to a cfn-guard 3.x binary`);
  return binary;
}

/** The directory of the guard rules: `packs/guard` next to the sources, or in the installed package (next to `dist/`). */
export function guardRulesDir(): string {
  const candidates = [__dirname, path.join(__dirname, '..', '..', '..', 'packs', 'guard')];
  // dist/packs/guard holds the compiled runner but not the .guard files: look for the rules themselves.
  const found = candidates.find((d) => fs.existsSync(path.join(d, 's3')) && fs.statSync(path.join(d, 's3')).isDirectory());
  if (!found) throw new GuardUnavailableError(`the cfn-guard rules (packs/guard) are missing from this installation (looked in ${candidates.join(', ')})`);
  return found;
}

/** One guard rule, as its file declares it. */
export interface GuardRule {
  /** Guard rule name, e.g. `FTG_S3_1`. */
  readonly name: string;
  /** Pack rule ID, e.g. `FTG-S3-1`. */
  readonly ruleId: string;
  /** Descriptive name from the file header (the pack rule's name), e.g. `S3BucketEncrypted`. */
  readonly title?: string;
  readonly items: readonly string[];
  /** The message (without the rule ID and items) and the fix, in English. */
  readonly message: string;
  readonly fix: string;
  /** The rule file, relative to the rules directory. */
  readonly file: string;
}

/** Every `*.guard` file under `dir`, sorted. */
export function guardRuleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.guard')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

const MESSAGE = /<<\s*(FTG-[A-Z0-9]+-\d+)\s*\[([^\]]*)\]:\s*([^\n]*)\n\s*\[FIX\]:\s*([^\n]*)\n\s*>>/;

/** The guard rules of a rules directory, read from their files (name, items, message and fix). */
export function readGuardRules(dir: string = guardRulesDir()): GuardRule[] {
  const out: GuardRule[] = [];
  for (const file of guardRuleFiles(dir)) {
    const text = fs.readFileSync(file, 'utf-8');
    for (const m of text.matchAll(/^rule\s+(FTG_[A-Z0-9_]+)\b/gm)) {
      const name = m[1];
      const ruleId = packRuleId(name);
      const msg = MESSAGE.exec(text);
      const title = new RegExp(`^#\\s*${ruleId.replace(/[-]/g, '\\-')}\\s+(\\w+)`, 'm').exec(text)?.[1];
      out.push({
        name,
        ruleId,
        title,
        items: msg ? msg[2].split(',').map((s) => s.trim()).filter(Boolean) : [],
        message: msg?.[3].trim() ?? ruleId,
        fix: msg?.[4].trim() ?? '',
        file: path.relative(dir, file),
      });
    }
  }
  return out;
}

/** One resource that failed one guard rule in one template. */
export interface GuardFailure {
  /** Index of the template in the list given to {@link runGuard}. */
  readonly template: number;
  readonly logicalId: string;
  /** Guard rule name, e.g. `FTG_S3_1`. */
  readonly rule: string;
  /** What guard reports about the failing values: a property path relative to the resource and its value (absent when missing). */
  readonly checks: readonly { readonly path: string; readonly value?: unknown; readonly missing?: boolean }[];
}

export interface GuardRunOptions {
  /** The rules directory (default: the shipped `packs/guard`). */
  readonly rulesDir?: string;
  /** Run only these rule files (default: every rule of the rules directory). */
  readonly ruleFiles?: readonly string[];
  /** The cfn-guard binary (default: {@link guardBinary}). */
  readonly binary?: string;
}

/**
 * Run every guard rule over `templates` with one cfn-guard invocation (templates are written as JSON
 * to a temporary directory, which is removed afterwards) and return the failures per resource and rule.
 */
export function runGuard(templates: readonly CfnTemplate[], options: GuardRunOptions = {}): GuardFailure[] {
  const binary = options.binary ?? guardBinary();
  const rules = options.ruleFiles ?? [options.rulesDir ?? guardRulesDir()];
  if (templates.length === 0 || rules.length === 0) return [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fintech-guardrails-guard-'));
  try {
    const dataDir = path.join(tmp, 'templates');
    fs.mkdirSync(dataDir);
    const names = templates.map((_, i) => `t${String(i).padStart(6, '0')}.json`);
    templates.forEach((t, i) => fs.writeFileSync(path.join(dataDir, names[i]), JSON.stringify(t)));
    // Output goes to a file: guard's JSON for a large template set can exceed any pipe buffer.
    const outFile = path.join(tmp, 'out.json');
    const out = fs.openSync(outFile, 'w');
    let r;
    try {
      r = spawnSync(binary, ['validate', ...rules.flatMap((x) => ['--rules', x]), '--data', dataDir, '--output-format', 'json', '--show-summary', 'none', '--structured'], {
        stdio: ['ignore', out, 'pipe'],
        encoding: 'utf-8',
        maxBuffer: 16 * 1024 * 1024,
      });
    } finally {
      fs.closeSync(out);
    }
    if (r.error) throw new GuardUnavailableError(`cannot run cfn-guard (${binary}): ${r.error.message}`);
    // 0: every rule passed or skipped; 19: some failed. Anything else is a guard or rule-file error.
    if (r.status !== 0 && r.status !== 19) {
      const why = `${r.stderr ?? ''}`.trim().split('\n')[0] || `exit code ${r.status}`;
      throw new Error(`cfn-guard failed: ${why}`);
    }
    const results = JSON.parse(fs.readFileSync(outFile, 'utf-8') || '[]') as GuardFileResult[];
    const index = new Map(names.map((n, i) => [n, i]));
    const failures: GuardFailure[] = [];
    for (const result of results) {
      const i = index.get(path.basename(String(result.name)));
      if (i === undefined) continue;
      for (const nc of result.not_compliant ?? []) {
        const rule = nc?.Rule;
        if (!rule || typeof rule.name !== 'string') continue;
        for (const [logicalId, checks] of failingResources(rule)) {
          failures.push({ template: i, logicalId, rule: rule.name, checks });
        }
      }
    }
    return failures;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

interface GuardFileResult {
  readonly name: string;
  readonly not_compliant?: { Rule?: { name: string } }[];
}

/**
 * The resources a failed guard rule reports, with the failing checks: every path under
 * `/Resources/<id>` beneath a clause or rule call that carries one of our messages
 * (`<< FTG-... >>`). Other failing checks in guard's output are the evaluation of selections
 * (filters over the whole template) and are not findings; right-hand sides of comparisons (`to`)
 * are skipped too, as they may point at other resources.
 */
function failingResources(rule: unknown): Map<string, GuardFailure['checks'][number][]> {
  const out = new Map<string, GuardFailure['checks'][number][]>();
  const add = (p: string, value: unknown, missing: boolean) => {
    const parts = p.split('/');
    if (parts[1] !== 'Resources' || !parts[2]) return;
    const list = out.get(parts[2]) ?? [];
    const rel = parts.slice(3).join('.');
    if (!list.some((c) => c.path === rel && c.missing === missing)) list.push(missing ? { path: rel, missing } : { path: rel, value });
    out.set(parts[2], list);
  };
  const walk = (node: unknown, reported: boolean, key?: string): void => {
    if (key === 'to' || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) { for (const n of node) walk(n, reported); return; }
    const o = node as Record<string, unknown>;
    const message = (o.messages as { custom_message?: unknown } | undefined)?.custom_message;
    const here = reported || (typeof message === 'string' && /FTG-[A-Z0-9]+-\d+/.test(message));
    const unresolved = o.UnResolved as { value?: { traversed_to?: { path?: string }; remaining_query?: string } } | undefined;
    if (here && unresolved?.value?.traversed_to?.path) {
      const base = unresolved.value.traversed_to.path;
      const rest = typeof unresolved.value.remaining_query === 'string' ? unresolved.value.remaining_query.replace(/\./g, '/') : '';
      add(rest ? `${base}/${rest}` : base, undefined, true);
      return;
    }
    if (here && typeof o.path === 'string' && o.path.startsWith('/Resources/') && 'value' in o) add(o.path, o.value, false);
    for (const [k, v] of Object.entries(o)) walk(v, here, k);
  };
  walk(rule, false);
  return out;
}

/** A value written with an intrinsic function (`{ "Ref": ... }`, `{ "Fn::If": ... }`...). */
function isIntrinsic(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** The metadata keys that carry acknowledgments (see `metadataAcknowledgments`). */
const ACK_KEYS = ['fintech-guardrails', 'cdk_nag', 'guard'];

/** A copy of a template without the acknowledgment metadata, so that guard reports acknowledged resources too. */
function withoutAcknowledgments(template: CfnTemplate): CfnTemplate {
  const resources: Record<string, any> = {};
  for (const [id, r] of Object.entries(template.Resources ?? {})) {
    const md = r.Metadata;
    if (md && typeof md === 'object' && ACK_KEYS.some((k) => k in md)) {
      const rest: Record<string, unknown> = { ...md };
      for (const k of ACK_KEYS) delete rest[k];
      resources[id] = { ...r, Metadata: rest };
    } else resources[id] = r;
  }
  return { ...template, Resources: resources };
}

export interface GuardCheckOptions extends GuardRunOptions {
  readonly levels?: ReadonlyMap<string, EffectiveLevel>;
  /** @deprecated findings are data now; render them with findingMessage(f, lang). */
  readonly language?: Language;
  /**
   * The pack rules to check (default: ALL_RULES). The guard engine runs the guard form of each of
   * them, so that both engines check the same rules; pack rules without a guard form are not checked.
   */
  readonly rules?: readonly RuleDefinition[];
}

export interface GuardCheckResult {
  readonly findings: Finding[];
  /** The rules that ran (level not off), as rule definitions for the output formats (SARIF rule metadata). */
  readonly rules: RuleDefinition[];
  /** Pack rules that have no guard form, so were not checked. */
  readonly withoutGuardForm: RuleDefinition[];
  /** Number of resources looked at. */
  readonly resources: number;
}

/**
 * `check --engine guard`: run the guard form of the pack's rules over loaded templates and return
 * findings shaped like the default engine's (texts, items and level from the pack rule and the
 * catalog). Acknowledgments are taken out of the copies handed to guard and attached to the
 * findings afterwards, so acknowledged findings are listed (and not counted) as with the default
 * engine; a `Metadata.guard.SuppressedRules` entry naming the guard rule (`FTG_S3_1`) also counts.
 */
export function guardCheck(templates: readonly LoadedTemplate[], options: GuardCheckOptions = {}): GuardCheckResult {
  const levels = options.levels ?? resolveItemLevels();
  const binary = options.binary ?? guardBinary();
  const rulesDir = options.rulesDir ?? guardRulesDir();
  const guardByRule = new Map(readGuardRules(rulesDir).map((g) => [g.ruleId, g]));
  const packRules = options.rules ?? ALL_RULES;

  const selected: RuleDefinition[] = [];
  const withoutGuardForm: RuleDefinition[] = [];
  const levelOf = new Map<string, FindingLevel>();
  for (const rule of packRules) {
    if (!guardByRule.has(rule.id)) { withoutGuardForm.push(rule); continue; }
    const level = ruleLevel(rule.items, levels);
    if (level === 'off') continue;
    selected.push(rule);
    levelOf.set(rule.id, level);
  }
  const byId = new Map(selected.map((r, i) => [r.id, { rule: r, order: i }]));
  const ruleFiles = [...new Set(selected.map((r) => path.join(rulesDir, guardByRule.get(r.id)!.file)))];

  const failures = runGuard(templates.map((t) => withoutAcknowledgments(t.json)), { binary, ruleFiles })
    .filter((f) => byId.has(packRuleId(f.rule)));
  const models = templates.map((t) => new TemplateModel(t.json, t.file));
  const resourceOrder = models.map((m) => new Map(m.resources.map((r, i) => [r.logicalId, i])));
  failures.sort((a, b) => a.template - b.template
    || (resourceOrder[a.template].get(a.logicalId) ?? 0) - (resourceOrder[b.template].get(b.logicalId) ?? 0)
    || byId.get(packRuleId(a.rule))!.order - byId.get(packRuleId(b.rule))!.order);

  const findings: Finding[] = [];
  for (const f of failures) {
    const ruleId = packRuleId(f.rule);
    const rule = byId.get(ruleId)!.rule;
    const resource = models[f.template].resource(f.logicalId);
    if (!resource) continue;
    const values = f.checks.filter((c) => !c.missing && c.path !== 'Type').map((c) => c.value);
    const unverifiable = values.length > 0 && values.every(isIntrinsic);
    const notes: Detail[] = f.checks.filter((c) => c.path !== 'Type').slice(0, 2)
      .map((c) => ({ key: 'value-is', params: { what: c.path.replace(/^Properties\./, '') || 'the resource', value: c.missing ? { key: 'not-set' } : describeValue(c.value) } }));
    const detail: Detail | undefined = notes.length ? { key: 'guard-checks', params: { checks: notes.length === 1 ? notes[0] : { key: 'pair', params: { a: notes[0], b: notes[1] } } } } : undefined;
    const ack = metadataAcknowledgments(resource).find((a) => acknowledges(a.id, ruleId) || a.id.trim() === f.rule);
    findings.push({
      file: templates[f.template].file,
      stack: templates[f.template].stack,
      resource: f.logicalId,
      resourceType: resource.type,
      path: resource.cdkPath,
      ruleId,
      ruleName: rule.name,
      items: rule.items,
      level: levelOf.get(ruleId)!,
      status: unverifiable ? 'unverifiable' : 'non-compliant',
      ...(detail ? { detail } : {}),
      texts: rule,
      acknowledged: ack,
    });
  }
  const resources = models.reduce((n, m) => n + m.resources.length, 0);
  return { findings, rules: selected, withoutGuardForm, resources };
}
