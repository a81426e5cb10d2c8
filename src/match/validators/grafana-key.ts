/**
 * Grafana's legacy API key is base64 of a JSON object `{"k": secret, "n": key name, "id": org}`,
 * hence its `eyJrIjoi` head. A Power BI "publish to web" link carries base64 of `{"k", "t", "c"}`
 * with the same head (`app.powerbi.com/view?r=eyJrIjoi…`): a value that decodes to JSON without a
 * name and an id, or to a Power BI shape, is not a Grafana key.
 */

/** True unless the value decodes to a JSON object that is not Grafana's {k, n, id}. */
export function isGrafanaKey(value: string): boolean {
  const text = Buffer.from(value, "base64").toString("latin1");
  try {
    const o: unknown = JSON.parse(text);
    return typeof o === "object" && o !== null && typeof (o as { n?: unknown }).n === "string" && "id" in o;
  } catch {
    // a cut or re-wrapped key does not parse; only Power BI's tenant field gives the look-alike away
    return !/"t":"/.test(text);
  }
}
