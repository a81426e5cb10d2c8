/**
 * Credentials that only work together are one secret to a responder: an AWS access key id and
 * the secret access key found beside it (the same file, message or issue field) are shown as one
 * section, revoked and purged together. The key id's group takes its partner's copies.
 */
import type { CopyRecord } from "./systems.js";

/** Rule pairs: [the identifying half, the secret half]. */
const PAIRS: [string, string][] = [
  ["aws.access-key-id", "aws.secret-access-key"],
  ["aws.access-key-id", "aws.key-pair"],
];

/** The item a copy sits in: its locator without the line and column. */
const itemOf = (c: CopyRecord) => c.uri.replace(/(?::\d+){1,2}$/, "");

/** Groups (copies of one secret each) with paired credentials merged; `paired` names the partner's rule. */
export function pairGroups<T extends { copy: CopyRecord }>(groups: T[][]): { group: T[]; paired?: string }[] {
  const out: { group: T[]; paired?: string }[] = [];
  const taken = new Set<T[]>();
  const rule = (g: T[]) => g[0]!.copy.ruleId;
  for (const [idRule, secretRule] of PAIRS) {
    const secrets = groups.filter((g) => rule(g) === secretRule && !taken.has(g));
    for (const ids of groups.filter((g) => rule(g) === idRule && !taken.has(g))) {
      const items = new Set(ids.map((p) => itemOf(p.copy)));
      const partner = secrets.find((g) => !taken.has(g) && g.some((p) => items.has(itemOf(p.copy))));
      if (!partner) continue;
      taken.add(ids).add(partner);
      out.push({ group: [...ids, ...partner], paired: secretRule });
    }
  }
  for (const g of groups) if (!taken.has(g)) out.push({ group: g });
  return out;
}
