import type { FrameView } from './paint-frame';
import type { Flight, SceneItems } from './scene-items';

/** Test data for the scene's painting: nothing on screen. */
export const NO_ITEMS: SceneItems = { flights: [], drops: [], moves: [], busy: new Map() };

/** Test data: a view of a canvas, nothing selected, in motion, with any fields changed. */
export function frameView(overrides: Partial<FrameView> = {}): FrameView {
  return { widthPx: 800, heightPx: 400, pxPerUnit: 2, selected: null, still: false, ...overrides };
}

/** Test data: a packet halfway along its link at (x, 1), numbered x, with any fields changed. */
export function flightAt(
  x: number,
  connection: string | null,
  overrides: Partial<Flight> = {},
): Flight {
  return {
    at: { x, y: 1 },
    packetId: x,
    connection,
    exposed: false,
    lost: false,
    progress: 0.5,
    ...overrides,
  };
}

/**
 * A 2D context that writes down what is done to it: `fill #4e79a7 @1` (a fill or stroke with
 * its style and opacity), `arc 10 1 3.5 …` (any other call with its arguments).
 */
export function recordingContext(): { ctx: CanvasRenderingContext2D; log: string[] } {
  const log: string[] = [];
  const state: Record<string, unknown> = { globalAlpha: 1 };
  const ctx = new Proxy(state, {
    get(target, name: string) {
      if (name in target) return target[name];
      return (...args: unknown[]) => {
        if (name === 'fill' || name === 'stroke') {
          const style = name === 'fill' ? target.fillStyle : target.strokeStyle;
          log.push(`${name} ${String(style)} @${String(target.globalAlpha)}`);
        } else log.push(`${name} ${args.join(' ')}`);
      };
    },
    set(target, name: string, value) {
      target[name] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, log };
}
