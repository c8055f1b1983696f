import { EventSubset } from '../record/event-subset';
import { perRecorder } from '../record/per-recorder';
import { SCENE_KINDS } from './scene-items';

/**
 * The recorder's events the scene draws from (SCENE_KINDS: packets put on links, drops,
 * records moving, crashes). The scene scans back through the last fraction of a second every
 * frame; with 100k connections that is some 18,000 events in 250 ms of a run, of which
 * verdicts, forwards, deliveries and TCP states — about 60 % — are never drawn.
 */
export const sceneEventsOf = perRecorder(
  (recorder) => new EventSubset(recorder, (event) => SCENE_KINDS.has(event.kind)),
);
