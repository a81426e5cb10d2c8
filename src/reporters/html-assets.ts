/** The inline CSS and script of the HTML report (no external assets: the page works offline). */

/** Styles. */
export const CSS = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2937;background:#f8fafc}
header{background:#111827;color:#f9fafb;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#cbd5e1}
main{padding:16px 24px;max-width:1200px}section.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;margin:0 0 16px}
h2{font-size:17px;margin:4px 0 8px}h3{font-size:14px;margin:12px 0 4px;color:#374151}.muted{color:#6b7280}
.stats{display:flex;gap:24px;flex-wrap:wrap}.stats b{display:block;font-size:20px}
#filter{width:100%;padding:8px 10px;font-size:15px;border:1px solid #cbd5e1;border-radius:6px}
table{border-collapse:collapse;width:100%}td,th{padding:4px 6px;border-bottom:1px solid #f1f5f9;text-align:left;vertical-align:top}
th{font-weight:600;color:#6b7280;font-size:12px}code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.state{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;font-weight:600}
.state-new{background:#fee2e2;color:#991b1b}.state-surviving{background:#fef3c7;color:#92400e}.state-gone{background:#dcfce7;color:#166534}
.live{background:#991b1b;color:#fff;padding:0 6px;border-radius:9px;font-size:12px}
.purge{font-size:12px;color:#6b7280;margin:0 0 4px}.checklist li{margin:2px 0;list-style:none}.checklist ul{padding-left:20px}
.chart{width:100%;max-width:640px;height:auto}.chart .axis{font-size:11px;fill:#6b7280}
.legend{list-style:none;padding:0;display:flex;gap:14px;flex-wrap:wrap}.swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
.sev{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;font-weight:700;text-transform:uppercase}
.sev-critical{background:#7f1d1d;color:#fff}.sev-high{background:#dc2626;color:#fff}.sev-medium{background:#f59e0b;color:#111}.sev-low{background:#e5e7eb;color:#374151}
.about .desc{color:#374151}.steps label{margin-right:14px;font-size:13px}.system-checklist li{list-style:none}
.hidden{display:none}
`;

/** The filter box and the persisted checklist; no network, no eval. */
export const SCRIPT = `
(function () {
  var box = document.getElementById("filter");
  var count = document.getElementById("count");
  function apply() {
    var q = box.value.trim().toLowerCase();
    var shown = 0, total = 0;
    document.querySelectorAll("tr.copy").forEach(function (tr) {
      var hit = !q || tr.getAttribute("data-search").indexOf(q) !== -1 || tr.closest("section.secret").getAttribute("data-search").indexOf(q) !== -1;
      tr.classList.toggle("hidden", !hit);
      total++; if (hit) shown++;
    });
    document.querySelectorAll(".system").forEach(function (el) {
      el.classList.toggle("hidden", !el.querySelector("tr.copy:not(.hidden)"));
    });
    document.querySelectorAll("section.secret").forEach(function (el) {
      el.classList.toggle("hidden", !!q && !el.querySelector("tr.copy:not(.hidden)"));
    });
    count.textContent = shown + " of " + total + " copies shown";
  }
  box.addEventListener("input", apply);
  apply();
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }
  document.querySelectorAll(".checklist input[type=checkbox]").forEach(function (cb) {
    var key = "residue:" + cb.getAttribute("data-key");
    try { cb.checked = !!store && store.getItem(key) === "1"; } catch (e) {}
    cb.addEventListener("change", function () {
      try { if (store) store.setItem(key, cb.checked ? "1" : "0"); } catch (e) {}
    });
  });
})();
`;
