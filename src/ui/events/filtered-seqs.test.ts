import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine';
import { ArraySource } from './event-fixture';
import { FilteredSeqs } from './filtered-seqs';

const fault = (atUs: number): TraceEvent => ({ kind: 'fault', atUs, fault: 'x', detail: '' });
const even = (e: TraceEvent) => e.atUs % 2 === 0;

describe('FilteredSeqs', () => {
  it('lists the matching events incrementally', () => {
    const source = new ArraySource([0, 1, 2, 3].map(fault));
    const list = new FilteredSeqs(source, even);
    expect(list.sync()).toBe(true);
    expect([list.at(0), list.at(1), list.at(2)]).toEqual([0, 2, undefined]);
    expect(list.sync()).toBe(false);
    source.events.push(fault(4), fault(5));
    expect(list.sync()).toBe(true);
    expect(list.length).toBe(3);
    expect(list.indexOf(4)).toBe(2);
    expect(list.indexOf(3)).toBe(-1);
  });

  it('takes only the events before the bound it is given, the rest at a later call', () => {
    const source = new ArraySource([0, 1, 2, 3, 4, 5].map(fault));
    const list = new FilteredSeqs(source, even);
    expect(list.take(3)).toBe(true);
    expect(list.length).toBe(2); // 0 and 2
    expect(list.sync(3)).toBe(false); // nothing new before 3
    expect(list.sync(1)).toBe(false); // a bound behind what it has is no step back
    expect(list.sync()).toBe(true);
    expect([list.at(2), list.length]).toEqual([4, 3]);
  });

  it('drops what left the ring, and stays bounded', () => {
    const source = new ArraySource();
    const list = new FilteredSeqs(source, () => true);
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 1000; i++) source.events.push(fault(source.total));
      source.dropped = Math.max(source.total - 1500, 0);
      list.sync();
      expect(list.length).toBe(source.total - source.dropped);
      expect(list.at(0)).toBe(source.dropped);
    }
    expect(list.indexOf(source.dropped - 1)).toBe(-1);
  });

  it('starts from the oldest event still held', () => {
    const source = new ArraySource([0, 1, 2, 3].map(fault));
    source.dropped = 2;
    const list = new FilteredSeqs(source, () => true);
    list.sync();
    expect(list.at(0)).toBe(2);
  });

  it('takes in new events between refreshes without dropping any, so positions stay put', () => {
    const source = new ArraySource([0, 1, 2, 3].map(fault));
    const list = new FilteredSeqs(source, () => true);
    list.sync();
    source.events.push(fault(4));
    source.dropped = 2;
    expect(list.take()).toBe(true);
    expect([list.at(0), list.at(4), list.length]).toEqual([0, 4, 5]);
    expect(list.sync()).toBe(true); // the refresh drops what the recorder forgot
    expect([list.at(0), list.length]).toEqual([2, 3]);
  });
});
