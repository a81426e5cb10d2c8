/**
 * A quick test for a scan that looks for known secrets only: may this text hold a copy? It is
 * true for every text the match engine would find one in (a plain or PEM copy, or a needle of an
 * encoded form, around which the engine decodes), so a source may skip what fails it (git history
 * then needs no log pass for blobs without a hit). It is given the whole text, decoded as the
 * content layer decodes it.
 */
import type { ClearBytes } from "../content/file-range.js";
import type { Manifest } from "../manifest/index.js";
import { knownMatcher } from "./known.js";

/**
 * The text test; `clearBytes` (when the filter allows it) clears raw bytes undecoded (known-bytes.ts);
 * `manifests`, what it was built from (a worker thread builds the same test from them).
 */
export type KnownTest = ((text: string) => boolean) & { clearBytes?: ClearBytes; manifests?: Manifest[] };

/** The test over the manifests, or undefined when it would not be cheap (a manifest without needles). */
export function knownFilter(manifests: Manifest[]): KnownTest | undefined {
  if (!manifests.length) return undefined;
  const known = knownMatcher(manifests);
  // without needles the engine decodes every text whole: nothing short of that is a superset
  if (!known.needles) return undefined;
  const test: KnownTest = (text) => {
    const near = { ranges: [] as number[], radius: known.radius };
    return known.find(text, near).length > 0 || near.ranges.length > 0;
  };
  if (known.clearBytes) test.clearBytes = known.clearBytes;
  test.manifests = manifests;
  return test;
}
