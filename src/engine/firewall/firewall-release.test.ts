import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../scenarios/builtins';
import { createSimulation } from '../simulation';
import type { Firewall } from './firewall';

// The test runner has no --expose-gc: take gc from a fresh context once the flag is set.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a crashed firewall instance', () => {
  for (const strategy of ['unique-id', 'snapshot'] as const) {
    it(`is released once the router server has replaced it (${strategy})`, async () => {
      const sim = createSimulation({
        ...builtinScenarios['ftp-crash'],
        checkpoint: { strategy, mode: 'async' },
      });
      sim.runUntil(700_000);
      // A WeakRef made inside a function: nothing on this test's stack holds the instance.
      const crashed = ((fw: Firewall | null) => new WeakRef(fw as Firewall))(sim.firewall);
      sim.runUntil(2_000_000);
      expect(sim.runtime?.crashes[0]?.recoveredAtUs).not.toBeNull();
      expect(sim.firewall).not.toBe(crashed.deref());
      await nextTask(); // WeakRefs hold their target until the current job ends
      gc();
      expect(crashed.deref()).toBeUndefined();
    });
  }
});
