import { EventQueue } from './event-queue';

const retired: EventHandler = () => {};
/**
 * How often runUntil asks its `enough`: often enough that a few costly events (pieces of a
 * recovery, up to a millisecond each) cannot run far past a frame's budget, rarely enough that
 * the question (the page reads its clock) costs nothing beside the events.
 */
export const STOP_CHECK_EVENTS = 4;

/** Runs one kind of event; `a` and `b` are the integer arguments given when it was scheduled. */
export type EventHandler = (a: number, b: number) => void;

/**
 * Discrete-event scheduler on an integer-microsecond simulated clock. Nothing here looks at
 * wall time: callers advance it with step() or runUntil(). Handlers are registered once per
 * kind, so scheduling an event allocates nothing and captures no closure.
 */
export class Scheduler {
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly kindNames: string[] = [];
  private stopRequested = false;

  /** Current simulated time in microseconds (an integer). */
  nowUs = 0;
  /** Events executed so far. */
  eventsProcessed = 0;

  constructor(maxPendingEvents?: number) {
    this.queue = new EventQueue(1024, maxPendingEvents);
  }

  /** Registers the handler for a new event kind and returns the kind's number. */
  register(name: string, handler: EventHandler): number {
    this.kindNames.push(name);
    return this.handlers.push(handler) - 1;
  }

  /**
   * The owner of an event kind is gone (a crashed firewall, its checkpointer): its handler is
   * dropped, so the scheduler no longer keeps the owner alive, and its pending events do
   * nothing when their time comes.
   */
  retire(kind: number): void {
    this.handlers[kind] = retired;
  }

  kindName(kind: number): string {
    return this.kindNames[kind] ?? `unknown(${kind})`;
  }

  /** Schedules an event at an absolute time, which may not lie in the past. */
  at(timeUs: number, kind: number, a = 0, b = 0): void {
    if (!(timeUs >= this.nowUs && Number.isSafeInteger(timeUs))) {
      throw new RangeError(
        `cannot schedule ${this.kindName(kind)} at ${timeUs} µs (now ${this.nowUs} µs): ` +
          'times are integers not in the past',
      );
    }
    this.queue.push(timeUs, kind, a, b);
  }

  /** Schedules an event `delayUs` from now. */
  after(delayUs: number, kind: number, a = 0, b = 0): void {
    this.at(this.nowUs + delayUs, kind, a, b);
  }

  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Time of the next event, or Infinity when there is none. */
  nextEventUs(): number {
    return this.queue.peekTimeUs();
  }

  /** Makes the current runUntil() return after the event being executed (e.g. when all traffic ended). */
  requestStop(): void {
    this.stopRequested = true;
  }

  get stopped(): boolean {
    return this.stopRequested;
  }

  /** Executes the next event; returns false when there was none. */
  step(): boolean {
    const q = this.queue;
    if (!q.pop()) return false;
    this.nowUs = q.poppedTimeUs;
    this.eventsProcessed++;
    this.handlers[q.poppedKind](q.poppedA, q.poppedB);
    return true;
  }

  /**
   * Executes every event with time <= untilUs, then sets the clock to untilUs — unless a
   * handler requested a stop during this call (the clock stays at that event's time), or
   * `maxEvents` events ran first, or `enough` (asked every STOP_CHECK_EVENTS events) said so:
   * the call then finishes the microsecond it is in and stops there, so every event up to
   * the clock has run, and a later call goes on from the next event exactly as one call would
   * have. Where a call stops changes nothing in the run. Returns the number of events executed.
   *
   * `enough` is how the page bounds a frame's work by wall time without a clock in the engine.
   */
  runUntil(
    untilUs: number,
    maxEvents = Number.POSITIVE_INFINITY,
    enough: (() => boolean) | null = null,
  ): number {
    if (!(untilUs >= this.nowUs)) {
      throw new RangeError(`runUntil(${untilUs}) is before now (${this.nowUs} µs)`);
    }
    if (!(maxEvents >= 1 && (Number.isInteger(maxEvents) || maxEvents === Infinity))) {
      throw new RangeError(`runUntil: maxEvents ${maxEvents} is not a whole number from 1`);
    }
    this.stopRequested = false;
    const q = this.queue;
    const before = this.eventsProcessed;
    let last = before + maxEvents;
    while (
      !this.stopRequested &&
      q.peekTimeUs() <= untilUs &&
      (this.eventsProcessed < last || q.peekTimeUs() === this.nowUs)
    ) {
      q.pop();
      this.nowUs = q.poppedTimeUs;
      this.eventsProcessed++;
      this.handlers[q.poppedKind](q.poppedA, q.poppedB);
      if (enough !== null && (this.eventsProcessed - before) % STOP_CHECK_EVENTS === 0 && enough())
        last = this.eventsProcessed; // stop as a count would: after this microsecond
    }
    const cut = this.stopRequested || q.peekTimeUs() <= untilUs;
    if (!cut && Number.isFinite(untilUs)) this.nowUs = untilUs;
    return this.eventsProcessed - before;
  }
}
