/** The inline SVG chart of the HTML report: copies per system across runs, as stacked bars. */
import { esc } from "./html-escape.js";

/** Copies of one system in one run. */
export interface ChartPoint {
  run: number;
  startedAt: string;
  system: string;
  copies: number;
}

const COLORS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d"];

/** A stacked bar per run, one colour per system, with a legend; empty history gives a note. */
export function renderChart(points: ChartPoint[]): string {
  if (!points.length) return `<p class="muted">No copies recorded yet.</p>`;
  const runs = [...new Set(points.map((p) => p.run))].sort((a, b) => a - b).slice(-30);
  const systems = [...new Set(points.map((p) => p.system))].sort();
  const color = (s: string) => COLORS[systems.indexOf(s) % COLORS.length]!;
  const totals = runs.map((r) => points.filter((p) => p.run === r).reduce((n, p) => n + p.copies, 0));
  const max = Math.max(1, ...totals);
  const [w, h, left, bottom, top] = [640, 220, 40, 30, 10];
  const slot = (w - left - 10) / runs.length;
  const bar = Math.min(48, slot * 0.7);
  const y = (v: number) => top + (h - top - bottom) * (1 - v / max);
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${y(0)}" x2="${w - 10}" y2="${y(0)}" stroke="#999"/>`);
  parts.push(`<text x="${left - 6}" y="${y(max) + 4}" text-anchor="end" class="axis">${max}</text>`);
  parts.push(`<text x="${left - 6}" y="${y(0) + 4}" text-anchor="end" class="axis">0</text>`);
  runs.forEach((r, i) => {
    const x = left + slot * i + (slot - bar) / 2;
    let base = 0;
    for (const s of systems) {
      const n = points.find((p) => p.run === r && p.system === s)?.copies ?? 0;
      if (!n) continue;
      const y0 = y(base + n);
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y0.toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(base) - y0).toFixed(1)}" fill="${color(s)}"><title>run ${r}: ${esc(s)}: ${n}</title></rect>`,
      );
      base += n;
    }
    parts.push(
      `<text x="${(x + bar / 2).toFixed(1)}" y="${h - 12}" text-anchor="middle" class="axis">#${r}</text>`,
    );
  });
  const legend = systems
    .map((s) => `<li><span class="swatch" style="background:${color(s)}"></span>${esc(s)}</li>`)
    .join("");
  return `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="copies per system across runs">${parts.join("")}</svg><ul class="legend">${legend}</ul>`;
}
