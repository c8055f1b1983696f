import { DeferredModule } from './deferred-module';

// The parts of the page below the scene, each in its own chunk: the entry chunk holds what the
// first frame needs (the header, the run bar, the scene) and the engine, and stays under the
// 150 kB (gzip) budget of BENCHMARKS.md. Both are requested as soon as they are shown, which
// is at once.

/** Invariants, compare mode, flowcharts, charts, memory spaces, inspector and event log. */
export const areaPanels = new DeferredModule(() => import('./areas/AreaPanels.svelte'));

/** Packet counters, the checkpoint server, the firewall, its rules, the flows, a replay. */
export const resultPanels = new DeferredModule(() => import('./ResultPanels.svelte'));
