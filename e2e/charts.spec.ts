import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';

const SIZES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 420, height: 900 },
] as const;

/** Opens a run by its link and waits until the overview has run it to its end. */
async function openRun(page: Page, search: string, width = 1280, height = 800): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`/${search}`);
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 20_000 });
  await expect(page.getByTestId('timeline-end')).not.toHaveText(/^≥/, { timeout: 20_000 });
}

const clockSeconds = async (page: Page) =>
  parseFloat((await page.getByTestId('sim-time').textContent()) ?? '0');

/** Clicks the plot straight above the time axis' tick labelled `label` (seconds). */
async function clickAtTick(chart: Locator, label: string): Promise<void> {
  const plot = chart.getByRole('slider');
  const tick = await chart.locator('text.x-tick').getByText(label, { exact: true }).boundingBox();
  const box = await plot.boundingBox();
  if (!tick || !box) throw new Error('the chart is not drawn');
  await plot.click({ position: { x: tick.x + tick.width / 2 - box.x, y: box.height / 2 } });
}

test.describe('charts', () => {
  for (const size of SIZES) {
    test(`ftp-crash: a line per flow, the crash band, click to seek (${size.name})`, async ({
      page,
    }) => {
      const errors = watchErrors(page);
      // The overview worker's script is held until the placeholder has been seen: the charts
      // come in a chunk of their own, which may arrive after a fast overview has finished.
      let release = (): void => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/assets\/overview-worker-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto('/?scenario=ftp-crash');
      const goodput = page.getByTestId('goodput-chart');
      const delivered = page.getByTestId('delivered-chart');
      await expect(goodput.locator('.placeholder')).toHaveText('computing the whole run…');
      release();
      await expect(page.getByTestId('timeline-end')).not.toHaveText(/^≥/, { timeout: 20_000 });

      const legend = page.getByTestId('chart-legend');
      for (const chart of [goodput, delivered]) {
        await expect(chart.locator('path.series')).toHaveCount(3);
        await expect(chart.locator('rect.outage')).toHaveCount(1);
        await expect(chart.locator('line.marker.crash')).toHaveCount(1);
      }
      await expect(legend.locator('li[data-key="download/data"]')).toContainText('completed at');
      await expect(legend.locator('li[data-key="video"]')).toBeVisible();
      await expect(legend.locator('li[data-key="kind:tcp"]')).toContainText('60 TCP requests');
      await expect(goodput).toHaveAttribute('data-crash-effect', 'resumed');
      await expect(delivered).toHaveAttribute('data-bulk-outcome', 'completed');
      await expect(page.getByTestId('goodput-chart-summary')).toContainText(
        'Crash at 0.800 s: download/data delivered nothing from',
      );
      await expect(goodput.locator('path.baseline')).toHaveCount(1);
      await page.getByTestId('charts-area').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/charts-ftp-crash-${size.name}.png` });

      await clickAtTick(delivered, size.name === 'wide' ? '2.0' : '2');
      await expect(page.getByTestId('run-status')).toHaveText('seeking');
      await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 20_000 });
      expect(Math.abs((await clockSeconds(page)) - 2)).toBeLessThan(0.02);
      await page.getByTestId('charts-area').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/charts-ftp-crash-seeked-${size.name}.png` });
      expect(errors).toEqual([]);
    });
  }

  test('the firewall: connections tracked drop to none while it is down; checkpoint writes per second', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await openRun(page, '?scenario=ftp-crash');
    const charts = page.getByTestId('firewall-charts');
    for (const id of ['connections-chart', 'checkpoint-writes-chart', 'checkpoint-bytes-chart']) {
      const chart = charts.getByTestId(id);
      await expect(chart.locator('path.series')).toHaveCount(1);
      await expect(chart.locator('line.marker.crash')).toHaveCount(1);
    }
    await expect(page.getByTestId('connections-chart-summary')).toContainText(
      'crash at 0.800 s: 20 before, none while down',
    );
    await expect(page.getByTestId('checkpoint-writes-chart-summary')).toContainText(
      '584 writes to the checkpoint server in all',
    );
    await charts.scrollIntoViewIfNeeded();
    await charts.screenshot({ path: `${SCREENSHOTS}/charts-firewall-wide.png` });
    expect(errors).toEqual([]);
  });

  test('the prior art: the download flat-lines after the crash', async ({ page }) => {
    const errors = watchErrors(page);
    await openRun(page, '?scenario=ftp-crash&strategy=none');
    const delivered = page.getByTestId('delivered-chart');
    await expect(delivered).toHaveAttribute('data-bulk-outcome', 'stalled');
    await expect(delivered.locator('path[data-key="download/data"]')).toHaveAttribute(
      'data-outcome',
      'stalled',
    );
    await expect(page.getByTestId('goodput-chart')).toHaveAttribute('data-crash-effect', 'stalled');
    await expect(page.getByTestId('delivered-chart-summary')).toContainText(
      'download/data stalled at',
    );
    await page.getByTestId('charts-area').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/charts-ftp-crash-none-wide.png` });
    expect(errors).toEqual([]);
  });

  test('keyboard: ←/→ on the focused chart move the playhead one bucket', async ({ page }) => {
    await openRun(page, '?scenario=ftp-crash&t=1');
    await expect(page.getByTestId('sim-time')).toHaveText('1.000000 s');
    const plot = page.getByTestId('goodput-chart').getByRole('slider');
    await plot.focus();
    await plot.press('ArrowRight');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 20_000 });
    await expect(page.getByTestId('sim-time')).toHaveText('1.008000 s');
    await plot.press('ArrowLeft');
    await plot.press('ArrowLeft');
    await expect(page.getByTestId('sim-time')).toHaveText('0.992000 s', { timeout: 20_000 });
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 20_000 });
    // The page's own → (step one event) did not fire as well.
    await expect(plot).toHaveAttribute('aria-valuetext', '0.992 s');
    await page.getByTestId('goodput-chart').screenshot({
      path: `${SCREENSHOTS}/charts-keyboard-focus-wide.png`,
    });
  });

  test('many flows: the kinds are summed, and the charts say so', async ({ page }) => {
    await openRun(page, '?scenario=many-flows', 420, 900);
    await expect(page.getByTestId('charts-note')).toContainText('each kind is drawn as the sum');
    await expect(page.getByTestId('goodput-chart').locator('path.series')).toHaveCount(1);
    await page.getByTestId('charts-area').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/charts-many-flows-narrow.png` });
  });
});
