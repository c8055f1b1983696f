import { describe, expect, it } from 'vitest';
import { MIN_TIMELINE_US, timelineSpanUs } from './timeline-span';

describe('timelineSpanUs', () => {
  it('spans what has been explored, at least a second, within the scenario', () => {
    expect(timelineSpanUs({ reachedUs: 0, status: 'paused' }, 600_000_000, null)).toBe(
      MIN_TIMELINE_US,
    );
    expect(timelineSpanUs({ reachedUs: 2_500_000, status: 'running' }, 600_000_000, null)).toBe(
      2_500_000,
    );
    expect(timelineSpanUs({ reachedUs: 0, status: 'paused' }, 50_000, null)).toBe(50_000);
  });

  it('spans exactly the run once it finished', () => {
    expect(timelineSpanUs({ reachedUs: 4_099_524, status: 'finished' }, 600_000_000, null)).toBe(
      4_099_524,
    );
  });

  it('spans the whole run as soon as its end is known', () => {
    expect(timelineSpanUs({ reachedUs: 0, status: 'paused' }, 600_000_000, 4_099_524)).toBe(
      4_099_524,
    );
  });
});
