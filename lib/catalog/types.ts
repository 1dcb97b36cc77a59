/**
 * Types of the guideline catalog: the FinTech Association of Japan's security guideline draft
 * (2016-11-08), one entry per item, with the stable IDs of `guideline-items.md`.
 */

/** The chapters of the guideline, by ID prefix. */
export type ChapterId = 'CA' | 'AA' | 'DM' | 'DV' | 'CM' | 'LA' | 'AS' | 'BP' | 'EX' | 'NT' | 'OP' | 'CF' | 'DP';

/** 行うべきこと (do), 行うべきでないこと (dont), or a principle to keep in mind. */
export type ItemKind = 'do' | 'dont' | 'principle';

/** Risk types of section 2.2: C = 機密性 (confidentiality), I = 完全性 (integrity), A = 可用性 (availability). */
export type RiskType = 'C' | 'I' | 'A';

/**
 * 必須 (mandatory for every service) or 選択 (selectable by what the service does).
 * A team may leave a selectable item out, but must record why (risk-based approach, section 2.1).
 */
export type Level = 'mandatory' | 'selectable';

/**
 * How an item is covered in an IaC library:
 * - `rule`: checkable in a CloudFormation template (the FinTechChecks pack and the guard rules);
 * - `construct`: a reusable secure pattern in `lib/constructs`;
 * - `baseline`: part of the account baseline stack;
 * - `attest`: cannot be seen in a template; a person signs it off with evidence.
 */
export type Coverage = 'rule' | 'construct' | 'baseline' | 'attest';

/** A text in both languages of the project. */
export interface LocalizedText {
  readonly ja: string;
  readonly en: string;
}

export interface Chapter {
  readonly id: ChapterId;
  /** Chapter title as the seed names it, and in English. */
  readonly title: LocalizedText;
  /** Where the chapter is in the seed document. */
  readonly source: string;
}

/** AWS-managed checks that look at the same thing as an item. */
export interface AwsControls {
  /** AWS Security Hub control IDs (Foundational Security Best Practices or CIS), e.g. `S3.4`. */
  readonly securityHub?: readonly string[];
  /** AWS Config managed rule identifiers, e.g. `root-account-mfa-enabled`. */
  readonly configRules?: readonly string[];
}

/** One item of the guideline. */
export interface GuidelineItem {
  /** Stable ID, e.g. `CA-1`. Never renumbered. */
  readonly id: string;
  readonly chapter: ChapterId;
  readonly kind: ItemKind;
  /** The item's text as the seed writes it (Japanese). */
  readonly ja: string;
  /** English text. */
  readonly en: string;
  /** Risk types the item mitigates. */
  readonly cia: readonly RiskType[];
  /** Default level; teams may raise or (for selectable items) turn off an item, with a recorded reason. */
  readonly level: Level;
  /** Ways the project covers the item; at least one. */
  readonly coverage: readonly Coverage[];
  /** AWS Security Hub controls and AWS Config managed rules that check the same thing, where they exist. */
  readonly aws?: AwsControls;
}
