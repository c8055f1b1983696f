import type { CaptureSummary, ReplayPortSpec } from '../../engine';
import { FILE_PREFIX } from './capture-samples';

/** A capture read and checked whole, ready to replay as often as a run needs. */
export interface LoadedCapture {
  /** `sample:NAME` or `file:NAME`: the run config's scenario. */
  readonly key: string;
  /** The file's name, as the user knows it. */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** The router guessed from its traffic (PortInference). */
  readonly ports: readonly ReplayPortSpec[];
  readonly summary: CaptureSummary;
  /**
   * Simulated time its replay lasts: from the first timestamp to the latest (a packet stamped
   * before its predecessor is replayed at once, so the latest, not the last, ends it).
   */
  readonly spanUs: number;
}

/**
 * The captures the page can replay, by key. A run is rebuilt from its capture whenever it
 * starts over (a seek back, a crash added), so the bytes stay here. One user file at a time:
 * loading another replaces it (a big capture should not be held twice).
 */
export class CaptureShelf {
  private readonly captures = new Map<string, LoadedCapture>();

  get(key: string): LoadedCapture | undefined {
    return this.captures.get(key);
  }

  put(capture: LoadedCapture): void {
    if (capture.key.startsWith(FILE_PREFIX)) {
      for (const key of this.captures.keys()) {
        if (key.startsWith(FILE_PREFIX)) this.captures.delete(key);
      }
    }
    this.captures.set(capture.key, capture);
  }

  /** The user's file, if one is loaded. */
  get file(): LoadedCapture | undefined {
    for (const c of this.captures.values()) if (c.key.startsWith(FILE_PREFIX)) return c;
    return undefined;
  }
}

/** The page's shelf (the overview worker gets the capture it needs with each request). */
export const captureShelf = new CaptureShelf();
