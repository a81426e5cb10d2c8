/** Opens the store a location names: `postgres://…` is Postgres, anything else a SQLite file. */

import { openStore } from "./index.js";
import { isPostgresUrl, openPostgresStore } from "./postgres/index.js";
import { sqliteSweepStore } from "./sqlite-store.js";
import type { SweepStore } from "./store.js";

/** Opens a SweepStore; `create: false` refuses a SQLite file that does not exist. */
export async function openSweepStore(location: string, opts: { create?: boolean } = {}): Promise<SweepStore> {
  if (isPostgresUrl(location)) return openPostgresStore(location);
  return sqliteSweepStore(await openStore(location, opts));
}
