import type { LongTask } from './stats';

/**
 * Functions Playwright runs inside the page (serialised: each must be self-contained). The
 * probe is installed before the app's own scripts on every navigation, so it sees the first
 * frame and every long task from navigation start; times are the page's performance.now().
 */

export interface PageProbe {
  readonly longTasks: LongTask[];
  /** When the first frame showing `readySelector` was done, ms after navigation start. */
  firstRenderMs: number | null;
  /** rAF intervals while recording; replaced by each startFrames. */
  frameMs: number[] | null;
}

type ProbeWindow = Window & { uiBenchProbe: PageProbe };

export function installProbe(readySelector: string): void {
  const probe: PageProbe = { longTasks: [], firstRenderMs: null, frameMs: null };
  (window as unknown as ProbeWindow).uiBenchProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.longTasks.push({ startMs: e.startTime, durationMs: e.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  const watch = () => {
    const ready = document.querySelector(readySelector);
    if (ready === null || ready.getBoundingClientRect().width === 0) {
      requestAnimationFrame(watch);
      return;
    }
    // This frame paints it: a message posted now is handled once the frame is done.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (probe.firstRenderMs = performance.now());
    channel.port2.postMessage(null);
  };
  requestAnimationFrame(watch);
}

/** What the probe saw of the page's start, and the browser's own first contentful paint. */
export function startReadings(): { firstRenderMs: number | null; fcpMs: number | null } {
  const probe = (window as unknown as ProbeWindow).uiBenchProbe;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return { firstRenderMs: probe.firstRenderMs, fcpMs: fcp?.startTime ?? null };
}

/** Starts recording the interval between successive animation frames. */
export function startFrames(): void {
  const probe = (window as unknown as ProbeWindow).uiBenchProbe;
  const frameMs: number[] = [];
  probe.frameMs = frameMs;
  let last: number | null = null;
  const tick = (frameStartMs: number) => {
    if (probe.frameMs !== frameMs) return;
    if (last !== null) frameMs.push(frameStartMs - last);
    last = frameStartMs;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export function stopFrames(): number[] {
  const probe = (window as unknown as ProbeWindow).uiBenchProbe;
  const frameMs = probe.frameMs ?? [];
  probe.frameMs = null;
  return frameMs;
}

export function longTasksSoFar(): LongTask[] {
  return (window as unknown as ProbeWindow).uiBenchProbe.longTasks;
}

/** Resolves after two frames: whatever the last state change drew is on screen. */
export function twoFrames(): Promise<void> {
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}
