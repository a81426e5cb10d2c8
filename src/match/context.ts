/**
 * Context of a finding: named groups of a rule's pattern other than `secret` (a connection
 * string's `user`, `host`, `port`, `database`...) are reported with the credential they belong
 * to, not as findings of their own. Only names from a fixed list are allowed, so that a group
 * meant to hold a secret (`password`) can never reach the report as "context"; names starting
 * with `_` are helper groups (back-references) and are not reported.
 */

/** Group names a pattern may use besides `secret`; their text becomes the finding's `context`. */
export const CONTEXT_NAMES: readonly string[] = [
  "account",
  "client",
  "database",
  "email",
  "endpoint",
  "host",
  "org",
  "port",
  "project",
  "region",
  "tenant",
  "user",
];

const ALLOWED = new Set(CONTEXT_NAMES);

/** Longest context value kept (a host or user name; longer text is not context). */
const MAX_CONTEXT = 200;

/** The named groups a pattern declares (look-behinds and escaped parentheses are not groups). */
export function groupNames(pattern: string): string[] {
  const names: string[] = [];
  const re = /\(\?<([A-Za-z_$][\w$]*)>/g;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    let slashes = 0;
    for (let i = m.index - 1; i >= 0 && pattern[i] === "\\"; i--) slashes++;
    if (slashes % 2 === 0) names.push(m[1]!);
  }
  return names;
}

/** The problem with a pattern's group names, or undefined when every name is allowed. */
export function groupNameProblem(pattern: string): string | undefined {
  const bad = groupNames(pattern).find((n) => n !== "secret" && !n.startsWith("_") && !ALLOWED.has(n));
  if (bad === undefined) return undefined;
  return `named group "${bad}" is not a context name (allowed: ${CONTEXT_NAMES.join(", ")}; helper groups start with _)`;
}

/** The context of a match: allowed groups that matched, never one that holds the secret. */
export function contextOf(
  groups: Readonly<Record<string, string | undefined>>,
  secret: string,
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const name in groups) {
    const v = groups[name];
    if (!v || !ALLOWED.has(name) || v.length > MAX_CONTEXT || v.includes(secret)) continue;
    (out ??= {})[name] = v;
  }
  return out;
}
