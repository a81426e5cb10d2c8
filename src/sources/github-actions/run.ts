/** The state of one read of GitHub Actions, and how a failed call is recorded. */
import type { SourceContext } from "../../types.js";
import { type GitHubApi, gitHubReason } from "./client.js";
import type { GitHubActionsQuery } from "./query.js";

/** One read: the client, the window, what went wrong. */
export interface Run {
  api: GitHubApi;
  ctx: SourceContext;
  q: GitHubActionsQuery & { since?: number };
  cap: number;
  /** Something that still exists could not be read: no resume point. */
  partial: boolean;
  stopped: boolean;
}

/** Records a failed call; a refused token stops the source. */
export function fail(run: Run, item: string, err: unknown): void {
  const { reason, fatal } = gitHubReason(err);
  run.ctx.error(item, reason);
  run.partial = true;
  if (fatal) run.stopped = true;
}
