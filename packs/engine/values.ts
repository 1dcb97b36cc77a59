/**
 * What CloudFormation will receive, as far as it can be known before deployment.
 *
 * A property can hold intrinsic functions. Rules never look at them directly: they ask for the
 * *alternatives* a value can take. `Fn::If` yields both branches, a `Ref` to a template parameter
 * yields its allowed values (or its default), `AWS::NoValue` yields "absent", and what cannot be
 * known becomes an `Unknown` alternative that says why. A reference to another resource, or a string
 * built from one, is a known-to-exist but opaque value (`Opaque`).
 */

import { Detail, reason, Via, ViaStep, viaOf } from './messages';
import { allowedPattern, ConditionModel, DeploymentContext, partitionOf } from './scenario';

/** A value that exists at deployment but whose content is not known now (a Ref to a resource, a GetAtt, a Sub with variables...). */
export class Opaque {
  constructor(
    /** The intrinsic function that produces it, e.g. `Ref`, `Fn::GetAtt`. */
    public readonly fn: string,
    /** The raw intrinsic as written in the template. */
    public readonly raw: unknown,
    /** The logical ID of the resource it refers to, when it refers to one. */
    public readonly target?: string,
  ) {}

  public toString(): string {
    return `{${this.fn}${this.target ? ` ${this.target}` : ''}}`;
  }
}

/**
 * The value of a parameter that has neither a default nor allowed values but an `AllowedPattern`:
 * only known at deployment, but known to match the pattern (`admits` tells whether a literal can be it).
 */
export class Constrained extends Opaque {
  constructor(raw: unknown, public readonly parameter: string, public readonly pattern: RegExp, public readonly source: string) {
    super('Ref', raw);
  }

  /** Whether the parameter can take `literal` (it matches the pattern). */
  public admits(literal: string): boolean {
    return this.pattern.test(literal);
  }

  public toString(): string {
    return `{Ref ${this.parameter} matching ${this.source}}`;
  }
}

/** One value a property can take. `value` is `undefined` when the property is absent. */
export interface Known {
  readonly known: true;
  readonly value: unknown;
  /** How the value was reached when not literal (branches of `Fn::If`, parameter defaults...), as data. */
  readonly via?: Via;
}

/** A value that cannot be determined before deployment. */
export interface Unknown {
  readonly known: false;
  /** Why, as a detail (e.g. `parameter-no-default`). */
  readonly why: Detail;
}

export type Alt = Known | Unknown;

/** The parts of a template that value resolution needs. */
export interface ResolutionScope {
  readonly parameters: Record<string, any>;
  readonly mappings: Record<string, any>;
  readonly resourceIds: ReadonlySet<string>;
  /** The template's conditions and the scenario being judged; without it every `Fn::If` takes both branches. */
  readonly conditions?: ConditionModel;
  /** What is known of the deployment (region, account, parameter values). */
  readonly deployment?: DeploymentContext;
}

function withVia(a: Alt, step: ViaStep | Via | undefined): Alt {
  if (!a.known || step === undefined) return a;
  const steps = Array.isArray(step) ? step as Via : [step as ViaStep];
  if (steps.length === 0) return a;
  return { ...a, via: viaOf(a.via ? [...steps, ...a.via] : steps) };
}

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

/** Intrinsics whose result exists at deployment but is not computed here (the others have their own case). */
const OPAQUE_FUNCTIONS = new Set([
  'Fn::ImportValue', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Split',
  'Fn::Select', 'Fn::Transform', 'Fn::ToJsonString', 'Fn::Length',
]);

/** Beyond this many alternatives a value is reported as unknown rather than enumerated. */
export const MAX_ALTERNATIVES = 256;

/** The single key of an intrinsic function object (`{ "Ref": "X" }` → `Ref`), or undefined. */
export function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const k = keys[0];
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::') ? k : undefined;
}

/**
 * The alternatives of a raw template value, resolving only its outermost intrinsic functions
 * (nested values stay raw until a rule steps into them with {@link alternativesAt}).
 */
export function alternatives(raw: unknown, scope: ResolutionScope, depth = 0): Alt[] {
  if (depth > 20) return [{ known: false, why: reason('nested-too-deeply') }];
  // CloudFormation treats a null property like an absent one.
  if (raw === null) return [{ known: true, value: undefined }];
  const fn = intrinsicName(raw);
  if (!fn) return [{ known: true, value: raw }];
  const arg = (raw as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3) return [{ known: false, why: reason('malformed-if') }];
      const cond = String(arg[0]);
      // In a scenario (or when the Conditions section decides it) only one branch can happen.
      const decided = scope.conditions?.branch(cond);
      if (decided !== undefined) return alternatives(decided ? arg[1] : arg[2], scope, depth + 1);
      const tag = (branch: boolean) => (a: Alt): Alt => withVia(a, { kind: 'if', condition: cond, branch });
      const both = [
        ...alternatives(arg[1], scope, depth + 1).map(tag(true)),
        ...alternatives(arg[2], scope, depth + 1).map(tag(false)),
      ];
      if (both.length > MAX_ALTERNATIVES) return [{ known: false, why: reason('too-many-alternatives', { max: MAX_ALTERNATIVES }) }];
      return dedupeUnknowns(both);
    }
    case 'Ref':
      return refAlternatives(String(arg), scope);
    case 'Fn::Sub': {
      // A Sub without variables is a plain string.
      const text = Array.isArray(arg) ? arg[0] : arg;
      if (typeof text === 'string' && !/\$\{[^!]/.test(text)) {
        return [{ known: true, value: text.replace(/\$\{!/g, '${') }];
      }
      return [{ known: true, value: new Opaque(fn, raw, subTarget(text, scope)) }];
    }
    case 'Fn::Join': {
      if (Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1]) && arg[1].every((p) => typeof p === 'string')) {
        return [{ known: true, value: (arg[1] as string[]).join(arg[0]) }];
      }
      return [{ known: true, value: new Opaque(fn, raw) }];
    }
    case 'Fn::FindInMap': {
      if (Array.isArray(arg) && arg.length >= 3 && arg.slice(0, 3).every((p) => typeof p === 'string')) {
        const found = scope.mappings?.[arg[0]]?.[arg[1]]?.[arg[2]];
        if (found !== undefined) return alternatives(found, scope, depth + 1).map((a) => withVia(a, { kind: 'mapping', path: arg.slice(0, 3).join('.') }));
      }
      return [{ known: true, value: new Opaque(fn, raw) }];
    }
    case 'Fn::GetAtt': {
      const target = Array.isArray(arg) ? String(arg[0]) : typeof arg === 'string' ? arg.split('.')[0] : undefined;
      return [{ known: true, value: new Opaque(fn, raw, target) }];
    }
    default:
      if (OPAQUE_FUNCTIONS.has(fn)) return [{ known: true, value: new Opaque(fn, raw) }];
      return [{ known: false, why: reason('unsupported-intrinsic', { fn }) }];
  }
}

/** Unknown alternatives with the same reason say the same thing once. */
function dedupeUnknowns(alts: Alt[]): Alt[] {
  const seen = new Set<string>();
  return alts.filter((a) => {
    if (a.known) return true;
    const k = JSON.stringify(a.why);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function subTarget(text: unknown, scope: ResolutionScope): string | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}/.exec(text);
  return m && scope.resourceIds.has(m[1]) ? m[1] : undefined;
}

function refAlternatives(name: string, scope: ResolutionScope): Alt[] {
  if (name === 'AWS::NoValue') return [{ known: true, value: undefined, via: viaOf([{ kind: 'no-value' }]) }];
  if (PSEUDO_PARAMETERS.has(name)) return pseudoAlternatives(name, scope);
  const param = scope.parameters?.[name];
  if (param !== undefined) {
    const given = scope.deployment?.parameters?.[name];
    if (given !== undefined) return [{ known: true, value: given, via: viaOf([{ kind: 'parameter-given', parameter: name, value: JSON.stringify(given) }]) }];
    const type = String(param?.Type ?? 'String');
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      return [{ known: false, why: reason('ssm-parameter', { parameter: name }) }];
    }
    const allowed = Array.isArray(param?.AllowedValues) ? param.AllowedValues : undefined;
    if (allowed && allowed.length > 0) {
      // Only the allowed values the scenario being judged leaves possible (a condition on the parameter may be assumed).
      const possible = allowed.filter((v: unknown) => scope.conditions?.admits(name, v) ?? true);
      return (possible.length > 0 ? possible : allowed).map((v: unknown) => ({ known: true as const, value: v, via: viaOf([{ kind: 'parameter-allowed' as const, parameter: name, value: JSON.stringify(v) }]) }));
    }
    if (param?.Default !== undefined) {
      return [{ known: true, value: param.Default, via: viaOf([{ kind: 'parameter-default', parameter: name, value: JSON.stringify(param.Default) }]) }];
    }
    const pattern = allowedPattern(param);
    if (pattern) return [{ known: true, value: new Constrained({ Ref: name }, name, pattern, String(param.AllowedPattern)) }];
    return [{ known: false, why: reason('parameter-no-default', { parameter: name }) }];
  }
  if (scope.resourceIds.has(name)) return [{ known: true, value: new Opaque('Ref', { Ref: name }, name) }];
  return [{ known: false, why: reason('unknown-ref', { name }) }];
}

/** Region, partition and account are known when the deployment says so; the others only at deployment. */
function pseudoAlternatives(name: string, scope: ResolutionScope): Alt[] {
  const regions = scope.deployment?.regions;
  if (name === 'AWS::Region' && regions?.length === 1) return [{ known: true, value: regions[0] }];
  if (name === 'AWS::Partition' && regions?.length) {
    const partitions = [...new Set(regions.map(partitionOf))];
    if (partitions.length === 1) return [{ known: true, value: partitions[0] }];
  }
  if (name === 'AWS::AccountId' && scope.deployment?.accountId) return [{ known: true, value: scope.deployment.accountId }];
  return [{ known: true, value: new Opaque('Ref', { Ref: name }) }];
}

/**
 * The alternatives of the value at `path` (keys separated by dots; a number steps into a list) under
 * `raw`, resolving intrinsics at every step. A missing key yields `{ known: true, value: undefined }`.
 */
export function alternativesAt(raw: unknown, path: string | readonly string[], scope: ResolutionScope): Alt[] {
  const keys = typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path;
  let current: Alt[] = alternatives(raw, scope);
  for (const key of keys) {
    const next: Alt[] = [];
    for (const alt of current) {
      if (!alt.known) { next.push(alt); continue; }
      const v = alt.value;
      if (v === undefined || v === null) { next.push({ known: true, value: undefined, via: alt.via }); continue; }
      if (v instanceof Opaque) { next.push({ known: false, why: reason('inside-intrinsic', { key, fn: v.fn }) }); continue; }
      if (typeof v !== 'object') { next.push({ known: true, value: undefined, via: alt.via }); continue; }
      const child = (v as Record<string, unknown>)[key];
      for (const a of alternatives(child, scope)) next.push(withVia(a, alt.via));
    }
    current = next.length > MAX_ALTERNATIVES ? [{ known: false, why: reason('too-many-alternatives', { max: MAX_ALTERNATIVES }) }] : next;
  }
  return current;
}

/** CloudFormation accepts `true`, `"true"` (any case) and the same for false. Undefined when not a boolean. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

/** Numbers may be written as strings in templates. Undefined when not a number. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))) return Number(value);
  return undefined;
}

/** A list value, resolving a top-level intrinsic; `undefined` when absent, `Unknown` when not determinable. */
export function isOpaque(value: unknown): value is Opaque {
  return value instanceof Opaque;
}
