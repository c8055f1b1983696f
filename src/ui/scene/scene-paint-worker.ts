/// <reference lib="webworker" />
import type { PaintFrame } from './paint-frame';
import { paintFrame, type ScenePalette } from './scene-paint';
import type { ScenePaintMessage } from './scene-painter';

// Paints the scene on the canvas the page handed over (transferControlToOffscreen): the
// drawing and the canvas's copy to the screen happen here, off the page's thread, which
// spent a third of each frame on them with 2,000 packets on the links.
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
let palette: ScenePalette | null = null;

// A frame that cannot be read here is an error of this worker: the page hears of it through
// its onerror and says that packets cannot be drawn (rather than waiting for ever).
self.onmessageerror = () => {
  throw new Error('a frame could not reach the scene painter');
};

self.onmessage = (event: MessageEvent<ScenePaintMessage>) => {
  const message = event.data;
  if (message.kind === 'canvas') {
    canvas = message.canvas;
    ctx = canvas.getContext('2d');
    palette = message.palette;
    return;
  }
  paint(message.frame);
  // The page sends its next frame only now: a slow paint never queues stale frames.
  self.postMessage('painted');
};

function paint(frame: PaintFrame): void {
  if (canvas === null || ctx === null || palette === null) {
    throw new Error('the scene painter was sent a frame before its canvas');
  }
  paintFrame(ctx, canvas, frame, palette);
}
