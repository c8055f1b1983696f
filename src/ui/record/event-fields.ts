import type { PacketSummary, TraceEvent, TraceEventKind } from '../../engine';

/** Takes an event's fields by their index in EVENT_SCHEMA, typed as the schema says. */
export interface FieldWriter {
  num(i: number, value: number): void;
  numOrNull(i: number, value: number | null): void;
  str(i: number, value: string): void;
  strOrNull(i: number, value: string | null): void;
  value(i: number, value: unknown): void;
  bool(i: number, value: boolean): void;
  packet(summary: PacketSummary): void;
}

/** Gives back the fields a FieldWriter took, by the same indexes. */
export interface FieldReader {
  num(i: number): number;
  numOrNull(i: number): number | null;
  str(i: number): string;
  strOrNull(i: number): string | null;
  value<T>(i: number): T;
  bool(i: number): boolean;
  packet(): PacketSummary;
}

/**
 * Hands each field of `e` to `w`, in EVENT_SCHEMA's order. Written out kind by kind rather than
 * read by the schema's names: a field read by name from twenty shapes of object is a
 * megamorphic lookup, and those were most of what recording an event cost (about 240 ns of
 * it). The recorder's tests hold this to the schema: every kind, through a write and a read.
 */
export function writeFields(e: TraceEvent, w: FieldWriter): void {
  w.num(0, e.atUs);
  switch (e.kind) {
    case 'link.transmit':
      w.str(1, e.link);
      w.num(2, e.txEndUs);
      w.num(3, e.arriveUs);
      w.bool(4, e.lost);
      w.bool(5, e.duplicated);
      return w.packet(e.packet);
    case 'packet.drop':
      w.str(1, e.where);
      w.str(2, e.reason);
      return w.packet(e.packet);
    case 'packet.deliver':
      w.str(1, e.host);
      return w.packet(e.packet);
    case 'replay.inject':
      w.num(1, e.frame);
      w.str(2, e.port);
      return w.packet(e.packet);
    case 'router.forward':
      w.str(1, e.router);
      w.str(2, e.inPort);
      w.str(3, e.outPort);
      return w.packet(e.packet);
    case 'tcp.state':
      w.str(1, e.host);
      w.str(2, e.socket);
      w.str(3, e.from);
      return w.str(4, e.to);
    case 'tcp.retransmit':
      w.str(1, e.host);
      w.str(2, e.socket);
      w.num(3, e.seq);
      w.num(4, e.len);
      return w.str(5, e.cause);
    case 'tcp.abort':
      w.str(1, e.host);
      w.str(2, e.socket);
      return w.str(3, e.reason);
    case 'app.message':
      w.str(1, e.host);
      w.str(2, e.flow);
      return w.str(3, e.text);
    case 'flow.end':
      w.str(1, e.flow);
      w.bool(2, e.completed);
      return w.bool(3, e.aborted);
    case 'fault':
      w.str(1, e.fault);
      return w.str(2, e.detail);
    case 'firewall.verdict':
      w.str(1, e.verdict);
      w.str(2, e.reason);
      w.str(3, e.ctState);
      w.strOrNull(4, e.connection);
      return w.packet(e.packet);
    case 'firewall.connection':
      w.str(1, e.event);
      w.str(2, e.connection);
      return w.str(3, e.detail);
    case 'firewall.expectation':
      w.str(1, e.event);
      w.str(2, e.helper);
      w.str(3, e.master);
      return w.str(4, e.detail);
    case 'firewall.log':
      w.num(1, e.rule);
      w.str(2, e.prefix);
      return w.packet(e.packet);
    case 'checkpoint.write':
      w.value(1, e.acts);
      w.str(2, e.connection);
      w.str(3, e.area);
      w.num(4, e.version);
      w.num(5, e.bytes);
      return w.str(6, e.mode);
    case 'checkpoint.delete':
      return w.str(1, e.connection);
    case 'checkpoint.flush':
      return w.num(1, e.operations);
    case 'checkpoint.snapshot':
      w.num(1, e.connections);
      return w.num(2, e.bytes);
    case 'firewall.crash':
      w.num(1, e.connections);
      return w.bool(2, e.failOpen);
    case 'supervisor':
      w.str(1, e.event);
      w.numOrNull(2, e.act);
      return w.num(3, e.epoch);
    case 'recovery':
      w.num(1, e.act);
      w.str(2, e.detail);
      w.strOrNull(3, e.connection);
      return w.strOrNull(4, e.area);
  }
}

/**
 * The event of `kind` whose fields `r` gives, built as one object literal per kind (the
 * engine's key order): the scene reads thousands a frame, and an object built field by field
 * from a list of names is slower to make and to read.
 */
export function readFields(kind: TraceEventKind, r: FieldReader): TraceEvent {
  const atUs = r.num(0);
  switch (kind) {
    case 'link.transmit':
      return {
        kind,
        atUs,
        link: r.str(1),
        txEndUs: r.num(2),
        arriveUs: r.num(3),
        lost: r.bool(4),
        duplicated: r.bool(5),
        packet: r.packet(),
      };
    case 'packet.drop':
      return { kind, atUs, where: r.str(1), reason: r.str(2), packet: r.packet() };
    case 'packet.deliver':
      return { kind, atUs, host: r.str(1), packet: r.packet() };
    case 'replay.inject':
      return { kind, atUs, frame: r.num(1), port: r.str(2), packet: r.packet() };
    case 'router.forward':
      return {
        kind,
        atUs,
        router: r.str(1),
        inPort: r.str(2),
        outPort: r.str(3),
        packet: r.packet(),
      };
    case 'tcp.state':
      return { kind, atUs, host: r.str(1), socket: r.str(2), from: r.str(3), to: r.str(4) };
    case 'tcp.retransmit':
      return {
        kind,
        atUs,
        host: r.str(1),
        socket: r.str(2),
        seq: r.num(3),
        len: r.num(4),
        cause: r.value(5),
      };
    case 'tcp.abort':
      return { kind, atUs, host: r.str(1), socket: r.str(2), reason: r.str(3) };
    case 'app.message':
      return { kind, atUs, host: r.str(1), flow: r.str(2), text: r.str(3) };
    case 'flow.end':
      return { kind, atUs, flow: r.str(1), completed: r.bool(2), aborted: r.bool(3) };
    case 'fault':
      return { kind, atUs, fault: r.str(1), detail: r.str(2) };
    case 'firewall.verdict':
      return {
        kind,
        atUs,
        verdict: r.value(1),
        reason: r.str(2),
        ctState: r.str(3),
        connection: r.strOrNull(4),
        packet: r.packet(),
      };
    case 'firewall.connection':
      return { kind, atUs, event: r.value(1), connection: r.str(2), detail: r.str(3) };
    case 'firewall.expectation':
      return {
        kind,
        atUs,
        event: r.value(1),
        helper: r.str(2),
        master: r.str(3),
        detail: r.str(4),
      };
    case 'firewall.log':
      return { kind, atUs, rule: r.num(1), prefix: r.str(2), packet: r.packet() };
    case 'checkpoint.write':
      return {
        kind,
        atUs,
        acts: r.value(1),
        connection: r.str(2),
        area: r.str(3),
        version: r.num(4),
        bytes: r.num(5),
        mode: r.value(6),
      };
    case 'checkpoint.delete':
      return { kind, atUs, connection: r.str(1) };
    case 'checkpoint.flush':
      return { kind, atUs, operations: r.num(1) };
    case 'checkpoint.snapshot':
      return { kind, atUs, connections: r.num(1), bytes: r.num(2) };
    case 'firewall.crash':
      return { kind, atUs, connections: r.num(1), failOpen: r.bool(2) };
    case 'supervisor':
      return { kind, atUs, event: r.value(1), act: r.numOrNull(2), epoch: r.num(3) };
    case 'recovery':
      return {
        kind,
        atUs,
        act: r.num(1),
        detail: r.str(2),
        connection: r.strOrNull(3),
        area: r.strOrNull(4),
      };
  }
}
