/** Writes `files` as a zip at `out`. */
export function writeZip(out: string, files: Record<string, string | Buffer>): void;
