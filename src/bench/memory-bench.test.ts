import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { runMemoryBench } from './memory-bench';

const global = globalThis as { gc?: () => void };
const exposed = global.gc;

afterEach(() => {
  global.gc = exposed;
});

describe('runMemoryBench', () => {
  it('gives no figures, and says why, when gc is not exposed', () => {
    global.gc = undefined;
    expect(runMemoryBench({ quick: true })).toEqual({
      available: false,
      reason: expect.stringMatching(/--expose-gc/),
    });
  });

  it('reports bytes per connection for the firewall alone and with its checkpoint server', () => {
    // The test runner has no --expose-gc: take gc from a fresh context once the flag is set.
    setFlagsFromString('--expose-gc');
    global.gc = runInNewContext('gc') as () => void;
    const result = runMemoryBench({ quick: true, connections: 500 });
    if (!result.available) throw new Error(result.reason);
    expect(result.connections).toBe(500);
    expect(result.bytesPerConnection).toBe(result.total.bytesPerConnection.median);
    expect(result.total.bytesPerConnection.runs).toBe(2);
    expect(result.firewall.bytesPerConnection.median).toBeGreaterThan(0);
    expect(result.serverBytesPerConnection).toBeCloseTo(
      result.bytesPerConnection - result.firewall.bytesPerConnection.median,
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
