/**
 * Secure constructs and baseline parts found in an app's templates: from the construct marker
 * (`Metadata["fintech-guardrails:construct"]`, see `markers.ts`), or, for a resource without a
 * marker, from a known construct name in its `aws:cdk:path`.
 */
import type { TemplateModel } from '../../packs/engine/template';
import { CONSTRUCT_MARKER_KEY, KNOWN_CONSTRUCTS, MarkerKind, readConstructMarkers } from './markers';

/** A construct found in the app, and the items it covers. */
export interface FoundConstruct {
  /** The construct's class name, e.g. `WriteOnceLogArchive`. */
  readonly construct: string;
  readonly items: readonly string[];
  /** @default 'construct' */
  readonly kind?: MarkerKind;
  /** Template file, stack, logical ID and construct path of the marked resource, when known. */
  readonly file?: string;
  readonly stack?: string;
  readonly logicalId?: string;
  readonly path?: string;
  /** `marker` (template metadata), `path` (a known name in aws:cdk:path), or `tree` (found by the caller in the construct tree). @default 'tree' */
  readonly source?: 'marker' | 'path' | 'tree';
}

/** The constructs found in these templates (the same inputs as `runRules`). */
export function findConstructs(inputs: readonly { readonly model: TemplateModel; readonly stack?: string }[]): FoundConstruct[] {
  const out: FoundConstruct[] = [];
  for (const { model, stack } of inputs) {
    const seenPrefixes = new Set<string>();
    for (const r of model.resources) {
      const markers = readConstructMarkers(r.json.Metadata?.[CONSTRUCT_MARKER_KEY]);
      const path = r.cdkPath;
      if (markers.length > 0) {
        for (const m of markers) {
          out.push({ construct: m.construct, items: m.items, kind: m.kind ?? 'construct', file: model.file, stack, logicalId: r.logicalId, path, source: 'marker' });
        }
        continue;
      }
      if (!path) continue;
      const segments = path.split('/');
      for (let i = 0; i < segments.length; i++) {
        const known = KNOWN_CONSTRUCTS[segments[i]];
        if (!known || !Object.prototype.hasOwnProperty.call(KNOWN_CONSTRUCTS, segments[i])) continue;
        const prefix = segments.slice(0, i + 1).join('/');
        if (seenPrefixes.has(prefix)) break;
        seenPrefixes.add(prefix);
        out.push({ construct: segments[i], items: known.items, kind: known.kind, file: model.file, stack, logicalId: r.logicalId, path: prefix, source: 'path' });
        break;
      }
    }
  }
  // A construct that carries a marker is not also reported by name.
  const marked = new Set(out.filter((c) => c.source === 'marker' && c.path).map((c) => `${c.file}\u0000${c.construct}\u0000${c.path}`));
  return out.filter((c) => c.source !== 'path' || ![...marked].some((m) => m.startsWith(`${c.file}\u0000${c.construct}\u0000${c.path}/`)));
}
