/**
 * A CloudFormation template as the rules see it: its resources, and an index of the whole template
 * built once (resources by type, and which resources refer to which), so that a rule that needs
 * other resources (a bucket and its bucket policy, a trail and its bucket) finds them without
 * scanning the template for every resource.
 */
import { expandTemplate } from './sam';
import { ConditionModel, DeploymentContext } from './scenario';
import { Alt, alternativesAt, Constrained, Opaque, ResolutionScope } from './values';

/** The raw JSON of a template. */
export interface CfnTemplate {
  readonly AWSTemplateFormatVersion?: string;
  readonly Parameters?: Record<string, any>;
  readonly Mappings?: Record<string, any>;
  readonly Conditions?: Record<string, any>;
  readonly Resources: Record<string, CfnResourceJson>;
  readonly [key: string]: unknown;
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, any>;
  readonly UpdatePolicy?: Record<string, unknown>;
  readonly CreationPolicy?: Record<string, unknown>;
  readonly DeletionPolicy?: unknown;
  readonly UpdateReplacePolicy?: unknown;
  readonly Condition?: string;
  readonly DependsOn?: unknown;
  readonly [key: string]: unknown;
}

/** One resource of a template, with value resolution bound to its template. */
export class Resource {
  constructor(
    public readonly logicalId: string,
    public readonly json: CfnResourceJson,
    public readonly template: TemplateModel,
  ) {}

  public get type(): string {
    return this.json.Type;
  }

  public get properties(): Record<string, unknown> {
    return (this.json.Properties ?? {}) as Record<string, unknown>;
  }

  /** The construct path CDK recorded (`aws:cdk:path` metadata), when there is one. */
  public get cdkPath(): string | undefined {
    const p = this.json.Metadata?.['aws:cdk:path'];
    return typeof p === 'string' ? p : undefined;
  }

  /**
   * Whether the resource exists in the scenario being judged: true without a `Condition`, false when
   * its condition is false there, undefined while the condition is still open (the runner splits on it).
   */
  public get exists(): boolean | undefined {
    const c = this.json.Condition;
    if (c === undefined) return true;
    if (typeof c !== 'string') return undefined;
    return this.template.conditions.branch(c);
  }

  /** Alternatives of the property at `path` (dot-separated, under `Properties`). */
  public prop(path: string | readonly string[]): Alt[] {
    return alternativesAt(this.json.Properties ?? {}, path, this.template.scope);
  }

  /** Alternatives of an attribute of the resource outside `Properties` (e.g. `UpdatePolicy.AutoScalingRollingUpdate`). */
  public attr(path: string): Alt[] {
    const [first, ...rest] = path.split('.');
    return alternativesAt(this.json[first], rest, this.template.scope);
  }

  /** Alternatives of any raw value found inside this resource (e.g. an element of a list). */
  public resolve(raw: unknown, path: string | readonly string[] = []): Alt[] {
    return alternativesAt(raw, path, this.template.scope);
  }

  /** Logical IDs of the resources a raw value refers to (Ref, GetAtt, Sub), searched recursively. */
  public referencedIds(raw: unknown): string[] {
    const out = new Set<string>();
    collectReferences(raw, this.template.scope.resourceIds, out);
    return [...out];
  }
}

/** A template with its index. Construct once per template; everything is computed lazily and cached. */
export class TemplateModel {
  public readonly scope: ResolutionScope;
  /** The Conditions section, evaluated over what is known of the deployment, and the scenario being judged. */
  public readonly conditions: ConditionModel;
  public readonly resources: readonly Resource[];
  private readonly byId = new Map<string, Resource>();
  private byType?: Map<string, Resource[]>;
  /** Whether any resource has a `Condition` (else lookups need not filter by the scenario). */
  private readonly anyConditional: boolean;
  private referrers?: Map<string, Resource[]>;

  constructor(public readonly json: CfnTemplate, public readonly file: string = '<template>', public readonly deployment: DeploymentContext = {}) {
    // The resources CloudFormation deploys: SAM expanded, other transforms as one synthetic resource (sam.ts). `json` stays the original.
    const deployed = expandTemplate(json).resources;
    const ids = new Set(Object.keys(deployed));
    this.conditions = new ConditionModel(json, deployment);
    this.scope = { parameters: json.Parameters ?? {}, mappings: json.Mappings ?? {}, resourceIds: ids, conditions: this.conditions, deployment };
    this.resources = Object.entries(deployed).map(([id, r]) => new Resource(id, r, this));
    for (const r of this.resources) this.byId.set(r.logicalId, r);
    this.anyConditional = this.resources.some((r) => r.json.Condition !== undefined);
  }

  /** The resource with this logical ID, when it exists in the scenario being judged. */
  public resource(logicalId: string): Resource | undefined {
    const r = this.byId.get(logicalId);
    return r && r.exists !== false ? r : undefined;
  }

  public ofType(type: string): readonly Resource[] {
    if (!this.byType) {
      this.byType = new Map();
      for (const r of this.resources) {
        const list = this.byType.get(r.type) ?? [];
        list.push(r);
        this.byType.set(r.type, list);
      }
    }
    return present(this.byType.get(type) ?? [], this.anyConditional);
  }

  /** Resources whose properties refer (Ref, GetAtt, Sub) to `logicalId`, optionally of one type. */
  public referrersOf(logicalId: string, type?: string): readonly Resource[] {
    if (!this.referrers) {
      this.referrers = new Map();
      for (const r of this.resources) {
        const found = new Set<string>();
        collectReferences(r.json.Properties, this.scope.resourceIds, found);
        for (const target of found) {
          const list = this.referrers.get(target) ?? [];
          list.push(r);
          this.referrers.set(target, list);
        }
      }
    }
    const all = present(this.referrers.get(logicalId) ?? [], this.anyConditional);
    return type ? all.filter((r) => r.type === type) : all;
  }

  /**
   * The resources of `type` whose property `path` points at `target`: by reference (Ref/GetAtt/Sub)
   * or, when `names` are given, by the physical name: a literal (e.g. a bucket name in a trail) or
   * the same intrinsic expression as the target's name property (an `Opaque` from `namesOf`, e.g.
   * `Fn::Sub: ${AppName}-${AWS::Region}` on both the bucket and its policy: one stack, one value).
   * Instead of a property path, `at` may give the values of a candidate to look at (e.g. the Value of
   * one key of a key/value list).
   */
  public pointingAt(target: Resource, type: string, at: string | ((candidate: Resource) => Alt[]), names: readonly unknown[] = []): Resource[] {
    const valuesOf = typeof at === 'string' ? (r: Resource) => r.prop(at) : at;
    const candidates = new Set<Resource>(this.referrersOf(target.logicalId, type));
    const literalNames = names.filter((n): n is string => typeof n === 'string');
    const expressions = names.filter(isNameExpression).map((n) => JSON.stringify(n.raw));
    if (literalNames.length > 0 || expressions.length > 0) for (const r of this.ofType(type)) candidates.add(r);
    return [...candidates].filter((r) => valuesOf(r).some((a) => a.known && (
      (a.value instanceof Opaque && (a.value.target === target.logicalId || r.referencedIds(a.value.raw).includes(target.logicalId))) ||
      (isNameExpression(a.value) && expressions.includes(JSON.stringify(a.value.raw))) ||
      (typeof a.value === 'string' && literalNames.includes(a.value)) ||
      (a.value !== undefined && !(a.value instanceof Opaque) && r.referencedIds(a.value).includes(target.logicalId))
    )));
  }

}

/** The resources that exist in the scenario being judged (those whose condition is open count: the runner splits on them). */
function present(list: readonly Resource[], anyConditional: boolean): readonly Resource[] {
  return anyConditional ? list.filter((r) => r.exists !== false) : list;
}

function collectReferences(raw: unknown, ids: ReadonlySet<string>, out: Set<string>): void {
  if (raw === null || typeof raw !== 'object') return;
  if (Array.isArray(raw)) {
    for (const v of raw) collectReferences(v, ids, out);
    return;
  }
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k === 'Ref' && typeof v === 'string' && ids.has(v)) out.add(v);
    else if (k === 'Fn::GetAtt') {
      const target = Array.isArray(v) ? v[0] : typeof v === 'string' ? v.split('.')[0] : undefined;
      if (typeof target === 'string' && ids.has(target)) out.add(target);
    } else if (k === 'Fn::Sub') {
      const text = Array.isArray(v) ? v[0] : v;
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)/g)) if (ids.has(m[1])) out.add(m[1]);
      }
      if (Array.isArray(v)) collectReferences(v[1], ids, out);
    } else collectReferences(v, ids, out);
  }
}

/**
 * The physical names `resource` can have by its name property `path` (e.g. BucketName), for
 * `pointingAt`: the literal strings, and the intrinsic expressions (Fn::Sub, Fn::Join, ...) that
 * another resource of the same stack can repeat to name it.
 */
export function namesOf(resource: Resource, path: string): Array<string | Opaque> {
  return resource.prop(path).flatMap((a) => (a.known && (typeof a.value === 'string' || isNameExpression(a.value)) ? [a.value] : []));
}

/** An intrinsic expression that can stand for a name (not a value known only to lie in a range). */
function isNameExpression(v: unknown): v is Opaque {
  return v instanceof Opaque && !(v instanceof Constrained);
}
