/// <reference lib="webworker" />
import { buildScenario, type RunConfig } from '../run/run-config';
import { computeOverview, withoutCrashes } from './overview';
import type { OverviewReply } from './overview-client';

// Runs a config to its end off the page's thread and sends back its overview — then, when it
// has crashes, the same run without them (the baseline), in a second message.
self.onmessage = (event: MessageEvent<{ id: number; config: RunConfig }>) => {
  const { id, config } = event.data;
  try {
    const scenario = buildScenario(config);
    const overview = computeOverview(scenario);
    const calm = withoutCrashes(scenario);
    post({ id, ok: true, overview, baseline: calm === null ? null : undefined });
    if (calm !== null) post({ id, ok: true, overview, baseline: computeOverview(calm) });
  } catch (error) {
    post({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};

function post(reply: OverviewReply): void {
  self.postMessage(reply);
}
