import type { PacketSummary, TraceEvent } from '../../engine';
import { readFields, writeFields, type FieldReader, type FieldWriter } from './event-fields';
import { EVENT_KINDS, EVENT_SCHEMA, MAX_FIELDS } from './event-schema';
import { SummaryColumns } from './summary-columns';

const KIND_CODES = new Map<string, number>(EVENT_KINDS.map((kind, code) => [kind, code]));
/** A slot being written, or whose write failed: it holds no event. */
const NO_EVENT = 255;

/** A ring's fields: numbers in a typed array, strings and other values in a plain one. */
interface Rows {
  readonly numbers: Float64Array;
  readonly values: unknown[];
  readonly summaries: SummaryColumns;
}

/**
 * Trace events kept in rows, one per ring slot: the kind, MAX_FIELDS numbers (a Float64Array)
 * and as many references to strings (one array), and a packet summary's columns; about 180
 * bytes a slot. The page's recorder holds 200,000 events; as objects, an event and its summary
 * were two of the 400,000 the garbage collector traced and moved while fast-forwarding, most of
 * its long tasks. The strings are kept as they are: most are a few shared ones (hosts, links,
 * states), and an array of them is traced as one object. Reading a slot builds the event again,
 * equal field for field and in the engine's key order.
 */
export class EventColumns {
  private readonly kinds: Uint8Array;
  private readonly writer: RowWriter;
  private readonly reader: RowReader;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) {
      throw new RangeError(`recorder capacity must be a positive integer, got ${capacity}`);
    }
    this.kinds = new Uint8Array(capacity).fill(NO_EVENT);
    const rows: Rows = {
      numbers: new Float64Array(capacity * MAX_FIELDS),
      // Fields that hold numbers leave a slot's old string here until overwritten: bounded.
      values: new Array<unknown>(capacity * MAX_FIELDS).fill(null),
      summaries: new SummaryColumns(capacity),
    };
    this.writer = new RowWriter(rows);
    this.reader = new RowReader(rows);
  }

  /** Writes `event` into `slot`; throws if a field is not what its kind says. */
  write(slot: number, event: TraceEvent): void {
    const code = KIND_CODES.get(event.kind);
    if (code === undefined) throw new TypeError(`the recorder has no kind "${event.kind}"`);
    this.kinds[slot] = NO_EVENT;
    this.writer.start(code, slot);
    writeFields(event, this.writer);
    this.kinds[slot] = code;
  }

  /** Whether `slot` holds an event (not one never written, nor one whose write was refused). */
  holds(slot: number): boolean {
    return this.kinds[slot] !== NO_EVENT;
  }

  /** The event in `slot`, as a new object. */
  read(slot: number): TraceEvent {
    const code = this.kinds[slot];
    if (code === NO_EVENT) throw new RangeError(`ring slot ${slot} holds no event`);
    this.reader.slot = slot;
    this.reader.base = slot * MAX_FIELDS;
    return readFields(EVENT_KINDS[code], this.reader);
  }
}

/** Takes one event's fields into its slot's row, each checked against its kind's type. */
class RowWriter implements FieldWriter {
  private code = 0;
  private slot = 0;
  private base = 0;

  constructor(private readonly rows: Rows) {}

  start(code: number, slot: number): void {
    this.code = code;
    this.slot = slot;
    this.base = slot * MAX_FIELDS;
  }

  num(i: number, value: number): void {
    if (typeof value !== 'number') this.refuse(i, value);
    this.rows.numbers[this.base + i] = value;
  }

  numOrNull(i: number, value: number | null): void {
    if (value !== null && (typeof value !== 'number' || Number.isNaN(value))) {
      this.refuse(i, value);
    }
    this.rows.numbers[this.base + i] = value ?? NaN;
  }

  str(i: number, value: string): void {
    if (typeof value !== 'string') this.refuse(i, value);
    this.rows.values[this.base + i] = value;
  }

  strOrNull(i: number, value: string | null): void {
    if (value !== null && typeof value !== 'string') this.refuse(i, value);
    this.rows.values[this.base + i] = value;
  }

  value(i: number, value: unknown): void {
    if (value === undefined) this.refuse(i, value);
    this.rows.values[this.base + i] = value;
  }

  bool(i: number, value: boolean): void {
    if (typeof value !== 'boolean') this.refuse(i, value);
    this.rows.numbers[this.base + i] = value ? 1 : 0;
  }

  packet(summary: PacketSummary): void {
    this.rows.summaries.write(this.slot, summary);
  }

  private refuse(i: number, value: unknown): never {
    const kind = EVENT_KINDS[this.code];
    const field = EVENT_SCHEMA[kind].fields[i];
    throw new TypeError(`${kind}.${field.name} is ${String(value)}, not a ${field.type}`);
  }
}

/** Gives back the fields of the slot being read. */
class RowReader implements FieldReader {
  slot = 0;
  base = 0;

  constructor(private readonly rows: Rows) {}

  num(i: number): number {
    return this.rows.numbers[this.base + i];
  }

  numOrNull(i: number): number | null {
    const n = this.rows.numbers[this.base + i];
    return Number.isNaN(n) ? null : n;
  }

  str(i: number): string {
    return this.rows.values[this.base + i] as string;
  }

  strOrNull(i: number): string | null {
    return this.rows.values[this.base + i] as string | null;
  }

  value<T>(i: number): T {
    return this.rows.values[this.base + i] as T;
  }

  bool(i: number): boolean {
    return this.rows.numbers[this.base + i] === 1;
  }

  packet(): PacketSummary {
    return this.rows.summaries.read(this.slot);
  }
}
