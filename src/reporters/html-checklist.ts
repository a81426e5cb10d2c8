/**
 * The containment checklists of the HTML report: per secret, the steps that concern the secret
 * itself (revoke, rotate what it reached, confirm, watch), one line of check boxes; and once per
 * system, how to purge a copy there, with a check box per copy. Boxes persist in localStorage.
 */
import { esc } from "./html-escape.js";
import type { CopyRecord, System } from "./systems.js";
import { PURGE, systemLabel } from "./systems.js";

/** A copy with its system and the name of its secret. */
export interface PurgeItem {
  copy: CopyRecord;
  system: System;
  secret: string;
}

const box = (key: string, html: string) =>
  `<label><input type="checkbox" data-key="${esc(key)}"> ${html}</label>`;

/** The secret's own steps, as one row of check boxes. */
export function secretChecklist(first: CopyRecord, live: number): string {
  const k = first.secretKey;
  const confirm = live
    ? `confirm it no longer authenticates (${live} live)`
    : "confirm it no longer authenticates";
  return `<p class="checklist steps">${[
    box(`${k}:revoke`, "revoked"),
    box(`${k}:rotate`, "downstream secrets rotated"),
    box(`${k}:confirm`, esc(confirm)),
    box(`${k}:watch`, "alert on its use"),
  ].join(" ")}</p>`;
}

/** One checklist per system: how to purge there, then each copy to purge. */
export function purgeChecklist(items: PurgeItem[]): string {
  const bySystem = new Map<string, PurgeItem[]>();
  for (const it of items) {
    const label = systemLabel(it.system);
    bySystem.set(label, [...(bySystem.get(label) ?? []), it]);
  }
  if (!bySystem.size) return "";
  const systems = [...bySystem.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "en"))
    .map(([label, list]) => {
      const how = PURGE[list[0]!.system.kind] ?? "delete it where it lives";
      const copies = list
        .map(
          (p) =>
            `<li>${box(`purge:${p.copy.id}`, `<code>${esc(p.copy.uri)}</code> <span class="muted">${esc(p.secret)}</span>`)}</li>`,
        )
        .join("");
      return `<div class="system-checklist" data-system="${esc(label)}"><h3>${esc(label)} <span class="muted">(${list.length})</span></h3><p class="purge">${esc(how)}</p><ul>${copies}</ul></div>`;
    })
    .join("");
  return `<section class="card checklist" id="purge"><h2>Purge checklist, system by system</h2>${systems}</section>`;
}
