/**
 * Conditions and scenarios.
 *
 * A template's `Conditions` section decides which `Fn::If` branch CloudFormation takes and which
 * resources exist. The engine evaluates it over what can be known before deployment: parameters (a
 * value given with `--parameter`, else the allowed values, else the default, else any value that fits
 * `AllowedPattern`) and pseudo parameters (the stack's region and account when the stack has an
 * environment, or `--region`/`--account`). What stays unknown keeps both truth values.
 *
 * A *scenario* is an assignment of truth values to the conditions a verdict depends on. The runner
 * judges a rule once per consistent scenario (see `evaluateRule` in ./evaluate), so that two
 * properties under the same condition, or a resource and the conditional policy that protects it,
 * are always judged together, never in combinations that cannot happen.
 */

/** One condition's truth value in a scenario. */
export interface Assumption {
  readonly condition: string;
  readonly value: boolean;
}

/** The conditions a verdict was reached under (sorted by condition name); empty: in every scenario. */
export type Scenario = readonly Assumption[];

/** What is known about the deployment before it happens. */
export interface DeploymentContext {
  /** The regions the template may be deployed to (one for an `env`-bound CDK stack). */
  readonly regions?: readonly string[];
  /** The account, when known. */
  readonly accountId?: string;
  /** Parameter values given for the deployment (`--parameter Name=Value`). */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** A value that is none of the literals a template compares a variable with. */
const FRESH = Symbol('any other value');
type Value = string | typeof FRESH;
/** Three-valued logic: true, false, or undefined (cannot be known). */
type Truth = boolean | undefined;

/** Above this many parameter valuations, a consistency question is answered "consistent" (conservative). */
const MAX_VALUATIONS = 4096;

const PARTITIONS: readonly [RegExp, string][] = [[/^cn-/, 'aws-cn'], [/^us-gov-/, 'aws-us-gov'], [/^us-iso-/, 'aws-iso'], [/^us-isob-/, 'aws-iso-b']];

export function partitionOf(region: string): string {
  for (const [re, p] of PARTITIONS) if (re.test(region)) return p;
  return 'aws';
}

function literal(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * The template's conditions, evaluated over what is known. Holds the scenario a rule is being judged
 * in (`assume`) and records which undecided conditions the judgement touched (`touched`).
 */
export class ConditionModel {
  /** The conditions this template defines. */
  public readonly names: ReadonlySet<string>;
  private readonly defs: Record<string, unknown>;
  private readonly domains = new Map<string, readonly Value[]>();
  private readonly possibleCache = new Map<string, { readonly t: boolean; readonly f: boolean }>();
  private readonly varsCache = new Map<string, ReadonlySet<string>>();
  private current = new Map<string, boolean>();
  private touchedNow = new Set<string>();
  /** When true, undecided conditions take both branches independently (the fallback past the scenario cap). */
  private independent = false;

  constructor(template: { readonly Conditions?: Record<string, unknown>; readonly Parameters?: Record<string, any> }, private readonly deployment: DeploymentContext = {}) {
    this.defs = template.Conditions && typeof template.Conditions === 'object' ? template.Conditions : {};
    this.names = new Set(Object.keys(this.defs));
    const params = template.Parameters ?? {};
    const compared = this.comparedLiterals();
    for (const [name, p] of Object.entries(params)) this.domains.set(name, this.parameterDomain(name, p, compared.get(name) ?? new Set()));
    const free = (name: string): Value[] => [...(compared.get(name) ?? []), FRESH];
    const regions = deployment.regions?.length ? [...new Set(deployment.regions)] : undefined;
    this.domains.set('AWS::Region', regions ?? free('AWS::Region'));
    this.domains.set('AWS::Partition', regions ? [...new Set(regions.map(partitionOf))] : free('AWS::Partition'));
    this.domains.set('AWS::AccountId', deployment.accountId ? [deployment.accountId] : free('AWS::AccountId'));
    for (const pseudo of ['AWS::StackName', 'AWS::StackId', 'AWS::URLSuffix', 'AWS::NotificationARNs']) this.domains.set(pseudo, free(pseudo));
  }

  /** Whether the template has any condition at all (the runner's fast path). */
  public get any(): boolean {
    return this.names.size > 0;
  }

  /** The truth values `condition` can take, over every valuation of what is unknown. */
  public possible(condition: string): { readonly t: boolean; readonly f: boolean } {
    let p = this.possibleCache.get(condition);
    if (!p) {
      p = this.names.has(condition)
        ? { t: this.consistent(new Map([[condition, true]])), f: this.consistent(new Map([[condition, false]])) }
        : { t: true, f: true };
      this.possibleCache.set(condition, p);
    }
    return p;
  }

  /** The value of a condition that is the same in every scenario, or undefined. */
  public staticValue(condition: string): boolean | undefined {
    const p = this.possible(condition);
    return p.t && !p.f ? true : p.f && !p.t ? false : undefined;
  }

  /**
   * The truth value of `condition` in the current scenario: assumed, or static; undefined when it is
   * still open (and then recorded as touched, so that the runner splits on it).
   */
  public branch(condition: string): boolean | undefined {
    const assumed = this.current.get(condition);
    if (assumed !== undefined) return assumed;
    const s = this.staticValue(condition);
    if (s !== undefined) return s;
    if (!this.independent) this.touchedNow.add(condition);
    return undefined;
  }

  /** Judge in `scenario` from now on; resets the touched set. */
  public assume(scenario: ReadonlyMap<string, boolean>, independent = false): void {
    this.current = new Map(scenario);
    this.touchedNow = new Set();
    this.independent = independent;
  }

  /** Undecided conditions touched since the last `assume`. */
  public get touched(): ReadonlySet<string> {
    return this.touchedNow;
  }

  /**
   * Whether the scenario being judged lets the (pseudo) parameter `variable` take `value`: a
   * parameter compared in a condition the scenario assumes (`HasSymmetricKey: Equals [KeySpec, X]`
   * assumed false) cannot have the values that would make that condition true. Used to narrow a
   * parameter's allowed values to those of the scenario.
   */
  public admits(variable: string, value: unknown): boolean {
    const lit = literal(value);
    if (lit === undefined || this.current.size === 0) return true;
    if (![...this.current.keys()].some((c) => this.names.has(c) && this.varsOf(c).has(variable))) return true;
    return this.consistent(this.current, new Map([[variable, lit]]));
  }

  /** Whether some valuation of the unknowns gives every condition of `assignment` its value (`fixed`: variables with one value). */
  public consistent(assignment: ReadonlyMap<string, boolean>, fixed?: ReadonlyMap<string, string>): boolean {
    const vars = new Set<string>();
    for (const c of assignment.keys()) {
      if (!this.names.has(c)) return true;
      for (const v of this.varsOf(c)) vars.add(v);
    }
    const list = [...vars];
    const domains: (readonly Value[])[] = list.map((v) => (fixed?.has(v) ? [fixed.get(v)!] : this.domains.get(v) ?? [FRESH as Value]));
    let total = 1;
    for (const d of domains) { total *= d.length; if (total > MAX_VALUATIONS) return true; }
    const valuation = new Map<string, Value>();
    const walk = (i: number): boolean => {
      if (i === list.length) {
        for (const [c, want] of assignment) {
          const got = this.evaluate(this.defs[c], valuation, 0, new Set([c]));
          if (got !== undefined && got !== want) return false;
        }
        return true;
      }
      for (const value of domains[i]) {
        valuation.set(list[i], value);
        if (walk(i + 1)) return true;
      }
      valuation.delete(list[i]);
      return false;
    };
    return walk(0);
  }

  /** The parameters and pseudo parameters a condition depends on, through other conditions too. */
  private varsOf(condition: string, seen = new Set<string>()): ReadonlySet<string> {
    const cached = this.varsCache.get(condition);
    if (cached) return cached;
    const out = new Set<string>();
    if (seen.has(condition)) return out;
    seen.add(condition);
    const visit = (e: unknown): void => {
      if (e === null || typeof e !== 'object') return;
      if (Array.isArray(e)) { e.forEach(visit); return; }
      for (const [k, v] of Object.entries(e as Record<string, unknown>)) {
        if (k === 'Ref' && typeof v === 'string') out.add(v);
        else if (k === 'Condition' && typeof v === 'string') for (const x of this.varsOf(v, seen)) out.add(x);
        else visit(v);
      }
    };
    visit(this.defs[condition]);
    this.varsCache.set(condition, out);
    return out;
  }

  private evaluate(expr: unknown, valuation: ReadonlyMap<string, Value>, depth: number, stack: Set<string>): Truth {
    if (depth > 50 || expr === null || typeof expr !== 'object' || Array.isArray(expr)) return typeof expr === 'boolean' ? expr : undefined;
    const keys = Object.keys(expr);
    if (keys.length !== 1) return undefined;
    const [fn] = keys;
    const arg = (expr as Record<string, unknown>)[fn];
    switch (fn) {
      case 'Condition': {
        if (typeof arg !== 'string' || !this.names.has(arg) || stack.has(arg)) return undefined;
        stack.add(arg);
        try { return this.evaluate(this.defs[arg], valuation, depth + 1, stack); } finally { stack.delete(arg); }
      }
      case 'Fn::Not': {
        const inner = Array.isArray(arg) ? arg[0] : arg;
        const v = this.evaluate(inner, valuation, depth + 1, stack);
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And': case 'Fn::Or': {
        if (!Array.isArray(arg)) return undefined;
        const isAnd = fn === 'Fn::And';
        let unknown = false;
        for (const e of arg) {
          const v = this.evaluate(e, valuation, depth + 1, stack);
          if (v === undefined) unknown = true;
          else if (v !== isAnd) return v;
        }
        return unknown ? undefined : isAnd;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const a = this.term(arg[0], valuation);
        const b = this.term(arg[1], valuation);
        if (a === undefined || b === undefined) return undefined;
        if (a === FRESH && b === FRESH) return undefined;
        if (a === FRESH || b === FRESH) return false;
        return a === b;
      }
      default:
        return undefined;
    }
  }

  /** The value of one side of an `Fn::Equals`: a literal, a (pseudo) parameter, or undefined (unknown). */
  private term(e: unknown, valuation: ReadonlyMap<string, Value>): Value | undefined {
    const lit = literal(e);
    if (lit !== undefined) return lit;
    if (e && typeof e === 'object' && !Array.isArray(e)) {
      const ref = (e as Record<string, unknown>).Ref;
      if (typeof ref === 'string' && Object.keys(e).length === 1) return valuation.get(ref);
    }
    return undefined;
  }

  /** Literals each variable is compared with in the Conditions section. */
  private comparedLiterals(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    const visit = (e: unknown): void => {
      if (e === null || typeof e !== 'object') return;
      if (Array.isArray(e)) { e.forEach(visit); return; }
      const eq = (e as Record<string, unknown>)['Fn::Equals'];
      if (Array.isArray(eq) && eq.length === 2) {
        for (const [x, y] of [[eq[0], eq[1]], [eq[1], eq[0]]]) {
          const ref = x && typeof x === 'object' ? (x as Record<string, unknown>).Ref : undefined;
          const lit = literal(y);
          if (typeof ref === 'string' && lit !== undefined) {
            const set = out.get(ref) ?? new Set<string>();
            set.add(lit);
            out.set(ref, set);
          }
        }
      }
      for (const v of Object.values(e as Record<string, unknown>)) visit(v);
    };
    visit(this.defs);
    return out;
  }

  private parameterDomain(name: string, p: any, compared: ReadonlySet<string>): readonly Value[] {
    const given = this.deployment.parameters?.[name];
    if (given !== undefined) return [given];
    const type = String(p?.Type ?? 'String');
    if (type.startsWith('AWS::SSM::Parameter::Value')) return [...compared, FRESH];
    if (Array.isArray(p?.AllowedValues) && p.AllowedValues.length > 0) {
      return [...new Set(p.AllowedValues.map(literal).filter((v: string | undefined): v is string => v !== undefined))] as string[];
    }
    const def = literal(p?.Default);
    if (def !== undefined) return [def];
    const pattern = allowedPattern(p);
    const fits = [...compared].filter((v) => !pattern || pattern.test(v));
    return [...fits, FRESH];
  }
}

/** A parameter's AllowedPattern as a regular expression anchored like CloudFormation's, or undefined. */
export function allowedPattern(p: any): RegExp | undefined {
  if (typeof p?.AllowedPattern !== 'string') return undefined;
  try {
    return new RegExp(`^(?:${p.AllowedPattern})$`);
  } catch {
    return undefined;
  }
}

/** A scenario from an assignment, sorted by condition name. */
export function scenarioOf(assignment: ReadonlyMap<string, boolean>): Scenario {
  return [...assignment.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([condition, value]) => ({ condition, value }));
}
