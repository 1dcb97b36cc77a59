/**
 * The construct marker: how a secure construct or a part of the account baseline says, in the
 * template it synthesizes, which guideline items it covers. The compliance report reads it from
 * `Metadata["fintech-guardrails:construct"]` on any resource:
 *
 *   "Metadata": { "fintech-guardrails:construct": { "construct": "WriteOnceLogArchive", "items": ["LA-1", "EX-1", "DM-1"] } }
 *
 * A construct marks its main resource (usually its `Resource` child):
 *
 *   (this.bucket.node.defaultChild as CfnResource).addMetadata(CONSTRUCT_MARKER_KEY,
 *     constructMarker('WriteOnceLogArchive', ['LA-1', 'EX-1', 'DM-1']));
 *
 * Several markers on one resource are written as a list. This file has no dependencies, so that any
 * construct can import it cheaply.
 */

/** The template metadata key of the marker. */
export const CONSTRUCT_MARKER_KEY = 'fintech-guardrails:construct';

/** Whether the marker comes from a reusable secure construct or from the account baseline stack. */
export type MarkerKind = 'construct' | 'baseline';

/** The value stored under {@link CONSTRUCT_MARKER_KEY}. */
export interface ConstructMarker {
  /** The construct's class name, e.g. `WriteOnceLogArchive`. */
  readonly construct: string;
  /** Guideline item IDs the construct covers, e.g. `['LA-1', 'EX-1', 'DM-1']`. */
  readonly items: readonly string[];
  /**
   * `construct` (a secure pattern of `lib/constructs`) or `baseline` (part of the account baseline).
   * @default 'construct'
   */
  readonly kind?: MarkerKind;
}

/** The marker value for a construct (a plain JSON object to pass to `CfnResource.addMetadata`). */
export function constructMarker(construct: string, items: readonly string[], kind: MarkerKind = 'construct'): ConstructMarker {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(construct)) throw new Error(`constructMarker: the construct name must be a class name, got ${JSON.stringify(construct)}`);
  if (items.length === 0) throw new Error(`constructMarker(${construct}): name at least one guideline item ID`);
  return kind === 'construct' ? { construct, items: [...items] } : { construct, items: [...items], kind };
}

/**
 * The markers in a metadata value (one object or a list of them). Malformed entries are ignored: a
 * marker is evidence for the report, never a reason to fail.
 */
export function readConstructMarkers(value: unknown): ConstructMarker[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: ConstructMarker[] = [];
  for (const v of list) {
    if (!v || typeof v !== 'object') continue;
    const { construct, items, kind } = v as Record<string, unknown>;
    if (typeof construct !== 'string' || construct.trim() === '') continue;
    if (!Array.isArray(items)) continue;
    const ids = items.filter((i): i is string => typeof i === 'string' && i.trim() !== '').map((i) => i.trim());
    if (ids.length === 0) continue;
    out.push({ construct: construct.trim(), items: ids, kind: kind === 'baseline' ? 'baseline' : 'construct' });
  }
  return out;
}

/**
 * Constructs recognised by name in the `aws:cdk:path` of a resource that carries no marker (for
 * templates synthesized before the constructs wrote markers). A path segment must equal the name.
 * The marker is the reliable way; this list is only a fallback.
 */
export const KNOWN_CONSTRUCTS: Readonly<Record<string, { readonly items: readonly string[]; readonly kind: MarkerKind }>> = {
  EnvelopeEncryptionKey: { items: ['NT-1', 'DM-1', 'DM-2'], kind: 'construct' },
  WriteOnceLogArchive: { items: ['LA-1', 'EX-1', 'DM-1'], kind: 'construct' },
};
