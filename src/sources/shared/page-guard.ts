/** The guard against a listing whose page token repeats. */
import { HttpProblem } from "./http-problem.js";

/**
 * Remembers the page tokens (cursors, nextPageToken, page URLs) of one listing: a token seen twice
 * means the server loops, and the listing must end with an error item instead of asking forever.
 */
export class PageGuard {
  private readonly seen = new Set<string>();
  /** Returns the token, or throws a "cursor-loop" HttpProblem when it was already seen. */
  next<T extends string | undefined>(token: T): T {
    if (token === undefined || token === "") return token;
    if (this.seen.has(token))
      throw new HttpProblem(
        "cursor-loop",
        `the server sent the same page token twice (after ${this.seen.size} pages); the listing stops here`,
      );
    this.seen.add(token);
    return token;
  }
}
