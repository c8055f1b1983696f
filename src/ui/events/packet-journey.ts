import type { TraceEvent } from '../../engine';
import type { Numbered } from './event-index';
import { secondsText } from './event-text';

export type Verdict = Extract<TraceEvent, { kind: 'firewall.verdict' }>;

/** One step of a packet's way through the network. */
export interface JourneyStep {
  readonly seq: number;
  readonly atUs: number;
  readonly time: string;
  readonly text: string;
  /** Something went wrong at this step (dropped, lost, refused). */
  readonly alert: boolean;
  /** Not (yet) replayed: known from before the playhead was moved back. */
  readonly ahead: boolean;
}

/** The events of one packet from two sources (now and remembered), once each, in order. */
export function mergeJourney(
  recorded: readonly Numbered[],
  remembered: readonly Numbered[],
): Numbered[] {
  const bySeq = new Map<number, Numbered>();
  for (const n of remembered) bySeq.set(n.seq, n);
  for (const n of recorded) bySeq.set(n.seq, n);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** `recordedTotal`: events recorded so far; later ones are ahead of the playhead. */
export function journeySteps(journey: readonly Numbered[], recordedTotal: number): JourneyStep[] {
  return journey.flatMap(({ seq, event }) => {
    const step = stepText(event);
    if (step === null) return [];
    return [
      {
        seq,
        atUs: event.atUs,
        time: secondsText(event.atUs),
        text: step.text,
        alert: step.alert,
        ahead: seq >= recordedTotal,
      },
    ];
  });
}

function stepText(event: TraceEvent): { text: string; alert: boolean } | null {
  switch (event.kind) {
    case 'link.transmit':
      return {
        text: event.lost
          ? `sent on ${event.link} (TTL ${event.packet.ttl}), lost on the way`
          : `sent on ${event.link} (TTL ${event.packet.ttl}), arrives at ${secondsText(event.arriveUs)} s`,
        alert: event.lost,
      };
    case 'firewall.verdict':
      return {
        text: `firewall: ${event.verdict} (${event.reason}), ct ${event.ctState}`,
        alert: event.verdict !== 'accept',
      };
    case 'firewall.log':
      return { text: `logged by rule ${event.rule} "${event.prefix}"`, alert: false };
    case 'router.forward':
      return {
        text: `forwarded ${event.inPort} → ${event.outPort} (TTL now ${event.packet.ttl})`,
        alert: false,
      };
    case 'packet.drop':
      return { text: `dropped at ${event.where} (${event.reason})`, alert: true };
    case 'packet.deliver':
      return { text: `delivered to ${event.host}`, alert: false };
    case 'replay.inject':
      return { text: `frame ${event.frame} of the capture enters ${event.port}`, alert: false };
    default:
      return null;
  }
}

/** The firewall's verdict on the packet, if it got one. */
export function findVerdict(journey: readonly Numbered[]): Verdict | null {
  for (const { event } of journey) if (event.kind === 'firewall.verdict') return event;
  return null;
}

/** "rule 4" → "4"; other reasons name no rule. */
export function verdictRule(reason: string): string | null {
  const m = /^rule (\d+)$/.exec(reason);
  return m ? m[1] : null;
}
