/**
 * Orders only part of an array: afterwards `items[from..to)` hold, in order, the elements that
 * a full sort would put there. A table of 100k connections shown twenty rows at a time costs a
 * linear pass a look instead of a sort of the whole (quickselect twice, then a sort of the
 * window). `compare` must be a strict total order — no two elements equal — or the window's
 * contents are still right but which of several equal elements lands in it is not specified.
 */
export function partialSort(
  items: Uint32Array,
  from: number,
  to: number,
  compare: (a: number, b: number) => number,
): void {
  const n = items.length;
  const lo = Math.min(Math.max(from, 0), n);
  const hi = Math.min(Math.max(to, lo), n);
  if (hi === lo) return;
  // Everything before lo is ≤ items[lo], everything from lo on is ≥: then the same for hi
  // within [lo, n). What lies in [lo, hi) is then exactly the window, in some order.
  if (lo > 0) select(items, 0, n - 1, lo, compare);
  if (hi < n) select(items, lo, n - 1, hi, compare);
  items.subarray(lo, hi).sort(compare); // a view: sorts the window in place
}

/**
 * Hoare's quickselect on items[left..right]: puts the element of rank k where it belongs, the
 * smaller before it and the larger after. Median-of-three pivots, so sorted and reversed
 * input (a table already in id order) stay linear.
 */
function select(
  items: Uint32Array,
  left: number,
  right: number,
  k: number,
  compare: (a: number, b: number) => number,
): void {
  let l = left;
  let r = right;
  while (r > l) {
    const pivot = medianOfThree(items, l, (l + r) >>> 1, r, compare);
    let i = l;
    let j = r;
    while (i <= j) {
      while (compare(items[i], pivot) < 0) i++;
      while (compare(items[j], pivot) > 0) j--;
      if (i <= j) {
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

function medianOfThree(
  items: Uint32Array,
  a: number,
  b: number,
  c: number,
  compare: (x: number, y: number) => number,
): number {
  const x = items[a];
  const y = items[b];
  const z = items[c];
  if (compare(x, y) < 0) {
    if (compare(y, z) < 0) return y;
    return compare(x, z) < 0 ? z : x;
  }
  if (compare(x, z) < 0) return x;
  return compare(y, z) < 0 ? z : y;
}
