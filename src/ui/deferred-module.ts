/**
 * A module the page keeps out of its entry chunk: imported on the first request, and known at
 * once afterwards, so a part shown again (after a new run) appears without a loading line. A
 * failed import is forgotten, so the next request tries again.
 */
export class DeferredModule<T> {
  /** The module once it has arrived, or null. */
  current: T | null = null;
  private loading: Promise<T> | null = null;

  constructor(private readonly importer: () => Promise<T>) {}

  load(): Promise<T> {
    this.loading ??= this.importer().then(
      (module) => (this.current = module),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }
}
