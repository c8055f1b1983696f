/// <reference lib="webworker" />
import { CaptureShelf, type LoadedCapture } from '../replay/capture-shelf';
import { buildRun, type RunConfig } from '../run/run-config';
import { computeOverview, withoutCrashes } from './overview';
import type { OverviewReply } from './overview-client';

// Runs a config to its end off the page's thread and sends back its overview — then, when it
// has crashes, the same run without them (the baseline), in a second message. A replay's
// capture comes with the request (the worker has no shelf of its own).
self.onmessage = (
  event: MessageEvent<{ id: number; config: RunConfig; capture: LoadedCapture | null }>,
) => {
  const { id, config, capture } = event.data;
  try {
    const shelf = new CaptureShelf();
    if (capture !== null) shelf.put(capture);
    const { scenario, capture: bytes } = buildRun(config, shelf);
    const overview = computeOverview(scenario, undefined, undefined, bytes);
    const calm = withoutCrashes(scenario);
    post({ id, ok: true, overview, baseline: calm === null ? null : undefined });
    if (calm !== null) {
      post({
        id,
        ok: true,
        overview,
        baseline: computeOverview(calm, undefined, undefined, bytes),
      });
    }
  } catch (error) {
    post({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};

function post(reply: OverviewReply): void {
  self.postMessage(reply);
}
