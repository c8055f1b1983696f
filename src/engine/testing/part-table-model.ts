import fc from 'fast-check';

/** What the model check needs of a module table kept in columns. */
export interface ColumnPartTable<T> {
  readonly size: number;
  add(part: T): number;
  remove(handle: number): void;
  get(handle: number): T;
}

/**
 * For tests: runs random adds and removals (the oldest part each time) on a fresh table and on
 * a Map, and hands both to `check`: every part must come back as it was stored, across the
 * columns' growth and the reuse of freed handles.
 */
export function runAgainstModel<T, Table extends ColumnPartTable<T>>(
  makeTable: () => Table,
  part: fc.Arbitrary<T>,
  check: (table: Table, model: ReadonlyMap<number, T>) => void,
): void {
  fc.assert(
    fc.property(fc.array(fc.tuple(part, fc.boolean()), { maxLength: 2_500 }), (ops) => {
      const table = makeTable();
      const model = new Map<number, T>();
      for (const [p, removeOldest] of ops) {
        const handle = table.add(p);
        if (model.has(handle)) throw new Error(`handle ${handle} handed out twice`);
        model.set(handle, p);
        if (removeOldest) {
          const first = model.keys().next().value as number;
          table.remove(first);
          model.delete(first);
        }
      }
      check(table, model);
    }),
    { numRuns: 30 },
  );
}
