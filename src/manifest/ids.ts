/** Entry ids: a secret's own name, or a generated one (never derived from the secret). */

/** The next free generated ids `prefix-N`. */
export function nextIds(existing: Iterable<string>, prefix: string, count: number): string[] {
  const used = new Set(existing);
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) if (!used.has(`${prefix}-${n}`)) out.push(`${prefix}-${n}`);
  return out;
}

/**
 * Ids one input at a time: its own (prefixed by `id`), `id` alone for a single unnamed secret,
 * else the next free `id-N` or `secret-N`.
 */
export function idAssigner(
  existing: Set<string>,
  id: string | undefined,
  unnamed: number,
): (own: string | undefined) => string {
  let n = 0;
  return (own) => {
    if (own !== undefined) return id ? `${id}/${own}` : own;
    if (id && unnamed === 1) return id;
    const prefix = id ?? "secret";
    while (existing.has(`${prefix}-${++n}`));
    return `${prefix}-${n}`;
  };
}
