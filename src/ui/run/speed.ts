/**
 * How fast the simulated clock runs: simulated seconds per wall-clock second, or 'max' (as
 * fast as the machine allows, a few milliseconds of work per animation frame).
 */
export type Speed = number | 'max';

/** From a thousandth of real time (a packet crossing a 1 ms link takes a second) to 1000×. */
export const SPEEDS: readonly Speed[] = [0.001, 0.01, 0.1, 1, 10, 100, 1000, 'max'];
export const DEFAULT_SPEED: Speed = 1;

export function speedLabel(speed: Speed): string {
  return speed === 'max' ? 'max' : `${speed}×`;
}

/** The value of a <select> option back into a speed; unknown text is refused. */
export function parseSpeed(text: string): Speed {
  const speed = text === 'max' ? 'max' : Number(text);
  if (!SPEEDS.includes(speed)) throw new Error(`unknown speed "${text}"`);
  return speed;
}
