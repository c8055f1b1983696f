import type { Scheduler } from '../../sim/scheduler';
import type { TcpSocket } from './socket';

/**
 * Timers of all TCP sockets. A socket has three deadlines (retransmission, delayed ACK,
 * TIME-WAIT) but at most one scheduled event: the earliest deadline. Moving a deadline later
 * (the retransmission timer restarts on every ACK) schedules nothing — the event fires
 * early, finds nothing due and re-arms — and an event made obsolete by an earlier one is
 * recognised by its generation number and ignored. So a bulk transfer costs about one timer
 * event per RTO, not one per ACK.
 */
export class TcpTimers {
  private readonly sockets: Array<TcpSocket | null> = [];
  private readonly free: number[] = [];
  private scheduledUs = new Float64Array(64);
  private generations = new Int32Array(64);
  private generation = 0;
  private readonly kind: number;

  constructor(private readonly scheduler: Scheduler) {
    this.kind = scheduler.register('tcp.timer', (index, generation) =>
      this.fire(index, generation),
    );
  }

  attach(socket: TcpSocket): void {
    let index = this.free.pop();
    if (index === undefined) {
      index = this.sockets.length;
      this.sockets.push(null);
      if (index >= this.scheduledUs.length) this.grow();
    }
    this.sockets[index] = socket;
    this.scheduledUs[index] = Infinity;
    this.generations[index] = 0;
    socket.timerIndex = index;
  }

  detach(socket: TcpSocket): void {
    const index = socket.timerIndex;
    if (index < 0) return;
    this.sockets[index] = null;
    this.generations[index] = 0; // makes any pending event stale (generations start at 1)
    this.free.push(index);
    socket.timerIndex = -1;
  }

  armRetransmit(socket: TcpSocket, delayUs: number): void {
    socket.rtxDeadlineUs = this.scheduler.nowUs + delayUs;
    this.ensure(socket, socket.rtxDeadlineUs);
  }

  armDelayedAck(socket: TcpSocket, delayUs: number): void {
    socket.delAckDeadlineUs = this.scheduler.nowUs + delayUs;
    this.ensure(socket, socket.delAckDeadlineUs);
  }

  armTimeWait(socket: TcpSocket, delayUs: number): void {
    socket.timeWaitDeadlineUs = this.scheduler.nowUs + delayUs;
    this.ensure(socket, socket.timeWaitDeadlineUs);
  }

  /** Live sockets (for leak checks and views). */
  get attached(): number {
    return this.sockets.length - this.free.length;
  }

  private ensure(socket: TcpSocket, deadlineUs: number): void {
    const index = socket.timerIndex;
    if (index < 0 || deadlineUs >= this.scheduledUs[index]) return;
    this.generation = (this.generation + 1) | 0 || 1;
    this.generations[index] = this.generation;
    this.scheduledUs[index] = deadlineUs;
    this.scheduler.at(deadlineUs, this.kind, index, this.generation);
  }

  private fire(index: number, generation: number): void {
    const socket = this.sockets[index];
    if (socket === null || this.generations[index] !== generation) return;
    this.scheduledUs[index] = Infinity;
    const now = this.scheduler.nowUs;
    if (socket.rtxDeadlineUs >= 0 && socket.rtxDeadlineUs <= now) socket.onRetransmitTimeout();
    if (socket.timerIndex !== index) return; // closed by the timeout
    if (socket.delAckDeadlineUs >= 0 && socket.delAckDeadlineUs <= now) socket.onDelayedAck();
    if (socket.timeWaitDeadlineUs >= 0 && socket.timeWaitDeadlineUs <= now) socket.onTimeWaitEnd();
    if (socket.timerIndex !== index) return;
    let next = Infinity;
    if (socket.rtxDeadlineUs >= 0) next = socket.rtxDeadlineUs;
    if (socket.delAckDeadlineUs >= 0 && socket.delAckDeadlineUs < next)
      next = socket.delAckDeadlineUs;
    if (socket.timeWaitDeadlineUs >= 0 && socket.timeWaitDeadlineUs < next)
      next = socket.timeWaitDeadlineUs;
    if (next < Infinity) this.ensure(socket, next);
  }

  private grow(): void {
    const scheduled = new Float64Array(this.scheduledUs.length * 2);
    scheduled.set(this.scheduledUs);
    this.scheduledUs = scheduled;
    const generations = new Int32Array(this.generations.length * 2);
    generations.set(this.generations);
    this.generations = generations;
  }
}
