import { describe, expect, it } from 'vitest';
import type { Recorder } from './recorder';
import { perRecorder } from './per-recorder';

describe('perRecorder', () => {
  it('builds once per recorder, and apart for each recorder', () => {
    let builds = 0;
    const of = perRecorder((recorder) => ({ recorder, build: ++builds }));
    const [a, b] = [{} as Recorder, {} as Recorder];
    expect(of(a)).toBe(of(a));
    expect(of(b)).not.toBe(of(a));
    expect(of(b).recorder).toBe(b);
    expect(builds).toBe(2);
  });
});
