/** The Postgres store (`--store postgres://…` or `store:` in the config) behind SweepStore. */
import { StoreError } from "../error.js";
import type { SweepStore } from "../store.js";
import { PgConnection, SWEEP_LOCK } from "./pool.js";
import { counts, report, targets } from "./reader.js";
import { finishTarget, saveSecrets, startRun, startTarget, write } from "./writer.js";

export { isPostgresUrl } from "./pool.js";

/** Opens (migrating) the Postgres store at `url`; StoreError with one line when unreachable. */
export async function openPostgresStore(url: string): Promise<SweepStore> {
  const conn = await PgConnection.open(url);
  return {
    location: conn.location,
    lock: async () => {
      // a session advisory lock, held on its own connection for the whole sweep
      const client = await conn.pool.connect();
      const got = (await client.query("select pg_try_advisory_lock($1) as ok", [SWEEP_LOCK])).rows[0].ok;
      if (!got) {
        client.release();
        throw new StoreError(`${conn.location}: another sweep is running on this store`);
      }
      return async () => {
        await client.query("select pg_advisory_unlock($1)", [SWEEP_LOCK]).catch(() => {});
        client.release();
      };
    },
    startRun: (config) => startRun(conn, config),
    startTarget: (run, target) => startTarget(conn, run, target),
    write: (run, batch) => write(conn, run, batch),
    finishTarget: (run, t, errors, gone) => finishTarget(conn, run, t, errors, gone),
    saveSecrets: (run, secrets) => saveSecrets(conn, run, secrets),
    finishRun: async (run, status) => {
      await conn.query("update runs set ended_at = $1, status = $2 where id = $3", [
        new Date().toISOString(),
        status,
        run.id,
      ]);
    },
    cursor: async (target) =>
      (await conn.query<{ value: string }>("select value from cursors where target = $1", [target]))[0]
        ?.value,
    targets: (run) => targets(conn, run),
    counts: (run) => counts(conn, run),
    report: (id) => report(conn, id),
    close: () => conn.close(),
  };
}
