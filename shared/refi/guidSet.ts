/**
 * A set of GUIDs held as 128-bit numbers in one typed array (open
 * addressing): the export checks every identifier of a million codings
 * for uniqueness, and as strings in a Set they would take far more memory
 * than the rest of the export (about 16 bytes a GUID here, ~100 as strings).
 * Only GUIDs in the form isRefiGuid accepts, normalised (normalizeGuid), go in.
 */
const EMPTY_SLOTS = 1 << 10;

export class GuidSet {
  /** Four 32-bit words a slot; an all-zero slot is free (the nil GUID is kept aside). */
  private slots = new Uint32Array(EMPTY_SLOTS * 4);
  private count = 0;
  private hasNil = false;
  private readonly words = new Uint32Array(4);

  get size(): number {
    return this.count + (this.hasNil ? 1 : 0);
  }

  /** Adds `guid`; false when it was there already. */
  add(guid: string): boolean {
    if (!this.parse(guid)) {
      if (this.hasNil) return false;
      this.hasNil = true;
      return true;
    }
    if ((this.count + 1) * 2 > this.slots.length / 4) this.grow();
    const at = this.find(this.slots, this.words);
    if (this.slots[at] !== 0 || this.slots[at + 1] !== 0 || this.slots[at + 2] !== 0 || this.slots[at + 3] !== 0) return false;
    this.slots.set(this.words, at);
    this.count++;
    return true;
  }

  has(guid: string): boolean {
    if (!this.parse(guid)) return this.hasNil;
    const at = this.find(this.slots, this.words);
    return this.slots[at] !== 0 || this.slots[at + 1] !== 0 || this.slots[at + 2] !== 0 || this.slots[at + 3] !== 0;
  }

  /** The GUID's 32 hex digits into `words`; false for the nil GUID. */
  private parse(guid: string): boolean {
    // 8-4-4-4-12 hex digits: four 32-bit words.
    const w = this.words;
    w[0] = parseInt(guid.slice(0, 8), 16);
    w[1] = parseInt(guid.slice(9, 13) + guid.slice(14, 18), 16);
    w[2] = parseInt(guid.slice(19, 23) + guid.slice(24, 28), 16);
    w[3] = parseInt(guid.slice(28, 36), 16);
    return (w[0]! | w[1]! | w[2]! | w[3]!) !== 0;
  }

  /** The slot holding `key`, or the free slot where it would go. */
  private find(slots: Uint32Array, key: Uint32Array): number {
    const mask = slots.length / 4 - 1;
    // GUIDs are random or hashes in their last word; mixed anyway, for hand-made ones like …-000000000001.
    let i = Math.imul(key[3]! ^ key[0]! ^ Math.imul(key[1]! ^ key[2]!, 0x9e3779b1), 0x85ebca6b) >>> 0;
    for (;;) {
      const at = (i & mask) * 4;
      if (slots[at] === 0 && slots[at + 1] === 0 && slots[at + 2] === 0 && slots[at + 3] === 0) return at;
      if (slots[at] === key[0] && slots[at + 1] === key[1] && slots[at + 2] === key[2] && slots[at + 3] === key[3]) return at;
      i++;
    }
  }

  private grow(): void {
    const old = this.slots;
    const next = new Uint32Array(old.length * 2);
    const key = new Uint32Array(4);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at] === 0 && old[at + 1] === 0 && old[at + 2] === 0 && old[at + 3] === 0) continue;
      key.set(old.subarray(at, at + 4));
      next.set(key, this.find(next, key));
    }
    this.slots = next;
  }
}
