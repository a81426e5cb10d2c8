/** The containment checklist of one secret in the HTML report. */
import { esc } from "./html-escape.js";
import type { CopyRecord, System } from "./systems.js";
import { PURGE } from "./systems.js";

/** Revoke, rotate, purge each copy (how, per system), confirm, watch; checkboxes persist locally. */
export function checklist(
  first: CopyRecord,
  bySystem: Map<string, { copy: CopyRecord; system: System }[]>,
  live: number,
): string {
  const key = first.secretKey;
  const item = (id: string, html: string, sub = "") =>
    `<li><label><input type="checkbox" data-key="${esc(`${key}:${id}`)}"> ${html}</label>${sub}</li>`;
  const purge = [...bySystem.entries()]
    .map(([label, list]) => {
      const copies = list.map((p) => `<li><code>${esc(p.copy.uri)}</code></li>`).join("");
      return item(
        `purge:${label}`,
        `${esc(label)}: ${esc(PURGE[list[0]!.system.kind] ?? "delete it where it lives")}`,
        `<ul>${copies}</ul>`,
      );
    })
    .join("");
  const what =
    first.kind === "known" ? `secret ${first.secretId ?? ""}` : `${first.ruleId ?? "pattern"} secret`;
  return `<details class="checklist" open><summary><b>Containment checklist</b></summary><ul>
${item("revoke", `Revoke the integration that held the ${esc(what)} (cut the live trust path first).`)}
${item("rotate", "Rotate every downstream secret it could read or mint (keys, tokens, passwords, sessions).")}
${item("purge", "Purge each listed copy:", `<ul>${purge || "<li>no copies left</li>"}</ul>`)}
${item("confirm", `Confirm the old secret no longer authenticates${live ? ` (${live} ${live === 1 ? "copy was" : "copies were"} verified live)` : ""}.`)}
${item("watch", "Watch for retries: alert on any use of the old secret in access and audit logs.")}
</ul></details>`;
}
