import { describe, expect, it } from 'vitest';
import { defaultConfig } from './run-config';
import { RunSession } from './run-session';

function fakeClock(msPerRead: number): () => number {
  let now = 0;
  return () => (now += msPerRead);
}

describe('RunSession', () => {
  it('starts a run of a config, at a playhead if asked', () => {
    const session = new RunSession();
    expect(session.configure(defaultConfig('ftp-crash'), 500_000)).toEqual({ ok: true });
    session.runner?.finishSeek();
    expect(session.runner?.state).toMatchObject({ status: 'paused', nowUs: 500_000 });
  });

  it('keeps the run on screen when a config cannot be run, and says why', () => {
    const session = new RunSession();
    session.configure(defaultConfig('blocked-address'));
    const runner = session.runner;
    const bad = { ...defaultConfig('blocked-address'), rules: 'table inet filter {\n  oops\n}\n' };
    const result = session.configure(bad);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/^rules:2:/);
    expect(session.runner).toBe(runner);
    expect(session.config).toEqual(defaultConfig('blocked-address'));
  });

  it('crashes now by replaying the run with the crash in its config — as a link would', () => {
    const session = new RunSession({ clock: fakeClock(1) });
    session.configure(defaultConfig('ftp-transfer'), 300_000);
    session.runner?.finishSeek();
    expect(session.crashNow()).toEqual({ ok: true });
    expect(session.config?.crashAtUs).toEqual([300_000]);
    session.runner?.finishSeek();
    expect(session.runner?.state).toMatchObject({ nowUs: 300_000, firewall: 'down' });
    const shown = session.runner?.metrics().report;

    const fromLink = new RunSession();
    // What the link holds: the config, with the crash, and the playhead.
    fromLink.configure(session.config!, session.runner!.state.nowUs);
    fromLink.runner?.finishSeek();
    expect(fromLink.runner?.metrics().report).toEqual(shown);
  });

  it('recovers every connection after a crash added now', () => {
    const session = new RunSession({ speed: 'max', clock: fakeClock(1) });
    session.configure(defaultConfig('ftp-transfer'), 300_000);
    session.runner?.finishSeek();
    session.crashNow();
    const runner = session.runner;
    if (runner === null) throw new Error('no runner');
    runner.finishSeek();
    runner.play();
    for (let wallMs = 0; runner.state.status === 'running'; wallMs += 16) runner.tick(wallMs);
    const { crashes, flows } = runner.metrics().report;
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ atUs: 300_000, lost: 0 });
    expect(crashes[0].recovered).toBe(crashes[0].connectionsBefore);
    expect(flows.find((f) => f.kind === 'ftp-data')).toMatchObject({ completed: true });
  });

  it('does not crash a firewall that is down, finished or absent', () => {
    const session = new RunSession({ clock: fakeClock(1) });
    session.configure(defaultConfig('ftp-crash'), 900_000); // crashed at 0.8 s, still down
    session.runner?.finishSeek();
    expect(session.runner?.state.firewall).toBe('down');
    expect(session.crashNow().ok).toBe(false);
    expect(session.config?.crashAtUs).toEqual([]);

    session.configure(defaultConfig('ftp-crash'), 60_000_000);
    session.runner?.finishSeek();
    expect(session.runner?.state.status).toBe('finished');
    expect(session.crashNow().ok).toBe(false);
  });

  it('keeps the speed across configs', () => {
    const session = new RunSession({ speed: 10 });
    session.configure(defaultConfig('ftp-transfer'));
    session.runner?.setSpeed(0.1);
    session.configure(defaultConfig('video-stream'));
    expect(session.runner?.speed).toBe(0.1);
  });
});
