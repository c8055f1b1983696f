import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { expect, test, type Browser, type CDPSession, type Page } from '@playwright/test';
import { watchErrors } from '../e2e/page-errors';
import { BENCH_DIST, BENCH_RESULTS } from './bench-paths';
import { chunkSizes, type ChunkSize } from './bundle-sizes';
import {
  installProbe,
  longTasksSoFar,
  startFrames,
  startReadings,
  stopFrames,
  twoFrames,
} from './in-page';
import { clockSeconds, leadingCount } from './page-readings';
import { formatReport } from './report';
import {
  withinOneFrame,
  type FirstRender,
  type PageReading,
  type PlaySpan,
  type UiBenchResult,
} from './result';
import { distribution, longTasksWithin } from './stats';
import { mainThreadTime, type TraceEventJson } from './trace-summary';

// The browser half of issue 7: first render, production JS size, frame times and long tasks
// with the big built-in scenario. It reports; it asserts nothing about time.
// BENCH_UI_PROFILE=1 also records CPU profiles of both stretches into bench-ui/results.

const SCENARIO = 'large-table';
/** The instant measured: over 100k connections tracked and about 2,000 packets in flight. */
const INSTANT_SECONDS = 102;
const PLAY_MS = 10_000;
const IDLE_MS = 2_000;
const FIRST_RENDER_LOADS = 3;
/** The topology drawn with its scenario's hosts: what the first render waits for. */
const READY = '[data-testid="topology"] [data-testid^="host-"]';
const WIDE = { width: 1400, height: 900 };
const NARROW = { width: 420, height: 900 };
const PROFILE = process.env.BENCH_UI_PROFILE === '1';
// BENCH_UI_TRACE=1 records a Chrome trace of the 1× stretch (bench-ui/results/playing.trace.json)
// and reports the main thread's time by kind of work; BENCH_UI_TRACE=all traces the
// fast-forward too (fast-forward.trace.json, some hundred MB).
const TRACE = process.env.BENCH_UI_TRACE === '1' || process.env.BENCH_UI_TRACE === 'all';
const TRACE_FAST_FORWARD = process.env.BENCH_UI_TRACE === 'all';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'];

test('UI figures with the large-table scenario', async ({ browser }) => {
  mkdirSync(BENCH_RESULTS, { recursive: true });
  const loadBefore = loadavg()[0];
  const pageErrors: string[] = [];
  const bundle = await test.step('production JS size', () => measureBundle());
  const firstRender = await test.step('first render', async () => [
    await measureFirstRender(browser, '/', pageErrors),
    await measureFirstRender(browser, `/?scenario=${SCENARIO}`, pageErrors),
  ]);

  const page = await openPage(browser, pageErrors);
  await page.goto(`/?scenario=${SCENARIO}`);
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
  await expect(page.locator(READY).first()).toBeVisible();
  const cdp = await page.context().newCDPSession(page);

  const fastForward = await test.step(`fast-forward at max to ${INSTANT_SECONDS} s`, () =>
    playSpan(page, cdp, 'max', 'fast-forward', TRACE_FAST_FORWARD ? browser : null, () =>
      expect
        .poll(async () => clockSeconds(await page.getByTestId('sim-time').textContent()), {
          timeout: 40 * 60_000,
          intervals: [500],
        })
        .toBeGreaterThanOrEqual(INSTANT_SECONDS),
    ));

  const { heapUsedBytes, liveHeapBytes, idleFrameMs } =
    await test.step('at the instant', async () => {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      await cdp.send('HeapProfiler.collectGarbage');
      const live = await cdp.send('Runtime.getHeapUsage');
      await page.screenshot({ path: `${BENCH_RESULTS}/${SCENARIO}-wide.png`, fullPage: true });
      await page.setViewportSize(NARROW);
      await page.evaluate(twoFrames);
      await page.screenshot({ path: `${BENCH_RESULTS}/${SCENARIO}-narrow.png`, fullPage: true });
      await page.setViewportSize(WIDE);
      await page.evaluate(twoFrames);
      await page.evaluate(startFrames);
      await page.waitForTimeout(IDLE_MS);
      return {
        heapUsedBytes: usedSize,
        liveHeapBytes: live.usedSize,
        idleFrameMs: distribution(await page.evaluate(stopFrames)),
      };
    });

  const playing = await test.step(`play at 1× for ${PLAY_MS / 1_000} s`, () =>
    playSpan(page, cdp, '1', 'playing', TRACE ? browser : null, () =>
      page.waitForTimeout(PLAY_MS),
    ));

  const result: UiBenchResult = {
    scenario: SCENARIO,
    measuredAt: new Date().toISOString(),
    browser: `Chromium ${browser.version()}`,
    cores: await page.evaluate(() => navigator.hardwareConcurrency),
    loadAverage: [loadBefore, loadavg()[0]],
    profiled: PROFILE,
    bundle,
    firstRender,
    fastForward,
    idleFrameMs,
    playing,
    heapUsedBytes,
    liveHeapBytes,
    pageErrors,
  };
  writeFileSync(`${BENCH_RESULTS}/bench-ui.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${formatReport(result)}\n\nWritten to ${BENCH_RESULTS}/bench-ui.json`);
});

function measureBundle(): ChunkSize[] {
  const assets = `${BENCH_DIST}/assets`;
  const chunks = new Map(
    readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .map((file) => [file, readFileSync(`${assets}/${file}`, 'utf8')]),
  );
  return chunkSizes(readFileSync(`${BENCH_DIST}/index.html`, 'utf8'), chunks);
}

/** A page in a fresh context (empty cache), with the probe installed and errors collected. */
async function openPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: WIDE });
  const page = await context.newPage();
  await page.addInitScript(installProbe, READY);
  const seen = watchErrors(page);
  page.on('close', () => errors.push(...seen));
  return page;
}

/** Navigation start → the first frame with the topology drawn, over fresh loads of `path`. */
async function measureFirstRender(
  browser: Browser,
  path: string,
  errors: string[],
): Promise<FirstRender> {
  const firstRenderMs: number[] = [];
  const fcpMs: number[] = [];
  for (let load = 0; load < FIRST_RENDER_LOADS; load++) {
    const page = await openPage(browser, errors);
    await page.goto(path);
    // The paint timing entry may come a little after the frame the probe saw.
    await expect
      .poll(async () => Object.values(await page.evaluate(startReadings)), { timeout: 60_000 })
      .not.toContain(null);
    const start = await page.evaluate(startReadings);
    firstRenderMs.push(start.firstRenderMs ?? Number.NaN);
    fcpMs.push(start.fcpMs ?? Number.NaN);
    await page.context().close();
  }
  return { path, firstRenderMs, fcpMs };
}

/**
 * Plays at `speed` from where the run rests until `until` resolves, then pauses; the frames
 * and long tasks in between, and what the page showed before and after.
 */
async function playSpan(
  page: Page,
  cdp: CDPSession,
  speed: string,
  name: string,
  tracer: Browser | null,
  until: () => Promise<unknown>,
): Promise<PlaySpan> {
  const tracePath = `${BENCH_RESULTS}/${name}.trace.json`;
  const from = await readPage(page);
  const readyBefore = await overviewReady(page);
  await page.getByTestId('speed').selectOption(speed);
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    // Every 2 ms keeps a profile of a fast-forward lasting minutes to a few megabytes.
    await cdp.send('Profiler.setSamplingInterval', { interval: 2_000 });
    await cdp.send('Profiler.start');
  }
  if (tracer !== null)
    await tracer.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES });
  const fromMs = await page.evaluate(() => performance.now());
  await page.evaluate(startFrames);
  await page.getByTestId('play').click();
  await until();
  const frameMs = await page.evaluate(stopFrames);
  const toMs = await page.evaluate(() => performance.now());
  if (PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`${BENCH_RESULTS}/${name}.cpuprofile`, JSON.stringify(profile));
  }
  if (tracer !== null) await tracer.stopTracing();
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await page.evaluate(twoFrames);
  return {
    wallMs: toMs - fromMs,
    from,
    to: await readPage(page),
    frameMs: distribution(frameMs),
    overOneFrame: frameMs.filter((f) => !withinOneFrame(f)).length,
    longTasks: longTasksWithin(await page.evaluate(longTasksSoFar), fromMs, toMs),
    overviewReady: [readyBefore, await overviewReady(page)],
    ...(tracer === null ? {} : { mainThread: mainThreadTime(readTrace(tracePath)) }),
  };
}

function readTrace(path: string): TraceEventJson[] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEventJson[] };
  return json.traceEvents;
}

/** The clock, the firewall box's connection count and the scene's packets on the links. */
async function readPage(page: Page): Promise<PageReading> {
  const flights = await page.getByTestId('scene-canvas').getAttribute('data-flights');
  return {
    simSeconds: clockSeconds(await page.getByTestId('sim-time').textContent()),
    connectionsTracked: leadingCount(
      await page.getByTestId('firewall-connections').getAttribute('aria-label'),
    ),
    packetsInFlight: Number(flights),
  };
}

/** The charts of the firewall's side appear once the overview worker has run the whole run. */
async function overviewReady(page: Page): Promise<boolean> {
  return (await page.getByTestId('firewall-charts').count()) > 0;
}
