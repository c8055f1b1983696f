import type { RunConfig } from '../run/run-config';
import { captureShelf, type LoadedCapture } from './capture-shelf';
import type { ExportFile, ExportKind } from './export-run';

export interface ExportRequest {
  readonly id: number;
  readonly config: RunConfig;
  readonly untilUs: number;
  readonly kind: ExportKind;
  /** The capture a replay config runs (the worker has no shelf); null for a built-in. */
  readonly capture: LoadedCapture | null;
}

export type ExportReply =
  | { readonly id: number; readonly ok: true; readonly file: ExportFile }
  | { readonly id: number; readonly ok: false; readonly message: string };

/**
 * Prepares downloads in a worker, so re-running a long stretch of a run never freezes the
 * page. One export at a time: a new request stops the one under way (its promise rejects), and
 * each export gets a fresh worker that is ended once it answers — its memory, up to the size
 * of the file, goes with it.
 */
export class ExportClient {
  private current: { worker: Worker; fail: (message: string) => void } | null = null;
  private nextId = 0;

  request(config: RunConfig, untilUs: number, kind: ExportKind): Promise<ExportFile> {
    this.stop();
    const id = ++this.nextId;
    const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' });
    return new Promise<ExportFile>((resolve, reject) => {
      const fail = (message: string) => {
        this.end(worker);
        reject(new Error(message));
      };
      this.current = { worker, fail };
      worker.onmessage = (event: MessageEvent<ExportReply>) => {
        const reply = event.data;
        if (reply.id !== id) return;
        if (!reply.ok) return fail(reply.message);
        this.end(worker);
        resolve(reply.file);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        fail(event.message || 'the export worker failed');
      };
      worker.onmessageerror = () => fail('the export could not be received from its worker');
      const request: ExportRequest = {
        id,
        // A plain copy: the config may be a reactive proxy, which cannot cross to a worker.
        config: { ...config, crashAtUs: [...config.crashAtUs] },
        untilUs,
        kind,
        // Copied, not moved: the page goes on replaying its own.
        capture: captureShelf.get(config.scenario) ?? null,
      };
      worker.postMessage(request);
    });
  }

  /** Stops the export under way, if any; its promise rejects. */
  stop(): void {
    this.current?.fail('the export was stopped');
  }

  private end(worker: Worker): void {
    worker.terminate();
    if (this.current?.worker === worker) this.current = null;
  }
}
