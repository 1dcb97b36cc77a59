/**
 * Shared reading of resource policies (bucket, topic, queue and key policies) for the data-store
 * rules: "is there a deny of plain-HTTP requests" (FTG-S3-2, FTG-SNS-2, FTG-SQS-2) and "does an
 * Allow open the resource to everyone" (FTG-S3-6, FTG-KMS-2), and the two value tests the data
 * rules share (`isTrue` for flags whose absence means false, `isSet` for "must be given").
 */
import { best as bestOf, COMPLIANT, nonCompliant, Outcome, unverifiable, worst } from './rule';
import { Statement } from './policy';
import { Resource } from './template';
import { asBoolean, isOpaque } from './values';
import { reason } from './messages';
import type { Detail, Reason } from './messages';

/** `true`/`"true"` → true, absent or `false` → false, anything else (a GetAtt, a typo) → undefined. */
export function isTrue(value: unknown): boolean | undefined {
  if (value === undefined) return false;
  return asBoolean(value);
}

/** Whether the property is present (any value but absent): for "must be set" checks. */
export function isSet(value: unknown): boolean | undefined {
  if (value === undefined || value === '') return false;
  return true;
}

/** The best of several outcomes (compliant > unverifiable > non-compliant): one good policy is enough. */
export function best(outcomes: readonly Outcome[]): Outcome | undefined {
  return outcomes.length ? bestOf(...outcomes) : undefined;
}

/**
 * One element of a `Statement` list with all its alternatives: a plain statement has one; an
 * `Fn::If` around a statement has one per branch (`absent` when a branch is `AWS::NoValue`).
 */
export interface StatementSlot {
  readonly statements: Statement[];
  readonly absentInSomeBranch: boolean;
  readonly unknown?: Reason;
}

/** One alternative of a whole document: its slots, or why it cannot be read, or that it is absent. */
export interface DocumentAlternative {
  readonly slots?: StatementSlot[];
  readonly unknown?: Reason;
  readonly absent?: boolean;
}

/**
 * The statements of the document at `path`, keeping each `Statement` element's branches together.
 *
 * The engine's `readPolicy` merges the branches of a statement-level `Fn::If` into one list, which
 * is right for "is something allowed" questions (conservative) but would count a deny that exists in
 * only one branch as always present. Deny checks must see the slots: a deny counts only when every
 * branch of its slot is a qualifying deny.
 */
export function readStatementSlots(resource: Resource, path: string): DocumentAlternative[] {
  const out: DocumentAlternative[] = [];
  for (const alt of resource.prop(path)) {
    if (!alt.known) { out.push({ unknown: alt.why }); continue; }
    let doc = alt.value;
    if (doc === undefined) { out.push({ absent: true }); continue; }
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc);
      } catch {
        out.push({ unknown: reason('policy-not-json', { path }) });
        continue;
      }
    }
    if (doc === null || typeof doc !== 'object' || isOpaque(doc)) {
      out.push({ unknown: reason('known-at-deployment', { what: path }) });
      continue;
    }
    for (const listAlt of resource.resolve(doc, 'Statement')) {
      if (!listAlt.known) { out.push({ unknown: reason('at', { what: `${path}.Statement`, why: listAlt.why }) }); continue; }
      const v = listAlt.value;
      if (isOpaque(v)) { out.push({ unknown: reason('known-at-deployment', { what: `${path}.Statement` }) }); continue; }
      const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
      const slots: StatementSlot[] = list.map((raw) => {
        const statements: Statement[] = [];
        let absentInSomeBranch = false;
        let unknown: Reason | undefined;
        for (const st of resource.resolve(raw)) {
          if (!st.known) unknown = st.why;
          else if (st.value === undefined) absentInSomeBranch = true;
          else if (st.value !== null && typeof st.value === 'object' && !isOpaque(st.value)) {
            statements.push(new Statement(st.value as Record<string, unknown>, resource));
          } else unknown = reason('statement-unknown');
        }
        return { statements, absentInSomeBranch, unknown };
      });
      out.push({ slots });
    }
  }
  return out;
}

/**
 * Whether a statement's condition says `aws:SecureTransport` is false (`Bool` or `BoolIfExists`):
 * true, false, or undefined when the value is only known at deployment. Values are resolved (a
 * parameter with a default or allowed values counts; one allowed value that is not false is false).
 */
export function conditionsOnInsecureTransport(s: Statement): boolean | undefined {
  const values = [...(s.condition('Bool', 'aws:SecureTransport') ?? []), ...(s.condition('BoolIfExists', 'aws:SecureTransport') ?? [])];
  // Several values are ORed: one that is "false" in every alternative makes the deny apply.
  let verdict: boolean | undefined = false;
  for (const alts of values) {
    const literals = alts.map((a) => (a.known && !isOpaque(a.value) ? String(a.value).toLowerCase() : undefined));
    if (literals.every((x) => x === 'false')) return true;
    if (literals.some((x) => x !== undefined && x !== 'false')) continue;
    verdict = undefined;
  }
  return verdict;
}

/**
 * A Deny, for everyone, of the actions `covers` asks for, when the request is not over TLS: true,
 * false, or undefined when the condition value is only known at deployment.
 */
export function isInsecureTransportDeny(s: Statement, _resource: Resource, covers: (s: Statement) => boolean): boolean | undefined {
  if (s.effect !== 'Deny' || !s.principalIsEveryone || !covers(s)) return false;
  return conditionsOnInsecureTransport(s);
}

/** A slot denies insecure transport when every branch of it is such a deny. */
function slotDenies(slot: StatementSlot, resource: Resource, covers: (s: Statement) => boolean): boolean | undefined {
  if (slot.unknown) return undefined;
  if (slot.absentInSomeBranch || slot.statements.length === 0) return false;
  const verdicts = slot.statements.map((s) => isInsecureTransportDeny(s, resource, covers));
  if (verdicts.every((v) => v === true)) return true;
  if (verdicts.some((v) => v === false)) return false;
  return undefined;
}

/**
 * Whether one policy resource denies plain-HTTP requests in every alternative of its document.
 * `what` names the policy in details (e.g. `bucket policy BPolicy`, or a detail of the rule's).
 */
export function policyDeniesInsecureTransport(policy: Resource, path: string, covers: (s: Statement) => boolean, what: string | Detail): Outcome {
  const outcomes = readStatementSlots(policy, path).map((doc): Outcome => {
    if (doc.unknown) return unverifiable('at', { what, why: doc.unknown });
    if (doc.absent || !doc.slots) return nonCompliant('policy-no-document', { what, path });
    const verdicts = doc.slots.map((slot) => slotDenies(slot, policy, covers));
    if (verdicts.includes(true)) return COMPLIANT;
    const partly = doc.slots.some((slot, i) => verdicts[i] === false && slot.statements.some((s) => isInsecureTransportDeny(s, policy, covers) !== false));
    if (partly) return nonCompliant('tls-deny-some-branches', { what });
    const i = verdicts.indexOf(undefined);
    if (i >= 0) {
      const slot = doc.slots[i];
      return unverifiable('at', { what, why: slot.unknown ?? reason('tls-condition-unknown') });
    }
    return nonCompliant('tls-no-deny', { what });
  });
  return outcomes.length ? worst(...outcomes) : nonCompliant('policy-no-document', { what, path });
}

/**
 * The TLS-only verdict for a resource from the policies that apply to it: compliant when one of them
 * denies insecure transport; `none` is the detail when there is no policy at all. `kind` names the
 * kind of policy (`bucket policy`, or a detail of the rule's), followed by the policy's logical ID.
 */
export function tlsOnlyOutcome(policies: readonly Resource[], path: string, covers: (s: Statement) => boolean, kind: string | Detail, none: string | Detail): Outcome {
  if (policies.length === 0) return nonCompliant(none);
  return best(policies.map((p) => policyDeniesInsecureTransport(p, path, covers, { key: 'policy-named', params: { kind, id: p.logicalId } })))!;
}

/**
 * Condition keys that limit who an `Allow` to `*` reaches (an account, an organization, a source
 * ARN, a VPC endpoint, a network...). `aws:SecureTransport` or a date limit how, not who.
 */
const RESTRICTING_KEYS = new Set([
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn',
  'aws:principalservicename', 'aws:userid', 'aws:username',
  'aws:sourcevpce', 'aws:sourcevpc', 'aws:sourceip', 'aws:vpcsourceip',
  'kms:calleraccount', 's3:dataaccesspointaccount', 's3:dataaccesspointarn',
]);

const MATCH_ALL = new Set(['*', '0.0.0.0/0', '::/0']);

/**
 * Whether a statement's condition limits who it reaches: a restricting key under a positive operator
 * (`StringEquals`, `ArnLike`, `IpAddress`...; not `...IfExists`, which lets requests without the key
 * through, not a negated operator, not `Null`) with a value that is not a match-all.
 */
export function conditionRestrictsPrincipal(s: Statement): boolean {
  const blocks = s.conditionBlocks();
  // Every alternative of the Condition block must limit who (an Fn::If may drop it in one branch).
  return blocks.length > 0 && blocks.every((b) => b.kind === 'block' && blockRestrictsPrincipal(b.block));
}

function blockRestrictsPrincipal(c: Record<string, unknown>): boolean {
  for (const [op, body] of Object.entries(c)) {
    const o = op.toLowerCase();
    if (o.endsWith('ifexists') || o.includes('not') || o === 'null' || !body || typeof body !== 'object') continue;
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (!RESTRICTING_KEYS.has(key.toLowerCase())) continue;
      const values = Array.isArray(value) ? value : [value];
      if (values.length > 0 && values.every((v) => !(typeof v === 'string' && MATCH_ALL.has(v.trim())))) return true;
    }
  }
  return false;
}

/** A detail about one statement, which it names by its Sid (`<key>-sid`) or by its position (`<key>-index`). */
function statementDetail(key: string, what: string | Detail, s: Statement, index: number): Detail {
  const sid = s.raw.Sid;
  return typeof sid === 'string' && sid !== '' ? { key: `${key}-sid`, params: { what, sid } } : { key: `${key}-index`, params: { what, index: index + 1 } };
}

/**
 * Whether a policy document allows everyone (`*`, `{"AWS": "*"}` or `NotPrincipal`) without a
 * condition that limits who. Every branch of a statement-level `Fn::If` counts (an allow in one
 * branch is an allow).
 */
export function publicAllowOutcome(resource: Resource, path: string, what: string | Detail): Outcome {
  const outcomes = readStatementSlots(resource, path).map((doc): Outcome => {
    if (doc.unknown) return unverifiable('at', { what, why: doc.unknown });
    if (doc.absent || !doc.slots) return COMPLIANT;
    const found: Outcome[] = [];
    doc.slots.forEach((slot, i) => {
      if (slot.unknown) found.push(unverifiable('at', { what, why: slot.unknown }));
      for (const s of slot.statements) {
        if (!s.principalIsEveryone || conditionRestrictsPrincipal(s)) continue;
        // Every value the Effect can take counts: a parameter that may be Allow is an allow.
        const effects = resource.resolve(s.raw.Effect);
        const effect = effects.some((e) => e.known && e.value === 'Allow') ? 'Allow'
          : effects.every((e) => e.known && typeof e.value === 'string') ? 'other' : undefined;
        if (effect === 'Allow') {
          found.push(nonCompliant(statementDetail('public-allow', what, s, i)));
        } else if (effect === undefined) {
          found.push(unverifiable(statementDetail('public-effect-unknown', what, s, i)));
        }
      }
    });
    return found.length ? worst(...found) : COMPLIANT;
  });
  return outcomes.length ? worst(...outcomes) : COMPLIANT;
}
