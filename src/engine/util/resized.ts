/** Any typed array a column of numbers is kept in. */
export type NumberColumn =
  Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float64Array;

/**
 * A column of the same kind with room for `length` elements, the old elements copied to its
 * start (the rest zero). Growth of typed-array tables: they double rather than grow by one.
 */
export function resized<T extends NumberColumn>(column: T, length: number): T {
  const next = new (column.constructor as new (n: number) => T)(length);
  next.set(column.length <= length ? column : column.subarray(0, length));
  return next;
}
