import { captureShelf } from '../replay/capture-shelf';
import type { RunConfig } from '../run/run-config';
import type { Overview } from './overview';

export type OverviewReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly overview: Overview;
      /** The run without crashes; null: there were none; undefined: still being computed. */
      readonly baseline: Overview | null | undefined;
    }
  | { readonly id: number; readonly ok: false; readonly message: string };

/**
 * Asks a worker for the overview of a config. Only the latest request matters: asking again
 * while one is being computed stops that worker (a run cannot be interrupted any other way)
 * and starts a fresh one, so a quick series of changes never queues up stale runs.
 */
export class OverviewClient {
  private worker: Worker | null = null;
  private nextId = 0;
  private busy = false;

  constructor(private readonly onreply: (config: RunConfig, reply: OverviewReply) => void) {}

  request(config: RunConfig): void {
    if (this.busy) this.stop();
    const id = ++this.nextId;
    const worker = this.start();
    this.busy = true;
    worker.onmessage = (event: MessageEvent<OverviewReply>) => {
      if (event.data.id !== this.nextId) return;
      this.busy = event.data.ok && event.data.baseline === undefined;
      this.onreply(config, event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.busy = false;
      this.onreply(config, {
        id,
        ok: false,
        message: event.message || 'the overview worker failed',
      });
    };
    // A plain copy: the config may be a reactive proxy, which cannot cross to a worker.
    // A replay's capture goes along (copied: the page keeps replaying its own).
    worker.postMessage({
      id,
      config: structuredClone({ ...config, crashAtUs: [...config.crashAtUs] }),
      capture: captureShelf.get(config.scenario) ?? null,
    });
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.busy = false;
  }

  private start(): Worker {
    this.worker ??= new Worker(new URL('./overview-worker.ts', import.meta.url), {
      type: 'module',
    });
    return this.worker;
  }
}
