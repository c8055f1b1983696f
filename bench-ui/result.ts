import type { MainThreadTime } from './trace-summary';
import type { ChunkSize } from './bundle-sizes';
import type { Distribution, LongTaskSummary } from './stats';

/** The targets of issue 7 ("In the browser"). kB are 1,000 bytes. */
export const TARGETS = {
  firstRenderMs: 1_000,
  /** One 60 Hz frame, as the issue writes it: judged by `withinOneFrame`. */
  frameP95Ms: 16.7,
  /** A long task is one over 50 ms: the target is that there is none. */
  longTasks: 0,
  entryGzipBytes: 150_000,
} as const;

/** One frame at 60 Hz. */
export const FRAME_60HZ_MS = 1_000 / 60;

/**
 * Whether a frame interval is one 60 Hz frame, not two or more. Intervals come in whole frames
 * (frame starts are on the display's beat), and the page's clock is coarsened to 0.1 ms, so
 * one frame reads 16.6, 16.7 or 16.8 ms and a frame missed reads 33.3 or more: anything under
 * one and a half frames is one. The harness's headless Chromium draws at 60 Hz (its idle
 * frames read 16.7 ms); on a faster display this would count a missed frame as none.
 */
export const withinOneFrame = (intervalMs: number) => intervalMs < 1.5 * FRAME_60HZ_MS;

export interface FirstRender {
  /** The path opened, e.g. "/" or "/?scenario=large-table". */
  readonly path: string;
  /** One figure per fresh page load. */
  readonly firstRenderMs: readonly number[];
  readonly fcpMs: readonly number[];
}

/** What the page showed at an instant, read off the page (as a user would read it). */
export interface PageReading {
  readonly simSeconds: number;
  /** The firewall box's count of tracked connections. */
  readonly connectionsTracked: number;
  /** The scene's count of packets drawn on the links (its canvas' data-flights). */
  readonly packetsInFlight: number;
}

/** A stretch of the run the page played, measured from its first frame to its last. */
export interface PlaySpan {
  readonly wallMs: number;
  readonly from: PageReading;
  readonly to: PageReading;
  readonly frameMs: Distribution;
  /** Frame intervals longer than one 60 Hz frame (see withinOneFrame): frames missed. */
  readonly overOneFrame: number;
  readonly longTasks: LongTaskSummary;
  /** Whether the overview worker (charts) had finished, at the window's start and end. */
  readonly overviewReady: readonly [boolean, boolean];
  /** With BENCH_UI_TRACE=1, the 1× stretch only: the main thread's time by kind of work. */
  readonly mainThread?: MainThreadTime;
}

export interface UiBenchResult {
  readonly scenario: string;
  readonly measuredAt: string;
  readonly browser: string;
  readonly cores: number;
  /** The machine's 1-minute load average before and after: others' work skews the figures. */
  readonly loadAverage: readonly [number, number];
  /** Whether a CPU profile was being taken (figures then include its overhead). */
  readonly profiled: boolean;
  readonly bundle: readonly ChunkSize[];
  readonly firstRender: readonly FirstRender[];
  /** Playing from 0 at speed max until the clock passes the instant measured. */
  readonly fastForward: PlaySpan;
  /** Paused at the instant: the floor of what rAF intervals can show on this machine. */
  readonly idleFrameMs: Distribution;
  /** Playing at 1× from the instant. */
  readonly playing: PlaySpan;
  /** The page's JS heap in use at the instant (main thread only), bytes: garbage included. */
  readonly heapUsedBytes: number;
  /**
   * The same after a full garbage collection: what the page keeps alive. The figure to compare
   * between runs and builds (the one above depends on when the collector last ran).
   */
  readonly liveHeapBytes: number;
  readonly pageErrors: readonly string[];
}
