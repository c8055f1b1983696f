import { frameBuffers, type PaintFrame } from './paint-frame';
import { paintFrame, type ScenePalette } from './scene-paint';

export type ScenePaintMessage =
  | { readonly kind: 'canvas'; readonly canvas: OffscreenCanvas; readonly palette: ScenePalette }
  | { readonly kind: 'frame'; readonly frame: PaintFrame };

export interface ScenePainterEvents {
  /** The worker could not paint (nothing is drawn after that): why. */
  readonly onfailure?: (message: string) => void;
  /** A frame reached the canvas: how many so far. */
  readonly onpainted?: (frames: number) => void;
}

/**
 * Paints the scene's frames on a canvas: in a worker when the browser can hand the canvas
 * over (OffscreenCanvas), else on the page's thread. With the worker, one frame is in its
 * hands at a time and only the newest waiting frame is kept: the picture may trail the
 * playhead by a frame, never by a queue.
 */
export class ScenePainter {
  private worker: Worker | null;
  private local: CanvasRenderingContext2D | null = null;
  private painting = false;
  private waiting: PaintFrame | null = null;
  private framesPainted = 0;
  private failed = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly palette: ScenePalette,
    private readonly events: ScenePainterEvents = {},
  ) {
    // The worker first: if it cannot be started (no support, a security policy that refuses
    // it at once), the canvas is still the page's own to paint on. A worker that fails later
    // (its script not loading, a frame it cannot read) reports through onerror, and the
    // scene says so.
    this.worker = typeof canvas.transferControlToOffscreen === 'function' ? startWorker() : null;
    if (this.worker !== null) {
      try {
        const offscreen = canvas.transferControlToOffscreen();
        this.worker.postMessage({ kind: 'canvas', canvas: offscreen, palette }, [offscreen]);
      } catch {
        // Not handed over after all: the page paints.
        this.worker.terminate();
        this.worker = null;
      }
    }
    if (this.worker === null) {
      this.local = canvas.getContext('2d');
      return;
    }
    this.worker.onmessage = () => this.painted();
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || 'the scene painter failed');
    };
  }

  paint(frame: PaintFrame): void {
    if (this.failed) return;
    if (this.worker === null) {
      if (this.local === null) return;
      paintFrame(this.local, this.canvas, frame, this.palette);
      this.events.onpainted?.(++this.framesPainted);
    } else if (this.painting) {
      this.waiting = frame;
    } else {
      this.painting = true;
      const message: ScenePaintMessage = { kind: 'frame', frame };
      this.worker.postMessage(message, frameBuffers(frame));
    }
  }

  dispose(): void {
    this.worker?.terminate();
  }

  private painted(): void {
    this.painting = false;
    this.events.onpainted?.(++this.framesPainted);
    const next = this.waiting;
    this.waiting = null;
    if (next !== null) this.paint(next);
  }

  private fail(message: string): void {
    this.failed = true;
    this.worker?.terminate();
    this.events.onfailure?.(message);
  }
}

function startWorker(): Worker | null {
  if (typeof Worker !== 'function') return null;
  try {
    return new Worker(new URL('./scene-paint-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}
