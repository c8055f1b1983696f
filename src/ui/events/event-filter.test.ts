import { describe, expect, it } from 'vitest';
import { EVENT_CATEGORIES, type EventCategory } from './event-category';
import { CONTROL, synJourney } from './event-fixture';
import {
  eventMatcher,
  normaliseConnectionText,
  toggleCategory,
  type EventFilter,
} from './event-filter';

const ALL = new Set<EventCategory>(EVENT_CATEGORIES.map((c) => c.id));
const open: EventFilter = {
  categories: ALL,
  module: null,
  connectionText: '',
  onlySelected: false,
};
const [transmit, created, verdict] = synJourney();
const other = 'udp 192.0.2.70:5004 → 198.51.100.20:5004 #5';

describe('eventMatcher', () => {
  it('lets everything through when no filter is on, without looking up connections', () => {
    const match = eventMatcher(open, null, () => {
      throw new Error('looked up');
    });
    expect(match(transmit, 0)).toBe(true);
  });

  it('filters by category and by module', () => {
    const packetsOnly = eventMatcher(
      { ...open, categories: new Set(['packets']) },
      null,
      () => null,
    );
    expect(packetsOnly(transmit, 0)).toBe(true);
    expect(packetsOnly(verdict, 2)).toBe(false);
    const base = eventMatcher({ ...open, module: 'base' }, null, () => null);
    expect(base(created, 1)).toBe(true);
    expect(base(transmit, 0)).toBe(false);
  });

  it('filters by connection text: any part of the id, or its number exactly', () => {
    const lookup = () => CONTROL;
    const by = (connectionText: string) =>
      eventMatcher({ ...open, connectionText }, null, lookup)(transmit, 0);
    expect(by('198.51.100.20:21')).toBe(true);
    expect(by('192.0.2.10:50047->198.51.100.20')).toBe(true);
    expect(by('TCP')).toBe(true);
    expect(by('#1')).toBe(true);
    expect(by('#10')).toBe(false);
    expect(by('udp')).toBe(false);
    expect(eventMatcher({ ...open, connectionText: 'tcp' }, null, () => null)(transmit, 0)).toBe(
      false,
    );
  });

  it('keeps only the selected connection when asked, and ignores the option with none selected', () => {
    const only = { ...open, onlySelected: true };
    expect(eventMatcher(only, CONTROL, () => CONTROL)(transmit, 0)).toBe(true);
    expect(eventMatcher(only, other, () => CONTROL)(transmit, 0)).toBe(false);
    expect(eventMatcher(only, null, () => CONTROL)(transmit, 0)).toBe(true);
  });

  it('switches a category off and on again, leaving the filter it came from as it was', () => {
    const off = toggleCategory(ALL, 'tcp');
    expect(off.has('tcp')).toBe(false);
    expect(ALL.has('tcp')).toBe(true);
    expect(toggleCategory(off, 'tcp').has('tcp')).toBe(true);
  });

  it('normalises what people type', () => {
    expect(normaliseConnectionText('  A:1->B:2 ')).toBe('a:1 → b:2');
    expect(normaliseConnectionText('a:1→b:2')).toBe('a:1 → b:2');
  });
});
