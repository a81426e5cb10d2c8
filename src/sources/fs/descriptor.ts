/** `PATH` (or `fs:PATH`): a file, a folder or an archive. */
import { z } from "zod";
import { defineSource } from "../descriptor.js";
import { fileKeys, locationOf } from "../shared/location.js";
import { noQuery, pathOptions } from "../shared/options.js";

/** The descriptor of the folder source. */
export const fsDescriptor = defineSource({
  prefix: "fs",
  usage: "PATH",
  summary: "a file, a folder or an archive (a git work tree's files, not its history)",
  isPath: true,
  resumable: false,
  system: {
    kind: "folder",
    purge: "delete the file or remove the value from it, then check backups and copies of the folder",
  },
  location: locationOf("fs", fileKeys),
  options: z.object(pathOptions),
  query: noQuery,
  // the folder walker loads on first use: a pre-commit hook never walks a folder
  async create(target, options, ctx) {
    const { fsSource } = await import("./index.js");
    return fsSource(target, options, ctx);
  },
});
