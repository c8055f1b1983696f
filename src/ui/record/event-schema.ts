import type { TraceEventKind } from '../../engine';

/**
 * How a field is kept as a number: `num` as itself; `num?` the same, null as NaN; `str` and
 * `str?` as an interned ref (null as -1); `value` any other value, interned by identity (the
 * acts of a checkpoint write are shared arrays); `bool` as 1 or 0.
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
 * Every kind of TraceEvent (engine/trace-event.ts), field by field. A kind the engine adds
 * must be added here (the type requires it); a field left out or out of order is caught by the
 * recorder's test, which compares every event of real runs with what the ring gives back.
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
