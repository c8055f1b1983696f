/**
 * Keys on a focused chart move the playhead through the run: ←/→ one bucket of the overview
 * (the charts' resolution), with Shift ten, Home/End to the run's ends. Null: not a chart key
 * (the page's own shortcuts keep it).
 */
export function keySeekUs(
  key: string,
  shiftKey: boolean,
  playheadUs: number,
  bucketUs: number,
  endUs: number,
): number | null {
  const stepUs = bucketUs * (shiftKey ? 10 : 1);
  let targetUs: number;
  switch (key) {
    case 'ArrowLeft':
      targetUs = playheadUs - stepUs;
      break;
    case 'ArrowRight':
      targetUs = playheadUs + stepUs;
      break;
    case 'Home':
      targetUs = 0;
      break;
    case 'End':
      targetUs = endUs;
      break;
    default:
      return null;
  }
  return Math.round(Math.min(Math.max(targetUs, 0), endUs));
}
