import { describe, expect, it } from 'vitest';
import { RtoEstimator } from './rto-estimator';

describe('RtoEstimator (RFC 6298)', () => {
  it('starts at the initial RTO and applies the first-sample rule', () => {
    const e = new RtoEstimator(1_000_000, 200_000, 60_000_000);
    expect(e.rtoUs).toBe(1_000_000);
    e.sample(100_000); // SRTT = R, RTTVAR = R/2, RTO = R + 4·R/2 = 3R
    expect(e.srttUs).toBe(100_000);
    expect(e.rtoUs).toBe(300_000);
  });

  it('smooths later samples with alpha 1/8 and beta 1/4', () => {
    const e = new RtoEstimator(1_000_000, 1_000, 60_000_000);
    e.sample(100_000);
    e.sample(200_000);
    expect(e.rttvarUs).toBe(0.75 * 50_000 + 0.25 * 100_000);
    expect(e.srttUs).toBe(0.875 * 100_000 + 0.125 * 200_000);
    expect(e.rtoUs).toBe(Math.round(e.srttUs + 4 * e.rttvarUs));
  });

  it('clamps to the minimum and backs off exponentially up to the maximum', () => {
    const e = new RtoEstimator(1_000_000, 200_000, 1_000_000);
    e.sample(1_000);
    expect(e.rtoUs).toBe(200_000);
    e.backOff();
    expect(e.rtoUs).toBe(400_000);
    e.backOff();
    e.backOff();
    expect(e.rtoUs).toBe(1_000_000);
    expect(e.backoffs).toBe(3);
    e.sample(1_000);
    expect(e.backoffs).toBe(0);
    expect(e.rtoUs).toBe(200_000);
  });
});
