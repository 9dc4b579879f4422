/**
 * A set of GUIDs held as 128-bit numbers in one typed array (open
 * addressing): the export checks every identifier of a million codings
 * for uniqueness, and as strings in a Set they would take far more memory
 * than the rest of the export (about 16 bytes a GUID here, ~100 as strings).
 * A string that is not a GUID in the 8-4-4-4-12 form is kept as a string
 * (files with made-up identifiers are small).
 */
const EMPTY_SLOTS = 1 << 10;
const A_GUID = 0;
const NIL = 1;
const NOT_A_GUID = 2;

export class GuidSet {
  /** Four 32-bit words a slot; an all-zero slot is free (the nil GUID is kept aside). */
  private slots = new Uint32Array(EMPTY_SLOTS * 4);
  private count = 0;
  private hasNil = false;
  private readonly others = new Set<string>();
  private readonly words = new Uint32Array(4);

  get size(): number {
    return this.count + (this.hasNil ? 1 : 0) + this.others.size;
  }

  /** Adds `guid`; false when it was there already. */
  add(guid: string): boolean {
    const form = this.parse(guid);
    if (form === NOT_A_GUID) {
      if (this.others.has(guid)) return false;
      this.others.add(guid);
      return true;
    }
    if (form === NIL) {
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
    const form = this.parse(guid);
    if (form === NOT_A_GUID) return this.others.has(guid);
    if (form === NIL) return this.hasNil;
    const at = this.find(this.slots, this.words);
    return this.slots[at] !== 0 || this.slots[at + 1] !== 0 || this.slots[at + 2] !== 0 || this.slots[at + 3] !== 0;
  }

  /** The GUID's 32 hex digits into `words`, read in one pass without substrings (a million GUIDs go through here). */
  private parse(guid: string): number {
    if (guid.length !== 36) return NOT_A_GUID;
    const w = this.words;
    let word = 0;
    let digits = 0;
    let k = 0;
    for (let i = 0; i < 36; i++) {
      const c = guid.charCodeAt(i);
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (c !== 45) return NOT_A_GUID; // '-'
        continue;
      }
      const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (v < 0) return NOT_A_GUID;
      word = ((word << 4) | v) >>> 0;
      if (++digits === 8) {
        w[k++] = word;
        word = 0;
        digits = 0;
      }
    }
    return (w[0]! | w[1]! | w[2]! | w[3]!) !== 0 ? A_GUID : NIL;
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
