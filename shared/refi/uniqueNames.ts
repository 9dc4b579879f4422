/** Hands out names that are unique within one scope: "Interview", then "Interview (2)", "Interview (3)"… */
export class UniqueNames {
  private readonly taken = new Set<string>();

  /** ignoreCase: names that differ only in letter case count as the same (as Quarry's attribute and set names do). */
  constructor(private readonly ignoreCase: boolean) {}

  private key(name: string): string {
    return this.ignoreCase ? name.toLowerCase() : name;
  }

  has(name: string): boolean {
    return this.taken.has(this.key(name));
  }

  take(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.has(name); n++) name = `${wanted} (${n})`;
    this.taken.add(this.key(name));
    return name;
  }
}
