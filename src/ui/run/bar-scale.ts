import { scaleLinear } from 'd3-scale';

/**
 * Length of a bar's fill showing `value` out of `capacity`, on a bar `length` long (px or %):
 * linear and clamped to the bar. A non-zero value gets at least `minVisible`, so one packet in
 * a 512-packet queue still shows as "not empty" (the exact numbers are in the bar's label).
 */
export function fillLength(value: number, capacity: number, length: number, minVisible = 0) {
  if (!(capacity > 0) || !(value > 0)) return 0;
  const scale = scaleLinear().domain([0, capacity]).range([0, length]).clamp(true);
  return Math.min(length, Math.max(scale(value), minVisible));
}
