import type { TraceEvent } from '../../engine';
import type { Recorder } from '../record/recorder';

/** A packet put on a link (the event the scene draws packets in flight from). */
export type LinkTransmit = Extract<TraceEvent, { kind: 'link.transmit' }>;

/**
 * The events the scene is drawn from, newest first: the scene's own index of a recorder
 * (SceneEvents), or a whole recorder (recorderScene).
 */
export interface SceneSource {
  /** Visits events from the newest back until the visitor returns false. */
  scanScene(visitor: SceneVisitor): void;
  /** The packet put on a link that `handle` (given to SceneVisitor.transmit) stands for. */
  transmitAt(handle: number): LinkTransmit;
}

/**
 * A packet put on a link comes with its times and its link only: most of those scanned have
 * arrived already, and their event is not read. Other kinds come as events.
 */
export interface SceneVisitor {
  transmit(atUs: number, txEndUs: number, arriveUs: number, link: string, handle: number): boolean;
  other(event: TraceEvent): boolean;
}

export function asTransmit(event: TraceEvent | undefined): LinkTransmit {
  if (event?.kind !== 'link.transmit') throw new Error('the scene expected a packet put on a link');
  return event;
}

/**
 * A whole recorder as the scene's source, every event visited: the reference whose items
 * SceneEvents must give too (its tests check that).
 */
export function recorderScene(recorder: Recorder): SceneSource {
  return {
    scanScene(visitor) {
      recorder.scanBack((event, seq) =>
        event.kind === 'link.transmit'
          ? visitor.transmit(event.atUs, event.txEndUs, event.arriveUs, event.link, seq)
          : visitor.other(event),
      );
    },
    transmitAt: (seq) => asTransmit(recorder.get(seq)),
  };
}
