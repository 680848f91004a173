/**
 * Runs work for one key at a time, in arrival order. A user who double-clicks a rating button or
 * types two answers at once gets them applied one after the other, each seeing the last one's
 * state, instead of two read-modify-write cycles overwriting each other.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
