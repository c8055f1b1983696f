import { frameBuffers, type PaintFrame } from './paint-frame';
import { paintFrame, type ScenePalette } from './scene-paint';

export type ScenePaintMessage =
  | { readonly kind: 'canvas'; readonly canvas: OffscreenCanvas; readonly palette: ScenePalette }
  | { readonly kind: 'frame'; readonly frame: PaintFrame };

/**
 * Paints the scene's frames on a canvas: in a worker when the browser can hand the canvas
 * over (OffscreenCanvas), else on the page's thread. With the worker, one frame is in its
 * hands at a time and only the newest waiting frame is kept: the picture may trail the
 * playhead by a frame, never by a queue.
 */
export class ScenePainter {
  private readonly worker: Worker | null = null;
  private readonly local: CanvasRenderingContext2D | null = null;
  private painting = false;
  private waiting: PaintFrame | null = null;
  /** Why the worker could not paint, once it failed; nothing is drawn after that. */
  failure: string | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly palette: ScenePalette,
    private readonly onfailure: (message: string) => void = () => {},
  ) {
    if (typeof canvas.transferControlToOffscreen === 'function' && typeof Worker === 'function') {
      const offscreen = canvas.transferControlToOffscreen();
      this.worker = new Worker(new URL('./scene-paint-worker.ts', import.meta.url), {
        type: 'module',
      });
      this.worker.onmessage = () => this.painted();
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.fail(event.message || 'the scene painter failed');
      };
      this.post({ kind: 'canvas', canvas: offscreen, palette }, [offscreen]);
    } else {
      this.local = canvas.getContext('2d');
    }
  }

  paint(frame: PaintFrame): void {
    if (this.failure !== null) return;
    if (this.worker === null) {
      if (this.local !== null) paintFrame(this.local, this.canvas, frame, this.palette);
    } else if (this.painting) {
      this.waiting = frame;
    } else {
      this.painting = true;
      this.post({ kind: 'frame', frame }, frameBuffers(frame));
    }
  }

  dispose(): void {
    this.worker?.terminate();
  }

  private painted(): void {
    this.painting = false;
    const next = this.waiting;
    this.waiting = null;
    if (next !== null) this.paint(next);
  }

  private post(message: ScenePaintMessage, transfer: Transferable[]): void {
    this.worker?.postMessage(message, transfer);
  }

  private fail(message: string): void {
    this.failure = message;
    this.worker?.terminate();
    this.onfailure(message);
  }
}
