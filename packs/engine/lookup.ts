/**
 * Finding other resources of the template, and reading strings built with `Fn::Join` / `Fn::Sub`:
 * the one place for both (rules used to write them six and three ways).
 *
 * - `lookupValue`: the resource a value names: by reference (Ref/GetAtt/Sub with a resource), by a
 *   literal physical name matched against a name property, or by a name written the same way (the
 *   same `Fn::Sub`) as that property. Otherwise it says whether the value names something outside
 *   the template (a literal ID, an import) or is only known at deployment.
 * - `template.pointingAt` (template.ts, it uses the index): the resources whose property points at a
 *   resource.
 * - `textsOf`: the strings a Join/Sub can be, with parameters expanded and the rest as holes.
 *
 * Lookups respect the scenario being judged: a conditional resource is found only where it exists.
 */
import { Outcome, unverifiable } from './rule';
import { Detail, describeValue, reason } from './messages';
import { Resource } from './template';
import { Alt, intrinsicName, isOpaque, Opaque } from './values';

/** A resource found through a value, or why it could not be found. */
export type Lookup =
  | { readonly found: Resource }
  | { readonly absent: true }
  /** The value names something outside the template (a literal ID or name, an import). */
  | { readonly outside: Detail }
  /** The value is only known at deployment. */
  | { readonly unknown: Detail };

export interface LookupOptions {
  /** The property that holds the physical name of resources of `type` (to match literal names). */
  readonly nameProp?: string;
  /** Turns a literal value into the name to match (e.g. the name part of an ARN). */
  readonly literalToName?: (s: string) => string;
}

/** The resource of `type` whose `nameProp` is the literal `name`, or is written exactly like `raw` (the same Fn::Sub). */
export function byName(resource: Resource, type: string, nameProp: string, name: string | Opaque): Resource | undefined {
  const wanted = typeof name === 'string' ? name : JSON.stringify(name.raw);
  return resource.template.ofType(type).find((r) => r.prop(nameProp).some((a) => a.known && (
    (typeof name === 'string' && a.value === wanted) || (typeof name !== 'string' && isOpaque(a.value) && JSON.stringify(a.value.raw) === wanted))));
}

/**
 * The resource of `type` that an alternative value refers to: a Ref/GetAtt/Sub to a resource of the
 * template, a literal name matched against `nameProp`, or a name built the same way as `nameProp`.
 */
export function lookupValue(resource: Resource, alt: Alt, what: string, type: string, options: LookupOptions = {}): Lookup {
  if (!alt.known) return { unknown: reason('at', { what, why: alt.why }) };
  if (alt.value === undefined || alt.value === null) return { absent: true };
  const v = alt.value;
  if (v instanceof Opaque) {
    const target = v.target ? resource.template.resource(v.target) : undefined;
    if (target && target.type === type) return { found: target };
    if (target) return { unknown: reason('lookup-wrong-type', { what, target: target.logicalId, targetType: target.type, type }) };
    if (options.nameProp) {
      const same = byName(resource, type, options.nameProp, v);
      if (same) return { found: same };
    }
    return v.fn === 'Fn::ImportValue'
      ? { outside: reason('lookup-imported', { what, value: describeValue(v) }) }
      : { unknown: reason('only-at-deployment', { what, value: describeValue(v) }) };
  }
  if (typeof v === 'string') {
    if (options.nameProp) {
      const r = byName(resource, type, options.nameProp, options.literalToName ? options.literalToName(v) : v);
      if (r) return { found: r };
    }
    return { outside: reason('lookup-outside', { what, value: v }) };
  }
  return { unknown: reason('value-is', { what, value: describeValue(v) }) };
}

/** Every alternative of a property, looked up (see {@link lookupValue}). */
export function lookupProp(resource: Resource, path: string, type: string, options: LookupOptions = {}): Lookup[] {
  return resource.prop(path).map((alt) => lookupValue(resource, alt, path, type, options));
}

/** Turn a failed lookup into an outcome; `absent` gives `whenAbsent`. */
export function lookupOutcome(l: Exclude<Lookup, { found: Resource }>, whenAbsent: Outcome): Outcome {
  if ('absent' in l) return whenAbsent;
  if ('outside' in l) return unverifiable(l.outside);
  return unverifiable(l.unknown);
}

/** The resource of the template an alternative refers to (Ref, GetAtt, Sub with a resource), if of `type`. */
export function referencedResource(resource: Resource, alt: Alt, type?: string): Resource | undefined {
  if (!alt.known || !(alt.value instanceof Opaque) || !alt.value.target) return undefined;
  const target = resource.template.resource(alt.value.target);
  return target && (!type || target.type === type) ? target : undefined;
}

/** Whether a raw value (an ARN built with Join/Sub, a Ref...) refers to the logical ID `id`. */
export function refersTo(resource: Resource, raw: unknown, id: string): boolean {
  return resource.referencedIds(raw).includes(id);
}

/** A literal string when every alternative of the value is that same string, else undefined. */
export function literalString(alts: readonly Alt[]): string | undefined {
  const values = alts.map((a) => (a.known && typeof a.value === 'string' ? a.value : undefined));
  return values.length > 0 && values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Strings built with Fn::Join / Fn::Sub

/** Stands for a part of a string that is only known at deployment. */
export const HOLE = '\u0000';
/** Cap on the combinations of parameter values tried in one string. */
const MAX_TEXTS = 64;

/** Whether a text from {@link textsOf} has parts only known at deployment. */
export function hasHoles(text: string): boolean {
  return text.includes(HOLE);
}

/** A regular expression for a text whose holes may be anything. */
export function holePattern(text: string): RegExp {
  return new RegExp('^' + text.split(HOLE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's');
}

/** The text with each hole written as `replacement` (e.g. `*` for a readable pattern). */
export function showHoles(text: string, replacement = '*'): string {
  return text.split(HOLE).join(replacement);
}

/**
 * The strings a value can be: literal parts of `Fn::Join` / `Fn::Sub` kept, references to
 * parameters expanded (their given, allowed or default values; a region or account when known),
 * `Fn::If` on both branches (or the scenario's), and every other part as {@link HOLE}.
 */
export function textsOf(resource: Resource, raw: unknown, depth = 0): string[] {
  if (depth > 10) return [HOLE];
  if (typeof raw === 'string') return [raw];
  if (typeof raw === 'number' || typeof raw === 'boolean') return [String(raw)];
  const fn = intrinsicName(raw);
  const arg = fn ? (raw as Record<string, unknown>)[fn] : undefined;
  if (fn === 'Ref' && typeof arg === 'string') return nameTexts(resource, arg, {}, depth);
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    return product((arg[1] as unknown[]).map((p) => textsOf(resource, p, depth + 1))).map((parts) => parts.join(arg[0] as string));
  }
  if (fn === 'Fn::Sub') {
    const text = Array.isArray(arg) ? arg[0] : arg;
    const vars = (Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' ? arg[1] : {}) as Record<string, unknown>;
    if (typeof text !== 'string') return [HOLE];
    const pieces: string[][] = [];
    let last = 0;
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
      pieces.push([text.slice(last, m.index)]);
      const name = m[1];
      pieces.push(name.startsWith('!') ? [`\${${name.slice(1)}}`] : nameTexts(resource, name, vars, depth));
      last = (m.index ?? 0) + m[0].length;
    }
    pieces.push([text.slice(last)]);
    return product(pieces).map((parts) => parts.join(''));
  }
  if (fn === 'Fn::If') {
    return resource.resolve(raw).flatMap((a) => (a.known && a.value !== undefined ? textsOf(resource, isOpaque(a.value) ? a.value.raw : a.value, depth + 1) : [HOLE]));
  }
  return [HOLE];
}

function nameTexts(resource: Resource, name: string, vars: Record<string, unknown>, depth: number): string[] {
  if (name in vars) return textsOf(resource, vars[name], depth + 1);
  if (name.includes('.')) return [HOLE]; // ${Resource.Attribute}
  const alts = resource.resolve({ Ref: name });
  // Without a known region, the partition is taken as the commercial one (`aws`): ARNs of AWS
  // managed policies are written with ${AWS::Partition}.
  if (name === 'AWS::Partition' && alts.every((a) => !a.known || typeof a.value !== 'string')) return ['aws'];
  const out = alts.map((a) => (a.known && typeof a.value === 'string' ? a.value : HOLE));
  return out.length ? out : [HOLE];
}

function product(lists: string[][]): string[][] {
  let acc: string[][] = [[]];
  for (const l of lists) {
    const next: string[][] = [];
    for (const prefix of acc) for (const v of l) if (next.length < MAX_TEXTS) next.push([...prefix, v]);
    acc = next;
  }
  return acc;
}
