/** The `residue:allow` comment: a finding on a line that carries it is dropped. */
import type { FindingFilter } from "../scan.js";

/** The marker that suppresses findings on its line. */
export const ALLOW_MARKER = "residue:allow";

/** Drops findings whose line holds `residue:allow`. */
export const allowCommentFilter: FindingFilter = (_f, { lineText }) => !lineText.includes(ALLOW_MARKER);
