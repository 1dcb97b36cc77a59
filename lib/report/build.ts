/**
 * The compliance report: the status of every guideline item in the app, from the evaluation of the
 * rules, the team's decisions, the attestation file and the constructs found.
 *
 * Status precedence (the first that holds decides; `docs/report.md` explains it to users):
 *  1. turned-off           the team turned the item off (selectable items only), with its reason;
 *  2. fail                 a rule of the item has an open (unacknowledged) finding; findings in the
 *                          findings baseline are open too (known debt, shown with the date they
 *                          were first recorded): a baseline changes what fails a build, not the facts;
 *  3. acknowledged         the item's rules have findings, all acknowledged with a reason;
 *  4. pass                 a rule of the item ran on at least one resource and found nothing open;
 *  5. attested / attestation-expired / attestation-missing
 *                          nothing in the templates decided the item, and it is an `attest` item
 *                          (or it is another item and the team attested it anyway): valid
 *                          attestation → attested; the latest `until` is past → expired; none, or
 *                          dated after the report date → missing;
 *  6. pass                 no rule applied, and a secure construct or baseline part covering the
 *                          item was found (marker or construct name);
 *  7. not-applicable       nothing in the templates concerns the item, and no attestation is needed.
 * Rule evidence always wins over attestations and constructs; only a team decision wins over rules
 * (the item is then out of scope; its findings still count under the other items of the same rules).
 */
import { packageVersion } from '../../packs/engine/version';
import { CHAPTERS, ITEMS } from '../catalog';
import { RiskType } from '../catalog/types';
import { Baseline, baselineMatcher, BaselineEntry, isOpen } from '../../packs/engine/findings-baseline';
import { Evaluation, Finding, findingMessage } from '../../packs/engine/runner';
import type { RuleDefinition } from '../../packs/engine/rule';
import { Attestation, AttestationFile } from './attestations';
import { FoundConstruct } from './constructs';
import {
  ComplianceReport, emptyCounts, GroupSummary, ItemStatus, NEEDS_ACTION, ReportAttestation, ReportConstruct, ReportItem,
  ReportReason, ReportResource, ReportRule, StatusBasis,
} from './model';

export interface BuildReportInput {
  /** The result of `runRules` (the pack's `lastEvaluation`, or the `report` command's run). */
  readonly evaluation: Evaluation;
  /** The team's attestations (`readAttestationFile`). Without them every attest item is missing. */
  readonly attestations?: AttestationFile;
  /**
   * The report date: attestations are judged on its local calendar date.
   * @default new Date()
   */
  readonly now?: Date;
  /** Secure constructs and baseline parts found in the app (`findConstructs(inputs)`, or the construct tree). */
  readonly constructsFound?: readonly FoundConstruct[];
  /** The rules that ran (to list each item's rules, and tell "pass" from "not applicable"), e.g. `ALL_RULES`. */
  readonly rules: readonly RuleDefinition[];
  /**
   * Where the team's decisions were given, shown next to their reasons.
   * @default 'team decision (item levels)'
   */
  readonly decisionSource?: string;
  /** The inputs the report was made from (paths), shown in the header. */
  readonly sources?: readonly string[];
  /** Tool version shown in the report. @default the package version */
  readonly version?: string;
  /**
   * The findings baseline (`readBaseline`): open findings it records are shown as known, with the date
   * they were first recorded. They stay open (the item still fails).
   * @default - no baseline
   */
  readonly baseline?: Baseline;
}

/** Build the compliance report: exactly one row per catalog item, in catalog order. */
export function buildComplianceReport(input: BuildReportInput): ComplianceReport {
  const { evaluation } = input;
  const now = input.now ?? new Date();
  const today = localDate(now);
  const rules = input.rules;
  const decisionSource = input.decisionSource ?? 'team decision (item levels)';

  const findingsByItem = groupBy(evaluation.findings, (f) => f.items);
  const rulesByItem = groupBy(rules, (r) => r.items);
  const attestationsByItem = groupBy(input.attestations?.attestations ?? [], (a) => [a.item]);
  const constructsByItem = groupBy(input.constructsFound ?? [], (c) => c.items);
  const match = input.baseline ? baselineMatcher(input.baseline) : undefined;
  const knownOf = (f: Finding): BaselineEntry | undefined => (match && isOpen(f) ? match(f) : undefined);

  const items: ReportItem[] = ITEMS.map((item) => {
    const eff = evaluation.levels.get(item.id) ?? { level: item.level === 'mandatory' ? 'error' : 'warning', decidedBy: 'guideline' as const };
    const findings = findingsByItem.get(item.id) ?? [];
    const open = findings.filter((f) => !f.acknowledged);
    const acked = findings.filter((f) => f.acknowledged);
    const itemRules = reportRules(item.id, rulesByItem.get(item.id) ?? [], findings, evaluation);
    const ruleApplied = itemRules.some((r) => r.applicable > 0);
    const attestation = pickAttestation(attestationsByItem.get(item.id) ?? [], today, input.attestations?.file);
    const constructs = reportConstructs(constructsByItem.get(item.id) ?? []);
    const needsAttestation = item.coverage.includes('attest');

    const reasons: ReportReason[] = [];
    if (eff.decidedBy === 'team' && eff.reason) reasons.push({ kind: 'team-decision', reason: eff.reason, where: decisionSource });
    for (const f of acked) {
      reasons.push({ kind: 'acknowledgment', reason: f.acknowledged!.reason, where: f.acknowledged!.where, ruleId: f.ruleId, resource: f.resource });
    }

    let status: ItemStatus;
    let basis: StatusBasis;
    if (eff.level === 'off') [status, basis] = ['turned-off', 'team-decision'];
    else if (open.length > 0) [status, basis] = ['fail', 'open-findings'];
    else if (acked.length > 0) [status, basis] = ['acknowledged', 'all-acknowledged'];
    else if (ruleApplied) [status, basis] = ['pass', 'rules-applied'];
    else if (needsAttestation || (attestation && !(constructs.length > 0))) {
      if (!attestation) [status, basis] = ['attestation-missing', 'attestation-none'];
      else if (attestation.state === 'valid') [status, basis] = ['attested', 'attestation-valid'];
      else if (attestation.state === 'expired') [status, basis] = ['attestation-expired', 'attestation-expired'];
      else [status, basis] = ['attestation-missing', 'attestation-not-yet-valid'];
    } else if (constructs.length > 0) [status, basis] = ['pass', 'construct-found'];
    else [status, basis] = ['not-applicable', 'nothing-applies'];

    return {
      id: item.id,
      chapter: item.chapter,
      kind: item.kind,
      text: { ja: item.ja, en: item.en },
      level: item.level,
      effectiveLevel: eff.level,
      decidedBy: eff.decidedBy,
      cia: item.cia,
      coverage: item.coverage,
      status,
      basis,
      rules: itemRules,
      resources: findings.map((f) => toResource(f, knownOf(f))),
      reasons,
      ...(attestation ? { attestation } : {}),
      constructs,
    };
  });

  const group = (list: readonly ReportItem[]): GroupSummary => {
    const byStatus = emptyCounts();
    for (const i of list) byStatus[i.status]++;
    return { total: list.length, byStatus };
  };
  const all = group(items);
  const ranRules = [...evaluation.ruleStats.keys()].length;
  return {
    items,
    summary: {
      asOf: today,
      generatedAt: now.toISOString(),
      total: items.length,
      byStatus: all.byStatus,
      needsAction: items.filter((i) => NEEDS_ACTION.includes(i.status)).length,
      byChapter: CHAPTERS.map((c) => ({ chapter: c.id, title: c.title, ...group(items.filter((i) => i.chapter === c.id)) })),
      byRisk: (['C', 'I', 'A'] as RiskType[]).map((risk) => ({ risk, ...group(items.filter((i) => i.cia.includes(risk))) })),
      byLevel: { mandatory: group(items.filter((i) => i.level === 'mandatory')), selectable: group(items.filter((i) => i.level === 'selectable')) },
      resources: evaluation.resources,
      rules: ranRules,
      openFindings: evaluation.findings.filter((f) => !f.acknowledged).length,
      acknowledgedFindings: evaluation.findings.filter((f) => f.acknowledged).length,
      ...(input.baseline ? { knownFindings: evaluation.findings.filter((f) => knownOf(f)).length } : {}),
      ...(input.baseline?.file ? { baselineFile: input.baseline.file } : {}),
      ...(input.sources ? { sources: [...input.sources] } : {}),
      ...(input.attestations?.file ? { attestationFile: input.attestations.file } : {}),
      attestations: input.attestations?.attestations.length ?? 0,
      tool: { name: 'fintech-guardrails', version: input.version ?? packageVersion() },
    },
  };
}

/** The calendar date of `d` in local time, as YYYY-MM-DD. */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function reportRules(itemId: string, rules: readonly RuleDefinition[], findings: readonly Finding[], evaluation: Evaluation): ReportRule[] {
  const out: ReportRule[] = rules.map((r) => {
    const stats = evaluation.ruleStats.get(r.id);
    const own = findings.filter((f) => f.ruleId === r.id);
    return {
      id: r.id,
      name: r.name,
      info: r.info,
      ran: stats !== undefined,
      applicable: stats?.applicable ?? 0,
      compliant: stats?.compliant ?? 0,
      open: own.filter((f) => !f.acknowledged).length,
      acknowledged: own.filter((f) => f.acknowledged).length,
    };
  });
  // Findings of rules not in the list (a custom rule set): still evidence for the item.
  for (const f of findings) {
    if (out.some((r) => r.id === f.ruleId) || !f.items.includes(itemId)) continue;
    const own = findings.filter((x) => x.ruleId === f.ruleId);
    const stats = evaluation.ruleStats.get(f.ruleId);
    out.push({
      id: f.ruleId, name: f.ruleName, ran: true,
      applicable: stats?.applicable ?? own.length, compliant: stats?.compliant ?? 0,
      open: own.filter((x) => !x.acknowledged).length, acknowledged: own.filter((x) => x.acknowledged).length,
    });
  }
  return out;
}

function toResource(f: Finding, known: BaselineEntry | undefined): ReportResource {
  return {
    file: f.file,
    ...(f.stack ? { stack: f.stack } : {}),
    logicalId: f.resource,
    resourceType: f.resourceType,
    ...(f.path ? { path: f.path } : {}),
    ruleId: f.ruleId,
    level: f.level,
    finding: f.status,
    message: { en: findingMessage(f, 'en'), ja: findingMessage(f, 'ja') },
    ...(f.acknowledged ? { acknowledged: { id: f.acknowledged.id, reason: f.acknowledged.reason, where: f.acknowledged.where } } : {}),
    ...(known ? { knownSince: known.firstRecorded } : {}),
  };
}

/**
 * The attestation that speaks for the item on `today`: the valid one with the latest `until`; else
 * the expired one with the latest `until`; else the earliest one dated in the future.
 */
function pickAttestation(list: readonly Attestation[], today: string, file: string | undefined): ReportAttestation | undefined {
  if (list.length === 0) return undefined;
  const state = (a: Attestation): ReportAttestation['state'] => (a.until < today ? 'expired' : a.date > today ? 'not-yet-valid' : 'valid');
  const byLatestUntil = (a: Attestation, b: Attestation) => (b.until.localeCompare(a.until) || b.date.localeCompare(a.date));
  const pick = list.filter((a) => state(a) === 'valid').sort(byLatestUntil)[0]
    ?? list.filter((a) => state(a) === 'expired').sort(byLatestUntil)[0]
    ?? [...list].sort((a, b) => a.date.localeCompare(b.date))[0];
  return {
    confirmedBy: pick.confirmedBy,
    date: pick.date,
    evidence: pick.evidence,
    until: pick.until,
    ...(pick.note ? { note: pick.note } : {}),
    state: state(pick),
    ...(file ? { file } : {}),
    ...(pick.line ? { line: pick.line } : {}),
  };
}

function reportConstructs(found: readonly FoundConstruct[]): ReportConstruct[] {
  const out = new Map<string, { construct: string; kind: 'construct' | 'baseline'; source: ReportConstruct['source']; locations: ReportConstruct['locations'][number][] }>();
  for (const c of found) {
    const kind = c.kind ?? 'construct';
    const source = c.source ?? 'tree';
    const key = `${c.construct}\u0000${kind}`;
    let e = out.get(key);
    if (!e) out.set(key, e = { construct: c.construct, kind, source, locations: [] });
    if (source === 'marker') e.source = 'marker';
    const loc = {
      ...(c.file ? { file: c.file } : {}), ...(c.stack ? { stack: c.stack } : {}),
      ...(c.logicalId ? { logicalId: c.logicalId } : {}), ...(c.path ? { path: c.path } : {}),
    };
    if (!e.locations.some((l) => JSON.stringify(l) === JSON.stringify(loc))) e.locations.push(loc);
  }
  return [...out.values()];
}

function groupBy<T>(list: readonly T[], keys: (t: T) => readonly string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    for (const k of new Set(keys(t))) {
      const l = out.get(k) ?? [];
      l.push(t);
      out.set(k, l);
    }
  }
  return out;
}
