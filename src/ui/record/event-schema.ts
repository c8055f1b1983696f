import type { TraceEventKind } from '../../engine';

/**
 * What a field holds: `num` a number (`num?` or null); `str` a string (`str?` or null); `value`
 * any other value (the acts of a checkpoint write: shared arrays); `bool` a boolean. The ring
 * keeps numbers and booleans in a Float64Array (null as NaN), the rest by reference.
 */
export type FieldType = 'num' | 'num?' | 'str' | 'str?' | 'value' | 'bool';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
}

/** What an event of a kind holds besides its kind, in the order the engine writes it. */
export interface KindSpec {
  readonly fields: readonly FieldSpec[];
  /** It carries a packet summary, written last (`packet`). */
  readonly packet: boolean;
}

const spec = (text: string, packet = false): KindSpec => ({
  fields: text.split(' ').map((field) => {
    const [name, type] = field.split(':');
    return { name, type: type as FieldType };
  }),
  packet,
});

/**
 * Every kind of TraceEvent (engine/trace-event.ts), field by field, in the engine's order: what
 * event-fields.ts writes and reads by hand, kind by kind. A kind the engine adds must be added
 * here (the type requires it). The recorder's tests hold the three together: events of real
 * runs must come back with these keys in this order, and events generated from this schema
 * must come back as they were written.
 */
export const EVENT_SCHEMA: Readonly<Record<TraceEventKind, KindSpec>> = {
  'link.transmit': spec(
    'atUs:num link:str txEndUs:num arriveUs:num lost:bool duplicated:bool',
    true,
  ),
  'packet.drop': spec('atUs:num where:str reason:str', true),
  'packet.deliver': spec('atUs:num host:str', true),
  'replay.inject': spec('atUs:num frame:num port:str', true),
  'router.forward': spec('atUs:num router:str inPort:str outPort:str', true),
  'tcp.state': spec('atUs:num host:str socket:str from:str to:str'),
  'tcp.retransmit': spec('atUs:num host:str socket:str seq:num len:num cause:str'),
  'tcp.abort': spec('atUs:num host:str socket:str reason:str'),
  'app.message': spec('atUs:num host:str flow:str text:str'),
  'flow.end': spec('atUs:num flow:str completed:bool aborted:bool'),
  fault: spec('atUs:num fault:str detail:str'),
  'firewall.verdict': spec('atUs:num verdict:str reason:str ctState:str connection:str?', true),
  'firewall.connection': spec('atUs:num event:str connection:str detail:str'),
  'firewall.expectation': spec('atUs:num event:str helper:str master:str detail:str'),
  'firewall.log': spec('atUs:num rule:num prefix:str', true),
  'checkpoint.write': spec(
    'atUs:num acts:value connection:str area:str version:num bytes:num mode:str',
  ),
  'checkpoint.delete': spec('atUs:num connection:str'),
  'checkpoint.flush': spec('atUs:num operations:num'),
  'checkpoint.snapshot': spec('atUs:num connections:num bytes:num'),
  'firewall.crash': spec('atUs:num connections:num failOpen:bool'),
  supervisor: spec('atUs:num event:str act:num? epoch:num'),
  recovery: spec('atUs:num act:num detail:str connection:str? area:str?'),
};

export const EVENT_KINDS = Object.keys(EVENT_SCHEMA) as TraceEventKind[];

/** The most fields a kind has besides its kind and packet: the numbers a ring slot holds. */
export const MAX_FIELDS = Math.max(...EVENT_KINDS.map((kind) => EVENT_SCHEMA[kind].fields.length));
