import { DeferredModule } from './deferred-module';

// The parts of the page below the scene, each in its own chunk. What index.html loads before
// the page runs (the entry chunk: the header, the run bar, the scene; and the engine's chunk it
// preloads) then stays under the 150 kB (gzip) budget of BENCHMARKS.md. Both parts are
// requested when the page first shows them, during its first mount; the page does not wait
// for them.

/** Invariants, compare mode, flowcharts, charts, memory spaces, inspector and event log. */
export const areaPanels = new DeferredModule(() => import('./areas/AreaPanels.svelte'));

/** Packet counters, the checkpoint server, the firewall, its rules, the flows, a replay. */
export const resultPanels = new DeferredModule(() => import('./ResultPanels.svelte'));
