import type { PacketSummary } from './net/packet';

/**
 * Everything the engine records in its trace. Views and tests subscribe to these; the CLI
 * writes them as JSON lines. Times are simulated microseconds.
 */
export type TraceEvent =
  | {
      /** A packet started onto a link; it arrives at `arriveUs` unless `lost`. */
      kind: 'link.transmit';
      atUs: number;
      link: string;
      txEndUs: number;
      arriveUs: number;
      lost: boolean;
      duplicated: boolean;
      packet: PacketSummary;
    }
  | { kind: 'packet.drop'; atUs: number; where: string; reason: string; packet: PacketSummary }
  | { kind: 'packet.deliver'; atUs: number; host: string; packet: PacketSummary }
  | {
      kind: 'router.forward';
      atUs: number;
      router: string;
      inPort: string;
      outPort: string;
      packet: PacketSummary;
    }
  | { kind: 'tcp.state'; atUs: number; host: string; socket: string; from: string; to: string }
  | {
      kind: 'tcp.retransmit';
      atUs: number;
      host: string;
      socket: string;
      seq: number;
      len: number;
      cause: 'timeout' | 'fast-retransmit' | 'syn-timeout';
    }
  | { kind: 'tcp.abort'; atUs: number; host: string; socket: string; reason: string }
  | { kind: 'app.message'; atUs: number; host: string; flow: string; text: string }
  | { kind: 'flow.end'; atUs: number; flow: string; completed: boolean; aborted: boolean }
  | { kind: 'fault'; atUs: number; fault: string; detail: string };

export type TraceEventKind = TraceEvent['kind'];
