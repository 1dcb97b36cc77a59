/**
 * The compliance report model: one row per guideline item of the catalog, with its status in the app
 * and the evidence behind it. Language-neutral: the renderers (`render*.ts`) choose the words.
 */
import { ChapterId, Coverage, ItemKind, Level, LocalizedText, RiskType } from '../catalog/types';
import { MarkerKind } from './markers';

/** The status of one guideline item in the app. See {@link STATUS_ORDER} and `docs/report.md` for the precedence. */
export type ItemStatus =
  | 'fail'
  | 'attestation-expired'
  | 'attestation-missing'
  | 'acknowledged'
  | 'turned-off'
  | 'attested'
  | 'pass'
  | 'not-applicable';

/** Every status, in display order: what needs action first. */
export const STATUS_ORDER: readonly ItemStatus[] = [
  'fail',
  'attestation-expired',
  'attestation-missing',
  'acknowledged',
  'turned-off',
  'attested',
  'pass',
  'not-applicable',
];

/** Statuses that need action from the team before the report is shown to a bank. */
export const NEEDS_ACTION: readonly ItemStatus[] = ['fail', 'attestation-expired', 'attestation-missing'];

/** What decided the status (the renderers explain it in words). */
export type StatusBasis =
  /** The team turned the item off with a reason. */
  | 'team-decision'
  /** A rule of the item has an open (unacknowledged) finding. */
  | 'open-findings'
  /** Every finding of the item's rules is acknowledged with a reason. */
  | 'all-acknowledged'
  /** Rules of the item ran on at least one resource and found nothing open. */
  | 'rules-applied'
  /** A valid attestation (date ≤ report date ≤ until). */
  | 'attestation-valid'
  /** The latest attestation's `until` is before the report date. */
  | 'attestation-expired'
  /** The only attestations are dated after the report date. */
  | 'attestation-not-yet-valid'
  /** The item needs an attestation and the file has none for it. */
  | 'attestation-none'
  /** No rule applied, and a secure construct or baseline part that covers the item was found. */
  | 'construct-found'
  /** No resource that the item's rules look at, and nothing else to show. */
  | 'nothing-applies';

/** One rule that gives evidence for the item. */
export interface ReportRule {
  readonly id: string;
  readonly name: string;
  /** What must be true, in both languages (when the rule is known). */
  readonly info?: LocalizedText;
  /** False when the rule did not run (all of its items turned off). */
  readonly ran: boolean;
  /** Resources the rule looked at (not "not applicable"). */
  readonly applicable: number;
  readonly compliant: number;
  /** Open findings of the rule (unacknowledged). */
  readonly open: number;
  readonly acknowledged: number;
}

/** A resource with a finding of one of the item's rules. */
export interface ReportResource {
  readonly file: string;
  readonly stack?: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly path?: string;
  readonly ruleId: string;
  /** The finding's level (error or warning). */
  readonly level: 'error' | 'warning';
  /** `non-compliant`, or `unverifiable` when a value is unknown before deployment. */
  readonly finding: 'non-compliant' | 'unverifiable';
  /** The finding's message in both languages (the detail and scenario included). */
  readonly message: { readonly en: string; readonly ja: string };
  /** Set when the finding is acknowledged. */
  readonly acknowledged?: { readonly id: string; readonly reason: string; readonly where: string };
  /** Set when the open finding is in the findings baseline (known debt): the date it was first recorded, YYYY-MM-DD. */
  readonly knownSince?: string;
}

/** A written reason behind the status: an acknowledgment or a team decision. */
export interface ReportReason {
  readonly kind: 'acknowledgment' | 'team-decision';
  readonly reason: string;
  /** Where it was given: a construct path, `template metadata ...`, or the configuration of the decision. */
  readonly where: string;
  readonly ruleId?: string;
  /** The logical ID the acknowledgment applies to. */
  readonly resource?: string;
}

/** The attestation that decided (or supports) the item. */
export interface ReportAttestation {
  readonly confirmedBy: string;
  readonly date: string;
  readonly evidence: string;
  readonly until: string;
  readonly note?: string;
  /** `valid` on the report date, `expired` (until < report date), or `not-yet-valid` (date > report date). */
  readonly state: 'valid' | 'expired' | 'not-yet-valid';
  /** The attestation file and the line of the entry, when read from a file. */
  readonly file?: string;
  readonly line?: number;
}

/** Where a construct was found. */
export interface ConstructLocation {
  readonly file?: string;
  readonly stack?: string;
  readonly logicalId?: string;
  readonly path?: string;
}

/** A secure construct or baseline part found in the app that covers the item. */
export interface ReportConstruct {
  readonly construct: string;
  readonly kind: MarkerKind;
  /** `marker` (template metadata, reliable) or `path` (recognised by name in aws:cdk:path). */
  readonly source: 'marker' | 'path' | 'tree';
  readonly locations: readonly ConstructLocation[];
}

/** One row of the report: one guideline item. */
export interface ReportItem {
  readonly id: string;
  readonly chapter: ChapterId;
  readonly kind: ItemKind;
  readonly text: LocalizedText;
  /** The guideline's level: mandatory (必須) or selectable (選択). */
  readonly level: Level;
  /** The effective level after the team's decisions. */
  readonly effectiveLevel: 'error' | 'warning' | 'off';
  readonly decidedBy: 'guideline' | 'team';
  readonly cia: readonly RiskType[];
  readonly coverage: readonly Coverage[];
  readonly status: ItemStatus;
  readonly basis: StatusBasis;
  readonly rules: readonly ReportRule[];
  readonly resources: readonly ReportResource[];
  readonly reasons: readonly ReportReason[];
  readonly attestation?: ReportAttestation;
  readonly constructs: readonly ReportConstruct[];
}

export type StatusCounts = Record<ItemStatus, number>;

export interface GroupSummary {
  readonly total: number;
  readonly byStatus: StatusCounts;
}

export interface ReportSummary {
  /** The report date (YYYY-MM-DD, local time): attestations are judged on it. */
  readonly asOf: string;
  /** When the report was made (ISO 8601). */
  readonly generatedAt: string;
  /** Number of items (54). */
  readonly total: number;
  readonly byStatus: StatusCounts;
  /** Items with fail, attestation-missing or attestation-expired. */
  readonly needsAction: number;
  readonly byChapter: readonly (GroupSummary & { readonly chapter: ChapterId; readonly title: LocalizedText })[];
  readonly byRisk: readonly (GroupSummary & { readonly risk: RiskType })[];
  readonly byLevel: { readonly mandatory: GroupSummary; readonly selectable: GroupSummary };
  /** Resources looked at, rules that ran, findings (open and acknowledged). */
  readonly resources: number;
  readonly rules: number;
  readonly openFindings: number;
  readonly acknowledgedFindings: number;
  /** With a findings baseline: open findings it records (known debt; counted in `openFindings` too). */
  readonly knownFindings?: number;
  /** The findings baseline file, when one was given. */
  readonly baselineFile?: string;
  /** The inputs (paths) the report was made from, when known. */
  readonly sources?: readonly string[];
  /** The attestation file, when one was read. */
  readonly attestationFile?: string;
  readonly attestations: number;
  readonly tool: { readonly name: string; readonly version: string };
}

/** The compliance report. */
export interface ComplianceReport {
  readonly items: readonly ReportItem[];
  readonly summary: ReportSummary;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as StatusCounts;
}
