import { expect, type Page } from '@playwright/test';

/** Opens the app at a viewport size with a scenario selected, paused at time 0. */
export async function open(page: Page, scenario: string, width = 1280, height = 800) {
  await page.setViewportSize({ width, height });
  await page.goto('/');
  await page.getByTestId('scenario').selectOption(scenario);
  // A sample capture loads after the choice: until its replay is the run, the controls
  // still belong to the previous run (and are made anew when it arrives).
  if (scenario.startsWith('sample:')) await expect(page.getByTestId('replay-panel')).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await expect(page.getByTestId('sim-time')).toHaveText('0.000000 s');
}

/** Plays at max speed until the run finishes. */
export async function runToEnd(page: Page): Promise<void> {
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 30_000 });
}

/** Plays at the chosen speed until the clock passes `seconds`, then pauses. */
export async function runUntilPast(page: Page, seconds: number): Promise<void> {
  await page.getByTestId('play').click();
  await expect(page.getByTestId('pause')).toHaveText('Pause');
  await expect
    .poll(async () => parseFloat((await page.getByTestId('sim-time').textContent()) ?? '0'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(seconds);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
}

/**
 * Opens a link and waits until the run rests at its playhead (`clock`, as the run bar shows
 * it: "1.060000 s").
 */
export async function openLink(
  page: Page,
  search: string,
  clock: string,
  width = 1280,
  height = 800,
) {
  await page.setViewportSize({ width, height });
  await page.goto(`/${search}`);
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 30_000 });
  await expect(page.getByTestId('sim-time')).toHaveText(clock);
}

/** The page fits its width: nothing makes it scroll sideways. */
export async function expectNoSideScroll(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}
