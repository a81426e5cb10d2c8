/**
 * Where a `jenkins:` target points: the server's base URL (with its context path, `/jenkins`),
 * the job or folder under it as a list of names (`/job/A/job/B` → [A, B]; view segments a browser
 * URL carries are dropped), and credentials written in the URL, taken out of it so that no URL
 * residue fetches, prints or links ever holds them.
 */

/** A parsed `jenkins:` spec. */
export interface JenkinsUrl {
  /** `https://host[:port][/context]`, no credentials, no trailing slash. */
  base: string;
  /** The job or folder's names from the top ([] for the whole server). */
  job: string[];
  /** `user:token` given in the URL, if any. */
  user?: string;
  password?: string;
}

/** Parses a spec; throws an Error whose message says what a Jenkins URL looks like. */
export function parseJenkinsUrl(spec: string): JenkinsUrl {
  let u: URL;
  try {
    u = new URL(spec);
  } catch {
    throw new Error("use the server's or a job's URL: https://HOST[/job/NAME[/job/NAME…]]");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error("use an http(s):// URL");
  const segs = u.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  let i = segs.findIndex((s) => s === "job" || s === "view");
  if (i === -1) i = segs.length;
  const context = segs.slice(0, i);
  const job: string[] = [];
  for (; i < segs.length; i += 2) {
    const [kind, name] = [segs[i], segs[i + 1]];
    if ((kind !== "job" && kind !== "view") || name === undefined)
      throw new Error(
        `"${segs.slice(i).join("/")}" is no job: use a job's or folder's URL (…/job/NAME[/job/NAME…]), not a build's or a page's`,
      );
    if (kind === "job") job.push(name);
  }
  const base = `${u.protocol}//${u.host}${context.map((s) => `/${encodeURIComponent(s)}`).join("")}`;
  return {
    base,
    job,
    ...(u.username && { user: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
  };
}

/** Why a spec is not a Jenkins URL, or undefined. */
export function jenkinsUrlProblem(spec: string): string | undefined {
  try {
    parseJenkinsUrl(spec);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The URL of a job or folder (`BASE/job/A/job/B`); the base itself for []. */
export function jobUrl(base: string, job: readonly string[]): string {
  return base + job.map((n) => `/job/${encodeURIComponent(n)}`).join("");
}

/** An artifact's URL under its build (`…/N/artifact/dir/file.zip`), each segment encoded. */
export function artifactUrl(buildUrl: string, relativePath: string): string {
  return `${buildUrl}/artifact/${relativePath.split("/").map(encodeURIComponent).join("/")}`;
}
