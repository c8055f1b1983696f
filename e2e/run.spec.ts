import { expect, test } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { open, runToEnd, runUntilPast } from './run-helpers';

const SIZES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 420, height: 900 },
] as const;

test.describe('run', () => {
  test('ftp-transfer runs to the end at max speed, and Reset starts over', async ({ page }) => {
    const errors = watchErrors(page);
    await open(page, 'ftp-transfer');
    await expect(page.getByTestId('play')).toHaveText('Play');
    await runToEnd(page);
    await expect(page.getByTestId('play')).toBeDisabled();

    const data = page.getByTestId('flow-download/data');
    await expect(data.getByTestId('flow-bytes')).toHaveText('20.0 MB / 20.0 MB');
    await expect(data.getByTestId('flow-bytes')).toHaveAttribute(
      'title',
      '20,000,000 / 20,000,000 bytes',
    );
    await expect(data.getByTestId('flow-status')).toHaveText(/^completed at \d+\.\d{3} s$/);
    await expect(page.getByTestId('flow-download/control')).toContainText('completed at');
    const counters = page.getByTestId('packet-counters');
    await expect(counters.getByTestId('packets-dropped')).toHaveText('0');
    const clock = await page.getByTestId('sim-time').textContent();
    expect(parseFloat(clock ?? '0')).toBeGreaterThan(1);

    await page.getByTestId('reset').click();
    await expect(page.getByTestId('sim-time')).toHaveText('0.000000 s');
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    await expect(page.getByTestId('play')).toHaveText('Play');
    await expect(data.getByTestId('flow-bytes')).toHaveText('0 B / 20.0 MB');
    await expect(counters.getByTestId('packets-sent')).toHaveText('0');
    expect(errors).toEqual([]);
  });

  test('video-stream runs to the end', async ({ page }) => {
    const errors = watchErrors(page);
    await open(page, 'video-stream');
    await runToEnd(page);
    const video = page.getByTestId('flow-video');
    await expect(video.getByTestId('flow-status')).toHaveText(/^completed at \d+\.\d{3} s$/);
    await expect(video).toContainText('udp-stream');
    // The viewer subscribes, the server streams 10 s, and the run stops once it has all arrived.
    await expect(page.getByTestId('sim-time')).toHaveText(/^10\.\d{6} s$/);
    await expect(page.getByText('all traffic ended')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/run-video-stream-finished.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  test('Step executes one event and changing scenario starts a new run', async ({ page }) => {
    await open(page, 'ftp-transfer');
    await page.getByTestId('speed').selectOption('1');
    // The first events are the FTP client's connect at 0 s: the clock stays, the trace moves.
    await page.getByTestId('step').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('sim-time')).not.toHaveText('0.000000 s');
    await expect(page).toHaveURL(/[?&]t=0\.\d+/);

    await page.getByTestId('scenario').selectOption('video-stream');
    await expect(page.getByTestId('sim-time')).toHaveText('0.000000 s');
    await expect(page.getByTestId('speed')).toHaveValue('1');
    await expect(page.getByTestId('flow-video')).toContainText('waiting');
    await expect(page).toHaveURL(/[?&]scenario=video-stream/);
  });

  test('many-flows lists a summary per kind and the first flows only', async ({ page }) => {
    await open(page, 'many-flows');
    const table = page.getByTestId('flow-table');
    await expect(table.getByTestId('flow-kind-tcp')).toContainText('all 1,200 tcp');
    await expect(table.locator('tbody tr')).toHaveCount(21);
    await expect(table.getByTestId('flows-hidden')).toContainText('1,180 more');
  });

  for (const size of SIZES) {
    test(`screenshots mid-run and finished (${size.name})`, async ({ page }) => {
      const errors = watchErrors(page);
      await open(page, 'many-flows', size.width, size.height);
      await page.getByTestId('speed').selectOption('0.1');
      await runUntilPast(page, 0.3);
      await expect(page.getByTestId('queue-in-eth3')).toHaveAttribute(
        'aria-label',
        /^eth3 input buffer: \d+ \/ 512 packets$/,
      );
      const shot = `${SCREENSHOTS}/run-many-flows-mid-${size.name}.png`;
      await page.screenshot({ path: shot, fullPage: true });

      await page.getByTestId('scenario').selectOption('ftp-transfer');
      await page.getByTestId('speed').selectOption('1');
      await runUntilPast(page, 0.5);
      const mid = `${SCREENSHOTS}/run-ftp-transfer-mid-${size.name}.png`;
      await page.screenshot({ path: mid, fullPage: true });
      await runToEnd(page);
      const finished = `${SCREENSHOTS}/run-ftp-transfer-finished-${size.name}.png`;
      await page.screenshot({ path: finished, fullPage: true });

      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(size.width);
      expect(errors).toEqual([]);
    });
  }
});
