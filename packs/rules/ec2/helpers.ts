/**
 * Small helpers shared by the network and compute rules (EC2, Auto Scaling, ELB, Route 53, WAF,
 * ECS): walking list properties over all their alternatives, reading security group rules, finding
 * the launch template an instance uses and the role of an instance profile. Everything here follows
 * the engine's rules: nothing throws, and what cannot be known becomes `unverifiable`.
 */
import { COMPLIANT, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { Alt, asNumber, isOpaque } from '../../engine/values';

import { judgeList } from '../../engine/lists';
import { describeValue, reason } from '../../engine/messages';
import type { Reason, Via } from '../../engine/messages';
import { Lookup, lookupValue } from '../../engine/lookup';

export { best } from '../../engine/rule';
export { judgeList };
export type { ListOptions } from '../../engine/lists';

/** Find the value of the entry with `Key` = `key` in a key/value list such as `LoadBalancerAttributes`. */
export function keyValueEntry(
  resource: Resource,
  listPath: string,
  key: string,
  judgeValue: (alts: Alt[]) => Outcome,
  whenMissing: Outcome,
): Outcome {
  return worst(...resource.prop(listPath).map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: listPath, why: alt.why });
    if (alt.value === undefined || alt.value === null) return whenMissing;
    if (isOpaque(alt.value) || !Array.isArray(alt.value)) return unverifiable('only-at-deployment', { what: listPath, value: describeValue(alt.value) });
    const found: Outcome[] = [];
    let unknownKey: Reason | undefined;
    for (const raw of alt.value) {
      for (const e of resource.resolve(raw)) {
        if (!e.known) { unknownKey = e.why; continue; }
        if (e.value === undefined || e.value === null || isOpaque(e.value) || typeof e.value !== 'object') {
          if (isOpaque(e.value)) unknownKey = reason('entry-is', { value: describeValue(e.value) });
          continue;
        }
        const keyAlts = resource.resolve(e.value, 'Key');
        const matches = keyAlts.some((k) => k.known && k.value === key);
        if (!matches) {
          if (keyAlts.some((k) => !k.known || isOpaque(k.value))) unknownKey = reason('entry-key-unknown');
          continue;
        }
        found.push(judgeValue(resource.resolve(e.value, 'Value')));
      }
    }
    if (found.length > 0) return worst(...found);
    if (unknownKey) return unverifiable('key-not-found', { what: listPath, key, why: unknownKey });
    return whenMissing;
  }));
}

// ---------------------------------------------------------------------------------------------
// Security group rules

/** Reads one property of a security group rule (an inline entry or a standalone ingress resource). */
export type RuleReader = (path: string) => Alt[];

/** The port ranges a rule opens, per alternative: `all` for every protocol/port, or TCP/UDP/ICMP ranges. */
export type PortRange =
  | { readonly kind: 'all' }
  | { readonly kind: 'range'; readonly protocol: string; readonly from: number; readonly to: number }
  | { readonly kind: 'unknown'; readonly why: Reason };

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** The branches of `Fn::If` conditions an alternative was reached through (from its `via`). */
function branches(alt: Alt): Map<string, boolean> {
  const out = new Map<string, boolean>();
  if (alt.known && alt.via) for (const step of alt.via) if (step.kind === 'if') out.set(step.condition, step.branch);
  return out;
}

/**
 * Whether alternatives of different properties can occur together: not when they come from opposite
 * branches of the same `Fn::If` condition (`FromPort: If[C, 80, 8000]`, `ToPort: If[C, 80, 8100]` gives
 * 80-80 and 8000-8100, never 80-8100).
 */
export function consistent(...alts: Alt[]): boolean {
  const seen = new Map<string, boolean>();
  for (const a of alts) {
    for (const [cond, branch] of branches(a)) {
      if (seen.has(cond) && seen.get(cond) !== branch) return false;
      seen.set(cond, branch);
    }
  }
  return true;
}

/**
 * Every combination of the alternatives of IpProtocol, FromPort and ToPort of a rule, leaving out
 * those that cannot occur together with the `context` alternatives (e.g. the CIDR being judged).
 */
export function portRanges(read: RuleReader, ...context: Alt[]): PortRange[] {
  const out: PortRange[] = [];
  for (const p of read('IpProtocol')) {
    if (!consistent(...context, p)) continue;
    if (!p.known) { out.push({ kind: 'unknown', why: reason('at', { what: 'IpProtocol', why: p.why }) }); continue; }
    if (p.value === undefined || isOpaque(p.value) || (typeof p.value !== 'string' && typeof p.value !== 'number')) {
      out.push({ kind: 'unknown', why: reason('value-is', { what: 'IpProtocol', value: describeValue(p.value) }) });
      continue;
    }
    const raw = String(p.value).trim().toLowerCase();
    const protocol = PROTOCOL_NAMES[raw] ?? raw;
    if (protocol === '-1' || protocol === 'all') { out.push({ kind: 'all' }); continue; }
    for (const f of read('FromPort')) {
      for (const t of read('ToPort')) {
        if (!consistent(...context, p, f, t)) continue;
        if (!f.known || !t.known) { out.push({ kind: 'unknown', why: !f.known ? reason('at', { what: 'FromPort', why: f.why }) : reason('at', { what: 'ToPort', why: (t as { why: Reason }).why }) }); continue; }
        // Ports left out of a TCP/UDP rule are read as every port (the widest reading).
        const from = f.value === undefined ? 0 : asNumber(f.value);
        const to = t.value === undefined ? 65535 : asNumber(t.value);
        if (protocol !== 'tcp' && protocol !== 'udp') {
          // ICMP and other protocols: ports are types/codes; -1 means all.
          out.push({ kind: 'range', protocol, from: from ?? -1, to: to ?? -1 });
          continue;
        }
        if (from === undefined || to === undefined) {
          out.push({ kind: 'unknown', why: reason('port-range-unknown', { from: describeValue(f.value), to: describeValue(t.value) }) });
          continue;
        }
        // -1 as a TCP/UDP port means every port.
        out.push(from === -1 || to === -1 ? { kind: 'range', protocol, from: 0, to: 65535 } : { kind: 'range', protocol, from, to });
      }
    }
  }
  return out;
}

/** A port range for a detail: "TCP 22", "TCP 0-65535", all protocols, or why it is unknown. */
export function describeRange(r: PortRange): Reason {
  if (r.kind === 'all') return reason('range-all');
  if (r.kind === 'unknown') return r.why;
  return r.from === r.to ? `${r.protocol.toUpperCase()} ${r.from}` : `${r.protocol.toUpperCase()} ${r.from}-${r.to}`;
}

/**
 * The inline rules of `SecurityGroupIngress` of a security group, or the single rule of a
 * standalone `AWS::EC2::SecurityGroupIngress`, judged one by one (worst wins).
 */
export function judgeIngressRules(resource: Resource, check: (read: RuleReader, label: string, via?: Via) => Outcome): Outcome {
  if (resource.type === 'AWS::EC2::SecurityGroupIngress') {
    return check((path) => resource.prop(path), 'ingress');
  }
  return judgeList(resource, resource.prop('SecurityGroupIngress'), 'SecurityGroupIngress', { absent: COMPLIANT, mode: 'every' },
    (element, i, via) => check((path) => resource.resolve(element, path), `SecurityGroupIngress[${i}]`, via));
}

// ---------------------------------------------------------------------------------------------
// Resources found through other resources

/**
 * The launch templates that the `LaunchTemplate` specification of an instance (or an Auto Scaling
 * group) points at, one lookup per alternative. CDK's `ec2.Instance` with `requireImdsv2: true`
 * writes the template's literal `LaunchTemplateName` (and a `GetAtt` of its version), so names are
 * matched against the launch templates of the template.
 */
export function launchTemplatesOf(resource: Resource, path = 'LaunchTemplate'): Lookup[] {
  const out: Lookup[] = [];
  for (const spec of resource.prop(path)) {
    if (!spec.known) { out.push({ unknown: reason('at', { what: path, why: spec.why }) }); continue; }
    if (spec.value === undefined || spec.value === null) { out.push({ absent: true }); continue; }
    if (isOpaque(spec.value) || typeof spec.value !== 'object') { out.push({ unknown: reason('only-at-deployment', { what: path, value: describeValue(spec.value) }) }); continue; }
    const ids = resource.resolve(spec.value, 'LaunchTemplateId').filter((a) => !(a.known && a.value === undefined));
    const names = resource.resolve(spec.value, 'LaunchTemplateName').filter((a) => !(a.known && a.value === undefined));
    if (ids.length === 0 && names.length === 0) { out.push({ unknown: reason('launch-template-unnamed', { path }) }); continue; }
    for (const a of ids) out.push(lookupValue(resource, a, `${path}.LaunchTemplateId`, 'AWS::EC2::LaunchTemplate'));
    for (const a of names) out.push(lookupValue(resource, a, `${path}.LaunchTemplateName`, 'AWS::EC2::LaunchTemplate', { nameProp: 'LaunchTemplateName' }));
  }
  return out;
}
