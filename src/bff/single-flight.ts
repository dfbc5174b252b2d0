/** Runs one task per key at a time: a caller arriving while it runs gets the same promise. */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  has(key: string): boolean {
    return this.running.has(key);
  }

  run(key: string, task: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing;
    const promise = task().finally(() => this.running.delete(key));
    this.running.set(key, promise);
    return promise;
  }
}
