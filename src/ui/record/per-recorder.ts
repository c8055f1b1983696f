import type { Recorder } from './recorder';

/**
 * One `T` per recorder, built the first time it is asked for and kept as long as the recorder
 * lives: the indexes views keep of a run's events (which follow it by subscription) are built
 * once however many views ask.
 */
export function perRecorder<T>(build: (recorder: Recorder) => T): (recorder: Recorder) => T {
  const built = new WeakMap<Recorder, T>();
  return (recorder) => {
    let value = built.get(recorder);
    if (value === undefined) {
      value = build(recorder);
      built.set(recorder, value);
    }
    return value;
  };
}
