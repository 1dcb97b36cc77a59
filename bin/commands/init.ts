/**
 * `fintech-guardrails init DIR [--force]`: write a new CDK app with the FinTech account baseline, a
 * workload stack built from the secure constructs and FinTechChecks wired in.
 *
 * The files come from `lib/baseline/init-template/` (plain text with `{{PLACEHOLDER}}`s; `.tmpl` is
 * dropped from the names and a leading `_` becomes `.`). Versions are read at run time from this
 * package's package.json: `fintech-guardrails` as `^<version>`, the CDK and tools pinned to the versions
 * this package is built and tested with.
 *
 * Nothing half-way: every file is written into a staging directory first, then moved into DIR. A
 * non-empty DIR is refused unless `--force`; with `--force` existing files are kept and the new version
 * is written next to each as `<name>.fintech-guardrails-new` (reported on stdout).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CommandSpec, flagOption, Io, parseCommandArgs, UsageError } from '../options';

/** The suffix of the new version of a file that already exists (with `--force`). */
export const NEW_VERSION_SUFFIX = '.fintech-guardrails-new';

const PACKAGE_NAME = 'fintech-guardrails';
const TEMPLATE_SUFFIX = '.tmpl';

/** Tools the generated app pins to the versions of this package's development. */
const PINNED: Record<string, string> = {
  AWS_CDK_LIB_VERSION: 'aws-cdk-lib',
  CONSTRUCTS_VERSION: 'constructs',
  CDK_NAG_VERSION: 'cdk-nag',
  AWS_CDK_VERSION: 'aws-cdk',
  TS_NODE_VERSION: 'ts-node',
  TYPESCRIPT_VERSION: 'typescript',
  JEST_VERSION: 'jest',
  TS_JEST_VERSION: 'ts-jest',
  TYPES_JEST_VERSION: '@types/jest',
  TYPES_NODE_VERSION: '@types/node',
};

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

interface RenderedFile {
  /** Path inside DIR, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

export const INIT_SPEC: CommandSpec = {
  name: 'init',
  args: 'DIR',
  summary: 'Write a new CDK app with the FinTech account baseline and FinTechChecks wired in.',
  options: {
    force: { type: 'boolean', description: `write into a non-empty DIR: existing files are kept, new versions\nwritten next to them as <name>${NEW_VERSION_SUFFIX}` },
  },
};

export function initCommand(args: readonly string[], io: Io): number {
  const parsed = parseCommandArgs(INIT_SPEC, args);
  const force = flagOption(parsed, 'force');
  const positionals = parsed.positionals;
  if (positionals.length === 0) throw new UsageError('init needs a DIR to write the new app into (e.g. fintech-guardrails init my-fintech-app)');
  if (positionals.length > 1) throw new UsageError(`init takes one DIR, got ${positionals.length}: ${positionals.join(' ')}`);
  const dir = positionals[0];
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  if (!isDirectory(parent)) throw new UsageError(`cannot create ${dir}: directory ${parent} does not exist`);
  if (fs.existsSync(target) && !isDirectory(target)) throw new UsageError(`${dir} exists and is not a directory`);
  const existing = fs.existsSync(target) ? fs.readdirSync(target) : [];
  if (existing.length > 0 && !force) {
    throw new UsageError(`${dir} is not empty; use --force to add the missing files (existing files are kept, new versions written as <name>${NEW_VERSION_SUFFIX})`);
  }

  const root = packageRoot();
  const files = renderTemplates(path.join(root.dir, 'lib', 'baseline', 'init-template'), placeholders(root.pkg, target));

  // Stage everything next to DIR (same file system, so the moves below are renames). The app directory
  // is made with mkdir inside the private temporary one, so it gets the usual permissions.
  const temporary = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.${PACKAGE_NAME}-`));
  const staging = path.join(temporary, 'app');
  try {
    fs.mkdirSync(staging);
    for (const f of files) {
      const p = path.join(staging, ...f.path.split('/'));
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, f.content);
    }
    const report = existing.length === 0 ? moveWhole(staging, target, files) : mergeInto(staging, target, files);
    io.stdout(report.join('\n') + '\n');
    io.stdout(nextSteps(dir));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot write ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was changed`);
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
}

/** DIR is missing or empty: the staged directory becomes DIR. */
function moveWhole(staging: string, target: string, files: readonly RenderedFile[]): string[] {
  const hadEmptyDir = fs.existsSync(target);
  if (hadEmptyDir) fs.rmdirSync(target);
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (hadEmptyDir) fs.mkdirSync(target);
    throw e;
  }
  return files.map((f) => `created ${f.path}`);
}

/**
 * DIR has files (--force): move in the files it lacks; for each file it has, keep it and move the new
 * version next to it. If a move fails, the files moved so far are taken back.
 */
function mergeInto(staging: string, target: string, files: readonly RenderedFile[]): string[] {
  const moved: string[] = [];
  const report: string[] = [];
  try {
    for (const f of files) {
      const from = path.join(staging, ...f.path.split('/'));
      let to = path.join(target, ...f.path.split('/'));
      if (fs.existsSync(to) && sameContent(to, f.content)) {
        report.push(`unchanged ${f.path}`);
        continue;
      }
      if (fs.existsSync(to)) {
        to += NEW_VERSION_SUFFIX;
        const replaced = fs.existsSync(to);
        report.push(`kept ${f.path} (exists); new version ${replaced ? 'replaces' : 'written to'} ${f.path}${NEW_VERSION_SUFFIX}`);
        if (replaced) {
          // Our own earlier suggestion: keep it aside until the move succeeded.
          fs.renameSync(to, `${to}.bak`);
          moved.push(`${to}.bak`);
        }
      } else {
        report.push(`created ${f.path}`);
      }
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(from, to);
      moved.push(to);
    }
  } catch (e) {
    for (const p of moved.reverse()) {
      if (p.endsWith('.bak')) fs.renameSync(p, p.slice(0, -'.bak'.length));
      else fs.rmSync(p, { force: true });
    }
    throw e;
  }
  for (const p of moved) if (p.endsWith('.bak')) fs.rmSync(p, { force: true });
  return report;
}

function nextSteps(dir: string): string {
  return [
    '',
    `Next steps (details in ${path.join(dir, 'README.md')}):`,
    `  1. set MANAGER_EMAILS in ${path.join(dir, 'bin', 'app.ts')} / 管理者のメールアドレスを設定`,
    `  2. cd ${dir} && npm install`,
    '  3. npx cdk bootstrap aws://ACCOUNT-ID/ap-northeast-1 aws://ACCOUNT-ID/us-east-1',
    '  4. npx cdk deploy --all',
    '',
  ].join('\n');
}

/** This package's root directory and package.json, found from this file (source or compiled). */
function packageRoot(): { dir: string; pkg: PackageJson } {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf-8')) as PackageJson;
      if (pkg.name === PACKAGE_NAME && fs.existsSync(path.join(dir, 'lib', 'baseline', 'init-template'))) return { dir, pkg };
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`the app templates (lib/baseline/init-template) of ${PACKAGE_NAME} were not found above ${__dirname}`);
    }
  }
}

/** Values of the template placeholders. */
export function placeholders(pkg: PackageJson, target: string): Record<string, string> {
  const out: Record<string, string> = {
    PROJECT_NAME: projectName(path.basename(target)),
    STACK_PREFIX: stackPrefix(path.basename(target)),
    FINTECH_GUARDRAILS_VERSION: pkg.version ?? '0.0.0',
  };
  for (const [key, name] of Object.entries(PINNED)) {
    const version = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name] ?? pkg.peerDependencies?.[name];
    if (!version) throw new Error(`${PACKAGE_NAME}'s package.json names no version of ${name}`);
    out[key] = version;
  }
  return out;
}

/** A valid npm package name from a directory name. */
export function projectName(base: string): string {
  const name = base.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '').replace(/-+$/, '').slice(0, 214);
  return name || 'fintech-app';
}

/** A construct-ID prefix (PascalCase) from a directory name. */
export function stackPrefix(base: string): string {
  const words = base.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const prefix = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(prefix) ? prefix : `App${prefix}`;
}

/** Every template file under `dir`, rendered. */
function renderTemplates(dir: string, values: Record<string, string>): RenderedFile[] {
  const out: RenderedFile[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) { walk(relPath); continue; }
      if (!entry.name.endsWith(TEMPLATE_SUFFIX)) continue;
      const text = fs.readFileSync(path.join(dir, relPath), 'utf-8');
      const content = text.replace(/\{\{([A-Z_]+)\}\}/g, (m, key: string) => {
        const v = values[key];
        if (v === undefined) throw new Error(`template ${relPath} uses an unknown placeholder ${m}`);
        return v;
      });
      const outName = entry.name.slice(0, -TEMPLATE_SUFFIX.length).replace(/^_/, '.');
      out.push({ path: rel ? `${rel}/${outName}` : outName, content });
    }
  };
  walk('');
  if (out.length === 0) throw new Error(`no templates in ${dir}`);
  return out;
}

function sameContent(file: string, content: string): boolean {
  try {
    return fs.readFileSync(file, 'utf-8') === content;
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
