/**
 * The match engine: known-secret matcher (manifests) and pattern rules, over the text and its
 * decoded views (computed once per text, to depth 2). Built from serialisable config so that
 * worker threads can build their own.
 */

import type { ByteCheck, ClearBytes } from "../content/file-range.js";
import type { DetectorRule } from "../detectors/types.js";
import type { Manifest } from "../manifest/index.js";
import type { RawMatch, TextMatcher } from "../types.js";
import { MIN_VIEW, viewLevels } from "./decode.js";
import { knownMatcher } from "./known.js";
import { findAround, fromViews } from "./known-around.js";
import { compilePatterns } from "./patterns.js";
import { pkcs12Matches, selectsPkcs12 } from "./pkcs12-match.js";

/** Everything a matcher needs (manifests opened with their keys); plain data so it can be posted to a worker. */
export interface MatchEngineConfig {
  manifests: Manifest[];
  /** Pattern rules to run; empty or absent runs none. */
  rules?: DetectorRule[];
}

const FORM_RANK: Record<string, number> = { plain: 0, pem: 1 };

/** Is a better than b for the same place? exact, then plain/pem, then coverage, then shorter span. */
function better(a: RawMatch, b: RawMatch): boolean {
  if (a.match !== b.match) return a.match === "exact";
  const ra = FORM_RANK[a.form] ?? 2;
  const rb = FORM_RANK[b.form] ?? 2;
  if (ra !== rb) return ra < rb;
  if (a.coverage !== b.coverage) return a.coverage > b.coverage;
  return a.end - a.start < b.end - b.start;
}

/** One known match per secret per overlapping place (a copy seen in the text and a view of it). */
export function dedupeKnown(matches: RawMatch[]): RawMatch[] {
  const bySecret = new Map<string, RawMatch[]>();
  for (const m of matches) bySecret.set(m.secretId ?? "", [...(bySecret.get(m.secretId ?? "") ?? []), m]);
  const out: RawMatch[] = [];
  for (const list of bySecret.values()) {
    list.sort((a, b) => a.start - b.start);
    let best = list[0]!;
    let end = best.end;
    for (const m of list.slice(1)) {
      if (m.start < end) {
        if (better(m, best)) best = m;
        end = Math.max(end, m.end);
      } else {
        out.push(best);
        best = m;
        end = m.end;
      }
    }
    out.push(best);
  }
  return out;
}

/** A matcher that may also clear raw bytes undecoded (a known-only scan, see known-bytes.ts). */
export interface MatchEngine extends TextMatcher {
  clearBytes?: ClearBytes;
  /** Where copies may be in raw bytes (known-only scans, known-bytes.ts): the rest is cleared. */
  byteCheck?: ByteCheck;
  /** Pattern checks on a small binary file's bytes (pkcs12-match.ts); absent when none is selected. */
  findBytes?: (bytes: Uint8Array, name: string) => RawMatch[];
}

/** Nothing to look for: every text is clear. */
const allClear: ClearBytes = () => true;

/** Builds the combined matcher. */
export function createMatchEngine(config: MatchEngineConfig): MatchEngine {
  const known = config.manifests.length ? knownMatcher(config.manifests) : undefined;
  const patterns = config.rules?.length ? compilePatterns(config.rules) : undefined;
  // known-only: a view shorter than the shortest secret holds nothing (no url view per log line)
  const minView = patterns || !known ? MIN_VIEW : Math.max(MIN_VIEW, known.minLength);
  const clearBytes = patterns ? undefined : known ? known.clearBytes : allClear;
  const byteCheck = patterns ? undefined : known?.byteCheck;
  return {
    ...(clearBytes && { clearBytes }),
    ...(byteCheck && { byteCheck }),
    ...(config.rules?.some(selectsPkcs12) && { findBytes: pkcs12Matches }),
    find(text: string, path?: string): RawMatch[] {
      if (!known && !patterns) return [];
      // with needles, a known-only scan decodes only around candidates (known-around.ts)
      const around = known?.needles && !patterns;
      const levels = around ? [] : viewLevels(text, 2, minView);
      let knownMatches: RawMatch[] = [];
      const out: RawMatch[] = [];
      if (known) {
        const near = { ranges: [] as number[], radius: known.radius };
        knownMatches = known.find(text, around ? near : undefined);
        if (near.ranges.length) knownMatches.push(...findAround(known, text, near.ranges, minView));
        for (const l of levels) knownMatches.push(...fromViews(l, known.find(l.text), text, true));
        if (knownMatches.length > 1) knownMatches = dedupeKnown(knownMatches);
      }
      if (patterns) {
        out.push(...patterns.find(text, path));
        for (const l of levels) out.push(...fromViews(l, patterns.find(l.text, path), text, false));
      }
      return knownMatches.concat(patterns && out.length > 1 ? patterns.merge(out) : out);
    },
  };
}
