import { expect, test } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';

const SIZES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 420, height: 900 },
] as const;

/** Opens a run paused at `t` seconds (the page replays it there from the link). */
async function openAt(page: import('@playwright/test').Page, query: string, t: string) {
  await page.goto(`/?${query}&t=${t}`);
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 20_000 });
  await expect(page.getByTestId('sim-time')).toHaveText(`${Number(t).toFixed(6)} s`);
}

test.describe('scene', () => {
  for (const size of SIZES) {
    test(`packets on the links, checkpoint writes, the crash and the reassembly (${size.name})`, async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await page.setViewportSize({ width: size.width, height: size.height });
      const canvas = page.getByTestId('scene-canvas');
      const server = page.getByTestId('checkpoint-server');

      // Mid-transfer at 0.1x: packets in flight, the server holding records.
      await openAt(page, 'scenario=ftp-crash&seed=1', '0.3');
      await page.getByTestId('speed').selectOption('0.1');
      await expect(canvas).not.toHaveAttribute('data-flights', '0');
      // Painted (by the scene's worker in Chromium), and nothing said it could not be.
      await expect(canvas).not.toHaveAttribute('data-painted', '0');
      await expect(page.getByTestId('scene-paint-failure')).toHaveCount(0);
      await expect(server.getByTestId('server-records-base')).not.toHaveText('0');
      await page.screenshot({ path: `${SCREENSHOTS}/scene-transfer-${size.name}.png` });

      // Just after the crash: the firewall is down, packets are dropped with their reason.
      await openAt(page, 'scenario=ftp-crash&seed=1', '0.9');
      await expect(page.getByTestId('firewall-state')).toHaveText('down');
      await expect(canvas).not.toHaveAttribute('data-drops', '0');
      await expect(server.getByTestId('server-records-base')).not.toHaveText('0');
      await page.screenshot({ path: `${SCREENSHOTS}/scene-down-${size.name}.png` });

      expect(errors).toEqual([]);
    });
  }

  test('records come back from the server during reassembly', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // The router server restarts the firewall at 1.05 s; reassembly takes a few ms.
    await openAt(page, 'scenario=ftp-crash&seed=1', '1.0501');
    await page.getByTestId('speed').selectOption('0.01');
    await expect(page.getByTestId('scene-canvas')).not.toHaveAttribute('data-reads', '0');
    await page.screenshot({ path: `${SCREENSHOTS}/scene-reassembly-wide.png` });
  });
});
