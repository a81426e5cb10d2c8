/**
 * The placeholder filter: values that look like documentation or templates rather than secrets
 * (`EXAMPLE`, `xxxx`, `<your-key>`, `${VAR}`, `changeme`, `REPLACE_WITH_…`, long runs of one character, or
 * sequential runs such as `12345678` / `abcdefgh`). Thresholds are chosen so that random
 * tokens (and DER runs of `A` inside long PEM bodies) pass.
 */

/** Template syntax and instructions: the text is a slot for a secret, never a secret. */
const TEMPLATE =
  /changeme|change[-_ ]me|replace[-_ ]?(?:with|me)|placeholder|redacted|your[-_ ]?(?:api[-_ ]?|access[-_ ]?|secret[-_ ]?|auth[-_ ]?)?(?:key|token|secret|password|pass)|<[A-Za-z_][\w .:()/+-]{0,60}>|\$\{[A-Za-z_][^}\n]{0,80}\}|\{\{[^}\n]*\}\}|\$\([A-Za-z_][^()\n]{0,80}\)|#\{[^}\n]{0,80}\}|%\([a-z_]+\)s/i;
/** Words of documentation samples: the value is shaped like a secret but made up. */
const SAMPLE_WORDS = /example|x{4}/i;

/** The longest run of one repeated character. */
function longestRun(s: string): number {
  let best = s.length ? 1 : 0;
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** The longest run of alphanumerics whose codes ascend or descend by one (abcd, 4321). */
function longestSequence(s: string): number {
  let best = s.length ? 1 : 0;
  let up = 1;
  let down = 1;
  const alnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  for (let i = 1; i < s.length; i++) {
    const a = s.charCodeAt(i - 1);
    const b = s.charCodeAt(i);
    const ok = alnum(a) && alnum(b);
    up = ok && b === a + 1 ? up + 1 : 1;
    down = ok && b === a - 1 ? down + 1 : 1;
    best = Math.max(best, up, down);
  }
  return best;
}

/** True when the value is template text (`<your-key>`, `${VAR}`, `changeme`): a slot, not a value. */
export function isTemplate(value: string): boolean {
  return TEMPLATE.test(value);
}

/** True when the value holds a documentation word (`Example`, `xxxx`): made up by a person. */
export function isSampleWord(value: string): boolean {
  return SAMPLE_WORDS.test(value);
}

/** True when the value looks like a placeholder, not a real secret. */
export function isPlaceholder(value: string): boolean {
  if (TEMPLATE.test(value) || SAMPLE_WORDS.test(value)) return true;
  const n = value.length;
  if (n >= 8 && new Set(value).size <= 3) return true;
  if (longestRun(value) >= Math.max(6, Math.ceil(n / 3))) return true;
  return longestSequence(value) >= 8;
}
