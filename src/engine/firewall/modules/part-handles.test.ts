import { describe, expect, it } from 'vitest';
import { PartHandles } from './part-handles';

describe('PartHandles', () => {
  it('lengthens its columns by doubling, or once to a reserved length, never past capacity', () => {
    const lengths: number[] = [];
    const handles = new PartHandles('tcp', 5_000, (n) => lengths.push(n));
    for (let i = 0; i < 1_025; i++) handles.take();
    expect(lengths).toEqual([1_024, 2_048]);
    handles.reserve(3_000); // 1,025 used + 3,000: one step, to the exact need
    expect(lengths).toEqual([1_024, 2_048, 4_025]);
    for (let i = 0; i < 3_000; i++) handles.take();
    expect(lengths).toHaveLength(3);
    handles.reserve(10_000); // capped at the capacity
    expect(lengths.at(-1)).toBe(5_000);
    handles.reserve(1); // room already there
    handles.reserve(10_000); // at its capacity already: nothing copied
    expect(lengths).toHaveLength(4);
    expect(handles.size).toBe(4_025);
  });
});
