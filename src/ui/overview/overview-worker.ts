/// <reference lib="webworker" />
import { buildScenario, type RunConfig } from '../run/run-config';
import { computeOverview } from './overview';
import type { OverviewReply } from './overview-client';

// Runs a config to its end off the page's thread and sends back its overview.
self.onmessage = (event: MessageEvent<{ id: number; config: RunConfig }>) => {
  const { id, config } = event.data;
  let reply: OverviewReply;
  try {
    reply = { id, ok: true, overview: computeOverview(buildScenario(config)) };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
