/**
 * Items that belong at a place in a list but are only known later. The
 * import reads a project's selections one source at a time, long after the
 * point where reading all of them at once would have reported their
 * skipped items and warnings; each such point is marked as a slot and the
 * items are put in their place at the end, so the report keeps the order it
 * has always had.
 */
export class DeferredInserts<T> {
  private readonly slots: { at: number; items: T[] }[] = [];

  /** A slot at the current end of `list` (as it is without any slot's items): push into the array returned. */
  slot(list: readonly T[]): T[] {
    const items: T[] = [];
    this.slots.push({ at: list.length, items });
    return items;
  }

  get pending(): boolean {
    return this.slots.some((s) => s.items.length > 0);
  }

  /** `list` with every slot's items in their place (slots at one place in the order they were made); the slots are emptied. */
  into(list: T[]): T[] {
    if (!this.pending) return list;
    const order = this.slots.map((s, i) => ({ ...s, i })).sort((a, b) => a.at - b.at || a.i - b.i);
    const out: T[] = [];
    let k = 0;
    for (const s of order) {
      while (k < s.at && k < list.length) out.push(list[k++]!);
      out.push(...s.items);
      s.items.length = 0;
    }
    while (k < list.length) out.push(list[k++]!);
    return out;
  }
}
