/** Entry ids: a secret's own name, or a generated one (never derived from the secret). */

/** The next free generated ids `prefix-N`. */
export function nextIds(existing: Iterable<string>, prefix: string, count: number): string[] {
  const used = new Set(existing);
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) if (!used.has(`${prefix}-${n}`)) out.push(`${prefix}-${n}`);
  return out;
}

/** Gives every input an id: its own (prefixed by `id`), `id`, `id-N`, or `secret-N`. */
export function assignIds<T extends { id?: string }>(
  inputs: T[],
  existing: Iterable<string>,
  id: string | undefined,
): (T & { id: string })[] {
  const unnamed = inputs.filter((i) => i.id === undefined).length;
  const generated = id && unnamed === 1 ? [id] : nextIds(existing, id ?? "secret", unnamed);
  let n = 0;
  return inputs.map((i) => ({
    ...i,
    id: i.id === undefined ? generated[n++]! : id ? `${id}/${i.id}` : i.id,
  }));
}
