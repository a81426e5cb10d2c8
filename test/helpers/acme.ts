import path from "node:path";

/** The fixture rule folder (fixtures/detectors/acme.yaml and friends). */
export const RULES = path.join(import.meta.dirname, "../../fixtures/detectors");

/** A generated, obviously fictional Acme key (fixtures/detectors/acme.yaml). */
export function acmeKey(seed: number): string {
  const abc = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  let x = seed * 7919 + 17;
  let s = "acme_live_";
  for (let i = 0; i < 24; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += abc[x % abc.length];
  }
  return s;
}
