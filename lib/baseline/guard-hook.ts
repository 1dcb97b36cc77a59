/**
 * `GuardRulesHook`: the project's cfn-guard rules (`packs/guard/**.guard`) as an AWS CloudFormation
 * Guard Hook (`AWS::CloudFormation::GuardHook`), so that every stack the account deploys is checked by
 * CloudFormation itself before it is provisioned, whether it comes from CDK, the console or a pipeline.
 *
 * How the hook evaluates, and why it targets STACK operations only
 * ----------------------------------------------------------------
 * A Guard Hook gives the rules a different input depending on its target operation (CloudFormation
 * Hooks User Guide, "Write Guard rules to evaluate resources for Guard Hooks"):
 *
 * - `STACK`: the whole proposed template as submitted to create-stack / update-stack (`Resources`,
 *   `Parameters`, `Conditions`... at the root, intrinsic functions unresolved), next to `HookContext`
 *   and `Previous` (the last deployed template). On delete-stack the template is empty.
 * - `RESOURCE` / `CLOUD_CONTROL`: one resource at a time (`Resources.<id>` with its type and resolved
 *   properties), and nothing else of the template.
 *
 * Our rules are written against a template (`Resources.*[ Type == ... ].Properties`), exactly what the
 * STACK input is: every rule runs there as it runs under `cfn-guard validate` on a synthesized
 * template, `Metadata` acknowledgments included. Many rules need other resources of the template (a
 * bucket policy for its bucket, a trail's bucket, a launch template for an instance...): they cannot
 * give a correct verdict on a RESOURCE input, which holds one resource (see {@link
 * guardRulesNeedingTemplate}, computed from the rule files). So the hook targets `STACK` only. On a
 * delete the input has no template, and every rule skips (their selections are empty). What a STACK hook cannot see is
 * what no single template shows: resources of other stacks (`Fn::ImportValue`, the parent or children
 * of a nested stack, which the hook evaluates one stack at a time) and deploy-time parameter values,
 * which cfn-guard never resolves anyway (see packs/guard/README.md, "Where the guard rules and the
 * pack rules differ").
 *
 * The rules bundle
 * ----------------
 * The selected `.guard` files are copied, flattened (their names are unique), into one directory that
 * CDK stages as an S3 asset and publishes as a `.zip` (a RuleLocation may be a `.guard`, `.zip` or
 * `.tar.gz` object). Only `.guard` files go in: not the unit tests or the README.
 *
 * Failure mode and levels
 * -----------------------
 * `WARN` (default) lets the operation go on with a warning. `FAIL` stops it. A hook has one failure
 * mode for all its rules, so, as FinTechChecks fails a synthesis on errors only, a `FAIL` hook carries
 * by default only the rules of error level (a mandatory item, or a selectable item the team raised);
 * a `WARN` hook carries every rule that is not turned off.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Aws, CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cfn from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { EffectiveLevel, resolveItemLevels, ruleLevel } from '../../packs/engine/levels';
import { GuardRule, guardRuleFiles, guardRulesDir, readGuardRules } from '../../packs/guard/runner';
import { FinTechGuardrailsError } from '../constructs/errors';

/** How the hook answers when a rule fails. */
export type GuardHookFailureMode = 'WARN' | 'FAIL';

/** The default type name alias of the hook (unique per account and Region). */
export const DEFAULT_GUARD_HOOK_ALIAS = 'FinTechGuardrails::Guard::Rules';

/** A guard rule, with the resource types it reports on and whether it needs the rest of the template. */
export interface GuardRuleScope {
  /** Pack rule ID, e.g. `FTG-S3-2`. */
  readonly ruleId: string;
  /** The rule file, relative to the rules directory. */
  readonly file: string;
  /** The resource types the rule reports on (its file header, `Reports on:`). */
  readonly reportsOn: readonly string[];
  /**
   * The other resource types of the template the rule reads (joins by `Ref`, `Fn::GetAtt` or name),
   * or `[BY_LOGICAL_ID]` when it joins resources of the types it reports on to each other.
   */
  readonly reads: readonly string[];
}

/** {@link GuardRuleScope.reads} of a rule that joins resources of its own types by logical ID. */
export const BY_LOGICAL_ID = '(resources of its own types, by logical ID)';

/** The scope of every rule of a rules directory, read from the rule files. */
export function guardRuleScopes(dir: string = guardRulesDir()): GuardRuleScope[] {
  const out: GuardRuleScope[] = [];
  for (const file of guardRuleFiles(dir)) {
    const text = fs.readFileSync(file, 'utf-8');
    const ruleId = /^rule\s+(FTG_[A-Z0-9_]+)\b/m.exec(text)?.[1]?.replace(/_/g, '-');
    if (!ruleId) continue;
    const reportsOn = reportedTypes(text);
    const code = text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
    const mentioned = [...new Set([...code.matchAll(/'(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)'/g)].map((m) => m[1]))];
    const others = mentioned.filter((t) => !reportsOn.includes(t)).sort();
    // `%root.Resources.%id` or a keyed selection `Resources[ ids | ... ]`: the rule looks resources up
    // by logical ID (a join among the types it reports on, e.g. an instance and its launch template).
    const joinsItself = others.length === 0 && (/%root\b/.test(code) || /Resources\[\s*\w+\s*\|/.test(code));
    out.push({ ruleId, file: path.relative(dir, file), reportsOn, reads: joinsItself ? [BY_LOGICAL_ID] : others });
  }
  return out;
}

/** The types of a rule file's `Reports on:` header (it may continue on the next comment lines). */
function reportedTypes(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#\s*Reports on:/.test(l));
  if (start < 0) return [];
  let header = lines[start].replace(/^#\s*Reports on:/, '');
  for (let i = start + 1; i < lines.length && /^#\s{2,}\S/.test(lines[i]) && !/^#\s*[A-Z][a-z]+.*:\s*$/.test(lines[i]); i++) {
    header += ' ' + lines[i].replace(/^#/, '');
  }
  return [...header.matchAll(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g)].map((m) => m[0]);
}

/**
 * The guard rules (pack rule IDs) that read other resources of the template than the one they report
 * on: a RESOURCE-level hook, which sees one resource, cannot run them, which is why
 * {@link GuardRulesHook} targets STACK operations. Computed from the rule files (when called, so that
 * loading the library reads no file).
 */
export function guardRulesNeedingTemplate(dir: string = guardRulesDir()): string[] {
  return guardRuleScopes(dir).filter((s) => s.reads.length > 0).map((s) => s.ruleId);
}

/** Options of {@link selectGuardHookRules}. */
export interface GuardHookRuleSelection {
  /** @default 'WARN' */
  readonly failureMode?: GuardHookFailureMode;
  /**
   * Pack rule IDs (`FTG-S3-1`) to run.
   * @default - every rule not turned off (WARN), or the rules of error level (FAIL)
   */
  readonly rules?: readonly string[];
  /**
   * The team's item levels (`resolveItemLevels(decisions)`).
   * @default - the guideline's levels
   */
  readonly levels?: ReadonlyMap<string, EffectiveLevel>;
  /**
   * The rules directory.
   * @default - the shipped packs/guard
   */
  readonly rulesDir?: string;
}

/** The guard rules a hook with these options carries, in rule-file order. */
export function selectGuardHookRules(options: GuardHookRuleSelection = {}): GuardRule[] {
  const all = readGuardRules(options.rulesDir ?? guardRulesDir());
  if (options.rules) {
    const known = new Set(all.map((r) => r.ruleId));
    const unknown = options.rules.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new FinTechGuardrailsError(`GuardRulesHook: rules ${unknown.join(', ')} have no guard form (known: ${[...known].join(', ')})`, { code: 'GuardHookUnknownRule' });
    }
    const wanted = new Set(options.rules);
    return all.filter((r) => wanted.has(r.ruleId));
  }
  const levels = options.levels ?? resolveItemLevels();
  const mode = options.failureMode ?? 'WARN';
  return all.filter((r) => {
    const level = ruleLevel(r.items, levels);
    return mode === 'FAIL' ? level === 'error' : level !== 'off';
  });
}

/**
 * Copy the rule files into one flat directory named after their content (so that the same rules
 * always give the same directory, and CDK the same asset hash) and return it.
 */
export function stageGuardRules(rules: readonly GuardRule[], rulesDir: string = guardRulesDir()): string {
  if (rules.length === 0) throw new FinTechGuardrailsError('GuardRulesHook: no guard rule selected; a hook without rules would pass every stack', { code: 'GuardHookNoRules' });
  const files = [...new Set(rules.map((r) => r.file))].sort();
  const names = files.map((f) => path.basename(f));
  if (new Set(names).size !== names.length) throw new FinTechGuardrailsError(`GuardRulesHook: two rule files share a name (${names.join(', ')})`);
  const hash = crypto.createHash('sha256');
  const contents = files.map((f) => fs.readFileSync(path.join(rulesDir, f)));
  names.forEach((name, i) => hash.update(`${name}\0`).update(contents[i]).update('\0'));
  const dir = path.join(os.tmpdir(), `fintech-guardrails-guard-hook-${hash.digest('hex').slice(0, 16)}`);
  if (!fs.existsSync(dir)) {
    // Written to a fresh directory and renamed, so that a concurrent synthesis never sees half of it
    // (the directory exists only once complete). Nothing else goes in: the directory is the bundle.
    const tmp = fs.mkdtempSync(`${dir}.tmp-`);
    files.forEach((_, i) => fs.writeFileSync(path.join(tmp, names[i]), contents[i]));
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another process staged the same rules first
    }
  }
  return dir;
}

export interface GuardRulesHookProps {
  /**
   * `WARN` lets a non-compliant stack operation go on with a warning; `FAIL` stops it.
   * @default 'WARN'
   */
  readonly failureMode?: GuardHookFailureMode;
  /**
   * Pack rule IDs (`FTG-S3-1`) whose guard form the hook runs.
   * @default - WARN: every rule whose level is not off; FAIL: the rules of error level
   */
  readonly rules?: readonly string[];
  /**
   * The team's item levels (`resolveItemLevels(decisions)`), used to choose the default rules.
   * @default - the guideline's levels
   */
  readonly levels?: ReadonlyMap<string, EffectiveLevel>;
  /**
   * The hook's type name alias, `Name1::Name2::Name3`, unique per account and Region.
   * @default DEFAULT_GUARD_HOOK_ALIAS
   */
  readonly alias?: string;
  /**
   * A bucket for the detailed guard report of each evaluation (the hook's LogBucket). The execution
   * role may write objects to it.
   * @default - no report bucket
   */
  readonly logBucket?: s3.IBucket;
  /**
   * Stack filters (which stacks invoke the hook, by name or role).
   * @default - every stack of the account and Region
   */
  readonly stackFilters?: cfn.CfnGuardHook.StackFiltersProperty;
  /**
   * Whether the hook is active.
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * The cfn-guard rules of this project as a CloudFormation Guard Hook on every stack operation (create
 * and update) of the account and Region. See the file comment for how the hook evaluates.
 */
export class GuardRulesHook extends Construct {
  /** The hook. */
  public readonly hook: cfn.CfnGuardHook;
  /** The role the hook assumes to read the rules (and write its report). */
  public readonly executionRole: iam.Role;
  /** The rules bundle (a directory asset, published as a zip). */
  public readonly rulesAsset: s3assets.Asset;
  /** The guard rules the hook runs. */
  public readonly rules: readonly GuardRule[];
  public readonly failureMode: GuardHookFailureMode;

  constructor(scope: Construct, id: string, props: GuardRulesHookProps = {}) {
    super(scope, id);
    const failureMode = props.failureMode ?? 'WARN';
    if (failureMode !== 'WARN' && failureMode !== 'FAIL') {
      throw new FinTechGuardrailsError(`GuardRulesHook: failureMode must be 'WARN' or 'FAIL', got ${JSON.stringify(failureMode)}`, { code: 'GuardHookFailureMode' });
    }
    const alias = props.alias ?? DEFAULT_GUARD_HOOK_ALIAS;
    if (!/^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/.test(alias) || /^aws/i.test(alias)) {
      throw new FinTechGuardrailsError(`GuardRulesHook: alias must look like Name1::Name2::Name3 (letters and digits) and not begin with AWS, got ${JSON.stringify(alias)}`, { code: 'GuardHookAlias' });
    }
    this.failureMode = failureMode;
    const rulesDir = guardRulesDir();
    this.rules = selectGuardHookRules({ failureMode, rules: props.rules, levels: props.levels, rulesDir });
    this.rulesAsset = new s3assets.Asset(this, 'Rules', { path: stageGuardRules(this.rules, rulesDir) });

    const stack = Stack.of(this);
    const statements = [
      new iam.PolicyStatement({
        sid: 'ReadGuardRules',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.rulesAsset.bucket.arnForObjects(this.rulesAsset.s3ObjectKey)],
      }),
    ];
    if (props.logBucket) {
      statements.push(new iam.PolicyStatement({
        sid: 'WriteGuardReports',
        actions: ['s3:PutObject'],
        resources: [props.logBucket.arnForObjects('*')],
      }));
    }
    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('hooks.cloudformation.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `Read by the CloudFormation Guard Hook ${alias}: the fintech-guardrails rules bundle${props.logBucket ? ', and its reports' : ''}`,
      inlinePolicies: { GuardHook: new iam.PolicyDocument({ statements }) },
    });
    const reportObjects = props.logBucket && reportObjectsFinding(stack, props.logBucket);
    if (reportObjects) {
      Validations.of(this.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${reportObjects}]`,
        reason: 'The Guard Hook writes its report objects under names it chooses itself (one per evaluation), so the role may put any object into the report bucket; it may not read, list or delete anything there.',
      });
    }

    this.hook = new cfn.CfnGuardHook(this, 'Resource', {
      alias,
      executionRole: this.executionRole.roleArn,
      failureMode,
      hookStatus: props.enabled === false ? 'DISABLED' : 'ENABLED',
      ruleLocation: { uri: this.rulesAsset.s3ObjectUrl },
      targetOperations: ['STACK'],
      logBucket: props.logBucket?.bucketName,
      stackFilters: props.stackFilters,
    });
    // The hook must not exist before it can read its rules.
    this.hook.node.addDependency(this.executionRole);
  }
}

/**
 * How cdk-nag names the `<bucket>/*` resource of the report-writing statement: `<LogicalId.Arn>/*`
 * for a bucket of the same stack, the ARN for a bucket imported by literal name; undefined otherwise
 * (cdk-nag then reports the statement, to be acknowledged by the caller).
 */
function reportObjectsFinding(stack: Stack, bucket: s3.IBucket): string | undefined {
  const cfnBucket = bucket.node.defaultChild;
  if (cfnBucket && CfnResource.isCfnResource(cfnBucket) && Stack.of(cfnBucket) === stack) return `<${stack.getLogicalId(cfnBucket)}.Arn>/*`;
  if (!Token.isUnresolved(bucket.bucketName)) return `arn:<AWS::Partition>:s3:::${bucket.bucketName}/*`;
  return undefined;
}
