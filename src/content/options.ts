/**
 * Options of the content layer, the same for every source: chunk sizes (library only), the
 * zip-bomb guards of archives and the HAR size cap. Their flags and config keys derive from here.
 */
import { z } from "zod";
import { countField, hiddenNumber, numberField, sizeField } from "../option-fields.js";
import { DEFAULT_LIMITS, DEFAULT_MAX_HAR_BYTES, parseSize } from "./archive-limits.js";

const mib = (n: number) => `${Math.round(n / 1024 ** 2)}M`;

/** The fields of the content options (merged into every target's options). */
export const contentFields = {
  chunkSize: hiddenNumber("chunk size in characters (default 104 KiB)"),
  overlap: hiddenNumber("overlap of consecutive chunks in characters (default 16 KiB)"),
  maxArchiveBytes: sizeField(
    `stop an archive that expands past this many bytes (default ${mib(DEFAULT_LIMITS.maxBytes)})`,
    parseSize,
  ),
  maxArchiveRatio: numberField(
    "<n>",
    `stop an archive that expands more than n times its size (default ${DEFAULT_LIMITS.maxRatio})`,
    1,
  ),
  maxArchiveEntries: countField(
    "<n>",
    `stop an archive with more members than this (default ${DEFAULT_LIMITS.maxEntries})`,
    1,
  ),
  maxArchiveDepth: countField(
    "<n>",
    `open archives nested up to this depth; 0 opens none (default ${DEFAULT_LIMITS.maxDepth})`,
    0,
  ),
  maxHarBytes: sizeField(`largest HAR file read (default ${mib(DEFAULT_MAX_HAR_BYTES)})`, parseSize),
};

/** The content options' schema. */
export const contentSchema = z.object(contentFields);

/** Content options as a caller gives them (sizes may be `500M`). */
export type ContentOptions = z.input<typeof contentSchema>;
