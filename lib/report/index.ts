/** The compliance report: every guideline item with its status in the app and the evidence behind it. */
export { buildComplianceReport, localDate } from './build';
export type { BuildReportInput } from './build';
export { renderReport, REPORT_FORMATS } from './render';
export type { ReportFormat } from './render';
export { REPORT_LANGUAGES, STATUS_LABEL, STATUS_MEANING, STATUS_COLOR } from './i18n';
export type { ReportLanguage } from './i18n';
export { escapeHtml } from './render-html';
export {
  AttestationError, ATTESTATION_FIELDS, DEFAULT_ATTESTATION_FILE, isCalendarDate, parseAttestationFile, readAttestationFile, validateAttestations,
} from './attestations';
export type { Attestation, AttestationFile } from './attestations';
export { findConstructs } from './constructs';
export type { FoundConstruct } from './constructs';
export { CONSTRUCT_MARKER_KEY, constructMarker, KNOWN_CONSTRUCTS, readConstructMarkers } from './markers';
export type { ConstructMarker, MarkerKind } from './markers';
export { NEEDS_ACTION, STATUS_ORDER } from './model';
export type {
  ComplianceReport, ConstructLocation, GroupSummary, ItemStatus, ReportAttestation, ReportConstruct, ReportItem, ReportReason,
  ReportResource, ReportRule, ReportSummary, StatusBasis, StatusCounts,
} from './model';
