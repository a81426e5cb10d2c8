import type { FakeSlackData } from "./fake-slack.mjs";
/** The export's files, one at a time. */
export function exportFiles(data: FakeSlackData): Generator<[string, string]>;
/** Writes the export as a folder. */
export function writeSlackExportDir(data: FakeSlackData, dir: string): void;
/** Writes the export as a zip. */
export function writeSlackExportZip(data: FakeSlackData, file: string): void;
