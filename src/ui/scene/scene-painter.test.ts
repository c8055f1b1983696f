import { afterEach, describe, expect, it, vi } from 'vitest';
import { paintFrameOf, type PaintFrame } from './paint-frame';
import type { SceneGeometry } from './scene-geometry';
import type { ScenePalette } from './scene-paint';
import { frameView, NO_ITEMS, recordingContext } from './scene-fixture';
import { ScenePainter, type ScenePaintMessage } from './scene-painter';

/** Stands in for the scene's worker: keeps what it is sent, answers when told to. */
class FakeWorker {
  static made: FakeWorker[] = [];
  readonly sent: { message: ScenePaintMessage; transfer: Transferable[] }[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;

  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: ScenePaintMessage, transfer: Transferable[]) {
    this.sent.push({ message, transfer });
  }
  terminate() {
    this.terminated = true;
  }
  /** The worker finished painting its frame. */
  painted() {
    this.onmessage?.({ data: 'painted' } as MessageEvent);
  }
  frames(): PaintFrame[] {
    return this.sent.flatMap((s) => (s.message.kind === 'frame' ? [s.message.frame] : []));
  }
}

const palette = {} as ScenePalette;
const geometry = { paths: new Map(), routes: new Map() } as unknown as SceneGeometry;
const frame = (widthPx: number) =>
  paintFrameOf(NO_ITEMS, geometry, frameView({ widthPx, heightPx: 1, pxPerUnit: 1 }));
const offscreen = { offscreen: true };
const canvas = { transferControlToOffscreen: () => offscreen } as unknown as HTMLCanvasElement;

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.made = [];
});

describe('the scene painter', () => {
  it('hands its canvas to a worker, then one frame at a time, keeping only the newest waiting', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const painter = new ScenePainter(canvas, palette);
    const [worker] = FakeWorker.made;
    expect(worker.sent[0]).toEqual({
      message: { kind: 'canvas', canvas: offscreen, palette },
      transfer: [offscreen],
    });
    const first = frame(1);
    painter.paint(first);
    painter.paint(frame(2)); // superseded before the worker was free
    painter.paint(frame(3));
    expect(worker.frames().map((f) => f.widthPx)).toEqual([1]);
    expect(worker.sent[1].transfer).toHaveLength(4);
    worker.painted();
    expect(worker.frames().map((f) => f.widthPx)).toEqual([1, 3]);
    worker.painted();
    painter.paint(frame(4));
    expect(worker.frames().map((f) => f.widthPx)).toEqual([1, 3, 4]);
    painter.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('stops and says why when the worker fails', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const failures: string[] = [];
    const painter = new ScenePainter(canvas, palette, { onfailure: (m) => failures.push(m) });
    const [worker] = FakeWorker.made;
    worker.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(failures).toEqual(['boom']);
    expect(worker.terminated).toBe(true);
    painter.paint(frame(1));
    expect(worker.frames()).toEqual([]);
  });

  it('paints on the page when the canvas cannot be handed over after all', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { ctx: context, log: calls } = recordingContext();
    const refusing = {
      width: 0,
      height: 0,
      transferControlToOffscreen: () => {
        throw new Error('the canvas has a context already');
      },
      getContext: () => context,
    } as unknown as HTMLCanvasElement;
    const failures: string[] = [];
    const painter = new ScenePainter(refusing, palette, { onfailure: (m) => failures.push(m) });
    painter.paint(frame(6));
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(FakeWorker.made[0].frames()).toEqual([]);
    expect(calls).toContain('clearRect 0 0 6 1');
    expect(failures).toEqual([]);
  });

  it('counts the frames that reached the canvas', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const counts: number[] = [];
    const painter = new ScenePainter(canvas, palette, { onpainted: (n) => counts.push(n) });
    painter.paint(frame(1));
    painter.paint(frame(2));
    FakeWorker.made[0].painted();
    FakeWorker.made[0].painted();
    expect(counts).toEqual([1, 2]);
  });

  it('keeps the canvas and paints on the page when the worker cannot start', () => {
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new Error('blocked by policy');
        }
      },
    );
    let handedOver = false;
    const { ctx: context, log: calls } = recordingContext();
    const blocked = {
      width: 0,
      height: 0,
      transferControlToOffscreen: () => ((handedOver = true), offscreen),
      getContext: () => context,
    } as unknown as HTMLCanvasElement;
    new ScenePainter(blocked, palette).paint(frame(5));
    expect(handedOver).toBe(false);
    expect(blocked.width).toBe(5);
    expect(calls).toContain('clearRect 0 0 5 1');
  });

  it('paints on the page where the canvas cannot be handed over', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { ctx: context, log: calls } = recordingContext();
    const plain = {
      width: 0,
      height: 0,
      getContext: () => context,
    } as unknown as HTMLCanvasElement;
    new ScenePainter(plain, palette).paint(frame(7));
    expect(FakeWorker.made).toEqual([]);
    expect(plain.width).toBe(7);
    expect(calls).toContain('clearRect 0 0 7 1');
  });
});
