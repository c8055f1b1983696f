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
      /** A replayed capture packet enters a router port (`frame`: its 1-based number in the file). */
      kind: 'replay.inject';
      atUs: number;
      frame: number;
      port: string;
      packet: PacketSummary;
    }
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
  | { kind: 'fault'; atUs: number; fault: string; detail: string }
  | {
      /** The firewall's decision on one packet. */
      kind: 'firewall.verdict';
      atUs: number;
      verdict: 'accept' | 'drop' | 'reject';
      /** "rule 3", "policy (forward)", "invalid state: …", "unknown mid-stream", "rate limited", … */
      reason: string;
      ctState: string;
      /** Readable connection id, or null when the packet belongs to none. */
      connection: string | null;
      packet: PacketSummary;
    }
  | {
      kind: 'firewall.connection';
      atUs: number;
      event: 'new' | 'end';
      connection: string;
      /** For new: who admitted it ("rule 3", "expectation (ftp)"); for end: why it ended. */
      detail: string;
    }
  | {
      /** A helper announced a data/media connection (or refused to). */
      kind: 'firewall.expectation';
      atUs: number;
      event: 'created' | 'matched' | 'refused';
      helper: string;
      master: string;
      detail: string;
    }
  | { kind: 'firewall.log'; atUs: number; rule: number; prefix: string; packet: PacketSummary }
  | {
      /** A record written for a connection's base layer or a module's part (acts 600–604, 700–704, 800–802). */
      kind: 'checkpoint.write';
      atUs: number;
      acts: readonly number[];
      connection: string;
      area: string;
      version: number;
      bytes: number;
      mode: 'sync' | 'async';
    }
  | { kind: 'checkpoint.delete'; atUs: number; connection: string }
  | { kind: 'checkpoint.flush'; atUs: number; operations: number }
  | { kind: 'checkpoint.snapshot'; atUs: number; connections: number; bytes: number }
  | { kind: 'firewall.crash'; atUs: number; connections: number; failOpen: boolean }
  | {
      /** The router server (FIG. 9): noticed the crash, restarted the firewall (act 900), back in service. */
      kind: 'supervisor';
      atUs: number;
      event: 'detected' | 'restarted' | 'recovered';
      act: number | null;
      epoch: number;
    }
  | {
      /** Recovery steps: 902 anything to recover?, 904 fetched, 1000 data present, 1002 base layer, 1004 module part. */
      kind: 'recovery';
      atUs: number;
      act: number;
      detail: string;
      connection: string | null;
      area: string | null;
    };

export type TraceEventKind = TraceEvent['kind'];
