import type { TraceEvent, TraceEventKind } from '../../engine';
import type { Recorder } from '../record/recorder';

/** A packet put on a link (the event the scene draws packets in flight from). */
export type LinkTransmit = Extract<TraceEvent, { kind: 'link.transmit' }>;

/** The kinds of event the scene draws from (Collector.transmit and other); it passes over the others. */
export const SCENE_KIND_LIST = [
  'link.transmit',
  'packet.drop',
  'replay.inject',
  'firewall.crash',
  'checkpoint.write',
  'checkpoint.snapshot',
  'checkpoint.delete',
  'recovery',
] as const satisfies readonly TraceEventKind[];

/**
 * The events the scene is drawn from, newest first: the scene's own index of a recorder
 * (SceneEvents), or a whole recorder (recorderScene).
 */
export interface SceneSource {
  /** Visits events from the newest back until the visitor returns false. */
  scanScene(visitor: SceneVisitor): void;
  /** The event a `handle` given to the visitor stands for. */
  eventAt(handle: number): TraceEvent;
  /** For a packet put on a link: the packet's id, and whether the link loses it. */
  packetIdAt(handle: number): number;
  lostAt(handle: number): boolean;
}

/**
 * Events come as numbers, and their objects are read (eventAt) only when needed: a packet
 * put on a link with its times and its link (most of those scanned have arrived already),
 * any other kind with its time (most are checkpoint writes whose record has landed).
 */
export interface SceneVisitor {
  transmit(atUs: number, txEndUs: number, arriveUs: number, link: string, handle: number): boolean;
  other(atUs: number, kind: TraceEventKind, handle: number): boolean;
}

export function asTransmit(event: TraceEvent): LinkTransmit {
  if (event.kind !== 'link.transmit') throw new Error('the scene expected a packet put on a link');
  return event;
}

function held(event: TraceEvent | undefined): TraceEvent {
  if (event === undefined) throw new Error('the scene asked for an event no longer held');
  return event;
}

/**
 * A whole recorder as the scene's source, every event visited: the reference whose items
 * SceneEvents must give too (its tests check that).
 */
export function recorderScene(recorder: Recorder): SceneSource {
  // The event visited last, kept: the recorder builds an event anew at each read.
  let lastSeq = -1;
  let last: TraceEvent | undefined;
  const at = (seq: number): TraceEvent =>
    seq === lastSeq && last !== undefined ? last : held(recorder.get(seq));
  return {
    scanScene(visitor) {
      recorder.scanBack((event, seq) => {
        lastSeq = seq;
        last = event;
        return event.kind === 'link.transmit'
          ? visitor.transmit(event.atUs, event.txEndUs, event.arriveUs, event.link, seq)
          : visitor.other(event.atUs, event.kind, seq);
      });
    },
    eventAt: at,
    packetIdAt: (seq) => asTransmit(at(seq)).packet.id,
    lostAt: (seq) => asTransmit(at(seq)).lost,
  };
}
