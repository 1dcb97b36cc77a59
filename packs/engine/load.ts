/**
 * Reading the inputs of `check` and `report`: CloudFormation templates (JSON, or YAML with the
 * short-form tags), directories of them, and cloud assemblies (`cdk.out`, nested stages included).
 * Every problem with an input is an {@link InputError} naming the file and the problem in one line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnTemplate } from './template';

/** An input that cannot be read as a template: exit code 2 in the CLI. */
export class InputError extends Error {
  constructor(public readonly file: string, public readonly problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'InputError';
  }
}

export interface LoadedTemplate {
  /** The file, as given or relative to the assembly. */
  readonly file: string;
  /** The stack name (for cloud assemblies). */
  readonly stack?: string;
  readonly json: CfnTemplate;
}

export interface LoadResult {
  readonly templates: LoadedTemplate[];
  /** Files in directories that were skipped because they are not templates, with why. */
  readonly skipped: { file: string; why: string }[];
}

const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];

/**
 * Limits that turn resource-exhaustion input into an input error instead of a crash or a hang.
 * CloudFormation itself accepts a template body of at most 1 MB (51,200 bytes inline), and real
 * templates nest a few dozen levels at most (a policy document inside a property inside a resource).
 */
export const INPUT_LIMITS = {
  /** Largest template file read, in bytes (ten times what CloudFormation accepts). */
  maxBytes: 10 * 1024 * 1024,
  /** Deepest nesting of objects and arrays in a template. */
  maxDepth: 256,
  /** YAML alias expansions (the `yaml` package's weighted count: a billion-laughs document exceeds it at once). */
  maxAliasCount: 1000,
} as const;

/** Load every template named by `paths`. Throws {@link InputError} for the first input that cannot be read. */
export function loadInputs(paths: readonly string[]): LoadResult {
  const templates: LoadedTemplate[] = [];
  const skipped: { file: string; why: string }[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new InputError(p, 'no such file or directory');
    }
    if (stat.isDirectory()) {
      if (fs.existsSync(path.join(p, 'manifest.json'))) templates.push(...loadAssembly(p));
      else {
        const found = loadDirectory(p, skipped);
        if (found.length === 0) throw new InputError(p, 'directory holds no CloudFormation template (*.json, *.yaml, *.yml, *.template) and no cloud assembly (manifest.json)');
        templates.push(...found);
      }
    } else {
      templates.push({ file: p, json: parseTemplateFile(p) });
    }
  }
  return { templates, skipped };
}

function loadDirectory(dir: string, skipped: { file: string; why: string }[]): LoadedTemplate[] {
  const out: LoadedTemplate[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const st = fs.statSync(full);
    if (st.isDirectory()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      if (fs.existsSync(path.join(full, 'manifest.json'))) out.push(...loadAssembly(full));
      else out.push(...loadDirectory(full, skipped));
      continue;
    }
    if (!TEMPLATE_EXTENSIONS.includes(path.extname(name).toLowerCase())) continue;
    if (name === 'package.json' || name === 'package-lock.json' || name === 'tsconfig.json' || name === 'cdk.json') continue;
    const parsed = parseDocument(full);
    if (!isTemplate(parsed)) {
      skipped.push({ file: full, why: 'no Resources section' });
      continue;
    }
    out.push({ file: full, json: validateTemplate(full, parsed) });
  }
  return out;
}

/** Read the stacks of a cloud assembly, recursing into nested assemblies (stages). */
export function loadAssembly(dir: string): LoadedTemplate[] {
  const manifestFile = path.join(dir, 'manifest.json');
  let manifest: any;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf-8'));
  } catch (e) {
    throw new InputError(manifestFile, `malformed cloud assembly manifest (${oneLine((e as Error).message)})`);
  }
  const out: LoadedTemplate[] = [];
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact?.type === 'aws:cloudformation:stack') {
      const file = path.join(dir, artifact.properties?.templateFile ?? `${id}.template.json`);
      if (!fs.existsSync(file)) throw new InputError(file, `template of stack ${id} named in ${manifestFile} is missing`);
      out.push({ file, stack: artifact.displayName ?? id, json: parseTemplateFile(file) });
    } else if (artifact?.type === 'cdk:cloud-assembly') {
      const nested = path.join(dir, artifact.properties?.directoryName ?? id);
      if (fs.existsSync(path.join(nested, 'manifest.json'))) out.push(...loadAssembly(nested));
    }
  }
  return out;
}

/** Parse one template file (JSON or YAML); throws {@link InputError}. */
export function parseTemplateFile(file: string): CfnTemplate {
  return validateTemplate(file, parseDocument(file));
}

function parseDocument(file: string): unknown {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > INPUT_LIMITS.maxBytes) {
      throw new InputError(file, `file is too large (${size} bytes; at most ${INPUT_LIMITS.maxBytes} bytes are read, CloudFormation accepts 1 MB)`);
    }
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? oneLine((e as Error).message)})`);
  }
  if (text.trim() === '') throw new InputError(file, 'file is empty');
  const trimmed = text.trimStart();
  let doc: unknown;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      doc = JSON.parse(text);
    } catch (e) {
      if (e instanceof RangeError) throw tooDeep(file);
      throw new InputError(file, `malformed JSON (${oneLine((e as Error).message)})`);
    }
  } else {
    doc = parseYaml(file, text);
  }
  checkDepth(file, doc);
  return doc;
}

function tooDeep(file: string): InputError {
  return new InputError(file, `nesting is too deep (more than ${INPUT_LIMITS.maxDepth} levels of objects and arrays)`);
}

/** Fails when objects/arrays nest deeper than the limit. Iterative: a deep document cannot overflow the stack here. */
function checkDepth(file: string, doc: unknown): void {
  const stack: [unknown, number][] = [[doc, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > INPUT_LIMITS.maxDepth) throw tooDeep(file);
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
}

function parseYaml(file: string, text: string): unknown {
  // Loaded only for YAML input: JSON-only runs do not pay for it.
  const YAML = require('yaml') as typeof import('yaml');
  const doc = YAML.parseDocument(text, { customTags: cfnTags(), uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    if (/call stack/i.test(e.message)) throw tooDeep(file);
    const offset = e.pos?.[0];
    const line = e.linePos?.[0]?.line ?? (typeof offset === 'number' ? text.slice(0, offset).split('\n').length : undefined);
    throw new InputError(file, `malformed YAML${line ? ` at line ${line}` : ''} (${oneLine(e.message)})`);
  }
  try {
    return doc.toJS({ maxAliasCount: INPUT_LIMITS.maxAliasCount });
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(file);
    if (/alias/i.test((e as Error).message)) {
      throw new InputError(file, `YAML aliases expand too much (more than ${INPUT_LIMITS.maxAliasCount} weighted alias uses: a resource exhaustion "billion laughs" document?)`);
    }
    throw new InputError(file, `malformed YAML (${oneLine((e as Error).message)})`);
  }
}

let tagsCache: any[] | undefined;

/** The YAML short-form tags of CloudFormation (`!Ref`, `!GetAtt`, `!Sub`, `!If`, ...). */
function cfnTags(): any[] {
  if (tagsCache) return tagsCache;
  const fns = ['And', 'Base64', 'Cidr', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'Equals', 'FindInMap', 'ForEach', 'GetAtt', 'GetAZs',
    'If', 'ImportValue', 'Join', 'Length', 'Not', 'Or', 'RefAll', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform', 'ValueOf', 'ValueOfAll'];
  const tags: any[] = [];
  for (const n of [...fns, 'Ref', 'Condition']) {
    const key = n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`;
    tags.push({ tag: `!${n}`, identify: () => false, resolve: (s: string) => ({ [key]: n === 'GetAtt' ? splitGetAtt(s) : s }) });
    tags.push({ tag: `!${n}`, identify: () => false, collection: 'seq', resolve: (seq: any) => ({ [key]: seq.toJSON() }) });
    tags.push({ tag: `!${n}`, identify: () => false, collection: 'map', resolve: (map: any) => ({ [key]: map.toJSON() }) });
  }
  tagsCache = tags;
  return tags;
}

function splitGetAtt(s: string): string[] {
  const i = s.indexOf('.');
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

function isTemplate(doc: unknown): boolean {
  return !!doc && typeof doc === 'object' && !Array.isArray(doc) && 'Resources' in (doc as object);
}

function validateTemplate(file: string, doc: unknown): CfnTemplate {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(file, 'not a CloudFormation template (the document is not an object)');
  const resources = (doc as any).Resources;
  if (resources === undefined) throw new InputError(file, 'not a CloudFormation template (no Resources section)');
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) throw new InputError(file, 'Resources must be an object of logical IDs to resources');
  for (const [id, r] of Object.entries<any>(resources)) {
    if (id === 'Fn::Transform') continue; // AWS::Include (or a macro) adding resources at deployment: reported by FTG-GEN-2
    if (!r || typeof r !== 'object' || typeof r.Type !== 'string') throw new InputError(file, `resource ${id} has no Type`);
  }
  return doc as CfnTemplate;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
