/// <reference lib="webworker" />
import { buildRun } from '../run/run-config';
import { CaptureShelf } from './capture-shelf';
import type { ExportReply, ExportRequest } from './export-client';
import { EXPORT_TYPES, exportFileName, exportRun } from './export-run';

// Re-runs a config to the playhead off the page's thread, recording the file asked for. A
// replay's capture comes with the request (the worker has no shelf of its own). The file's
// buffers are transferred, not copied: the worker is done with them.
self.onmessage = (event: MessageEvent<ExportRequest>) => {
  const { id, config, untilUs, kind, capture } = event.data;
  try {
    const shelf = new CaptureShelf();
    if (capture !== null) shelf.put(capture);
    const chunks = exportRun(buildRun(config, shelf), untilUs, kind);
    const file = {
      name: exportFileName(config.scenario, untilUs, kind),
      type: EXPORT_TYPES[kind],
      chunks,
    };
    post(
      { id, ok: true, file },
      chunks.map((c) => c.buffer),
    );
  } catch (error) {
    post({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};

function post(reply: ExportReply, transfer: Transferable[] = []): void {
  self.postMessage(reply, { transfer });
}
