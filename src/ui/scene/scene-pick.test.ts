import { describe, expect, it } from 'vitest';
import { flightAt } from './scene-fixture';
import { flightNear } from './scene-pick';

describe('picking a packet', () => {
  const flights = [flightAt(10, 'tcp #1'), flightAt(14, 'tcp #2'), flightAt(40, 'tcp #3')];

  it('takes the nearest packet within the radius', () => {
    expect(flightNear(flights, { x: 11, y: 1 }, 8)?.connection).toBe('tcp #1');
    expect(flightNear(flights, { x: 13, y: 3 }, 8)?.connection).toBe('tcp #2');
    expect(flightNear(flights, { x: 40, y: 9 }, 8)?.connection).toBe('tcp #3');
  });

  it('takes none farther than the radius', () => {
    expect(flightNear(flights, { x: 27, y: 1 }, 8)).toBeNull();
    expect(flightNear([], { x: 0, y: 0 }, 8)).toBeNull();
  });
});
