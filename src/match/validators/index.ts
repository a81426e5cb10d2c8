/**
 * Named validators: checks a regex cannot express (checksums, structure), referenced by name from
 * a detector's `validators` list. Each returns true when the candidate secret is plausible.
 */
import { isGithubChecksumValid } from "./github-checksum.js";
import { isGrafanaKey } from "./grafana-key.js";
import { isJwt } from "./jwt.js";
import { isNotCode } from "./not-code.js";
import { isRandom } from "./random.js";

/** A validator gets the secret group's text and all named groups of the match. */
export type Validator = (value: string, groups: Readonly<Record<string, string | undefined>>) => boolean;

/** Validator name → function, sorted. */
export const validators: Readonly<Record<string, Validator>> = {
  "github-checksum": (v) => isGithubChecksumValid(v),
  "grafana-api-key": (v) => isGrafanaKey(v),
  jwt: (v) => isJwt(v),
  "not-code": (v) => isNotCode(v),
  // for rules of weak or sample values only: a random value belongs to the stronger rules
  "not-random": (v) => !isRandom(v),
  random: (v) => isRandom(v),
};
