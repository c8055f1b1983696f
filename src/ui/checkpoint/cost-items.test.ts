import { describe, expect, it } from 'vitest';
import { checkpointSection } from './checkpoint-fixture';
import { costItems } from './cost-items';

const shown = (items: ReturnType<typeof costItems>) =>
  items.map((i) => [i.label, i.value, i.detail, i.alarm]);

describe('costItems', () => {
  it('gives writes, deletes, refusals, time and latency for sync checkpointing', () => {
    expect(shown(costItems(checkpointSection()))).toEqual([
      ['writes', '584', '42.4 kB', false],
      ['deletes', '0', '', false],
      ['refused', '0', '', false],
      ['time writing', '6.4 ms', '', false],
      ['added latency', '6.9 ms', '516 packets held', false],
    ]);
  });

  it('adds the writes lost in the queue for async, and flags refusals and losses', () => {
    const base = checkpointSection();
    const items = costItems({
      ...base,
      checkpointMode: 'async',
      checkpoint: { ...base.checkpoint, refused: 3, lostInQueue: 7, heldPackets: 1 },
    });
    expect(shown(items)).toContainEqual(['refused', '3', '', true]);
    expect(shown(items)).toContainEqual(['lost in queue', '7', '', true]);
    expect(items.find((i) => i.key === 'latency')?.detail).toBe('1 packet held');
  });

  it('counts packets let through unchecked when the router failed open', () => {
    const items = costItems(checkpointSection({ failOpenExposure: 1_205 }));
    expect(items.at(-1)).toMatchObject({ label: 'unchecked', value: '1,205', alarm: true });
  });
});
