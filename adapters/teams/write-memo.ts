/**
 * What this process last wrote under each key, so that a value that has not changed is not written
 * again on every message. An entry ages out, so that a row another process deleted meanwhile (an
 * uninstall, an erasure) is written again within that time; the memo is bounded, oldest out first.
 */
export class WriteMemo {
  private readonly entries = new Map<string, { value: string; owner: string | undefined; at: number }>();

  constructor(
    private readonly options: { maxEntries: number; maxAgeMs: number; now?: () => number },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** True when this process wrote exactly `value` under `key` recently enough to trust it is still there. */
  isCurrent(key: string, value: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.value === value && this.now() - entry.at < this.options.maxAgeMs;
  }

  /** The value noted under `key`, while it is recent enough to trust. */
  current(key: string): string | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && this.now() - entry.at < this.options.maxAgeMs ? entry.value : undefined;
  }

  /** `owner`: the user the value is about, so that erasing them drops it. */
  note(key: string, value: string, owner?: string): void {
    this.entries.delete(key);
    this.entries.set(key, { value, owner, at: this.now() });
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  drop(key: string): void {
    this.entries.delete(key);
  }

  dropOwner(owner: string): void {
    for (const [key, entry] of this.entries) if (entry.owner === owner) this.entries.delete(key);
  }
}
