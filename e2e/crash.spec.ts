import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { open, runToEnd, expectNoSideScroll } from './run-helpers';

const SIZES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 420, height: 900 },
] as const;

const clockSeconds = async (page: Page) =>
  parseFloat((await page.getByTestId('sim-time').textContent()) ?? '0');

/** The one crash row recovered every connection it had, and lost none. */
async function expectFullRecovery(page: Page): Promise<void> {
  const rows = page.getByTestId('checkpoint-panel').getByTestId('crash-row');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  const before = (await row.getByTestId('crash-before').textContent())?.trim() ?? '';
  expect(Number(before.replace(/,/g, ''))).toBeGreaterThan(0);
  await expect(row.getByTestId('crash-recovered')).toHaveText(before);
  await expect(row.getByTestId('crash-lost')).toHaveText('0');
  await expect(row.getByTestId('crash-mismatches')).toHaveText('0');
  await expect(row.getByTestId('crash-back')).toHaveText(/^\d+\.\d{3} s \(out [\d.,]+ ms\)$/);
}

test.describe('firewall crash', () => {
  for (const size of SIZES) {
    test(`ftp-crash: every connection comes back and the download completes (${size.name})`, async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await open(page, 'ftp-crash', size.width, size.height);
      const panel = page.getByTestId('checkpoint-panel');
      await expect(panel.getByTestId('checkpoint-strategy')).toContainText('unique-id');
      await expect(panel.getByTestId('no-crashes')).toBeVisible();
      await expect(page.getByTestId('firewall-state')).toHaveText('up');
      await runToEnd(page);

      await expectFullRecovery(page);
      const row = panel.getByTestId('crash-row');
      await expect(row.getByTestId('crash-at')).toHaveText('0.800 s');
      await expect(row.getByTestId('crash-restarted')).toHaveText('1.050 s');
      const data = page.getByTestId('flow-download/data');
      await expect(data.getByTestId('flow-status')).toHaveText(/^completed at /);
      await expect(data.getByTestId('flow-bytes')).toHaveText('20.0 MB / 20.0 MB');
      await expect(page.getByTestId('firewall-state')).toHaveText('up');
      await expect(page.getByTestId('crash-firewall')).toBeDisabled();
      // While it was down the router failed closed: those drops are counted by reason.
      await expect(page.getByTestId('packets-dropped')).toContainText('firewall-down: ');
      const writes = panel.getByTestId('checkpoint-writes');
      await expect(writes).toContainText(/writes\s*[\d,]+/);
      await expect(panel.getByTestId('area-base').getByTestId('area-records')).not.toHaveText('0');

      await page.screenshot({
        path: `${SCREENSHOTS}/crash-ftp-crash-finished-${size.name}.png`,
        fullPage: true,
      });
      await expectNoSideScroll(page, size.width);
      expect(errors).toEqual([]);
    });

    test(`ftp-transfer: Crash firewall mid-run, then it recovers (${size.name})`, async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await open(page, 'ftp-transfer', size.width, size.height);
      const crash = page.getByTestId('crash-firewall');
      const state = page.getByTestId('firewall-state');
      await expect(crash).toBeEnabled();
      await page.getByTestId('speed').selectOption('0.1');
      await page.getByTestId('play').click();
      await expect.poll(() => clockSeconds(page), { timeout: 20_000 }).toBeGreaterThan(0.2);

      // At 0.1× the firewall stays down for 2.5 s of wall time (50 ms to notice, 200 ms to
      // restart): long enough to see it, then pause there for the screenshot.
      await crash.click();
      await expect(state).toHaveText('down');
      await expect(crash).toBeDisabled();
      await page.getByTestId('pause').click();
      await expect(page.getByTestId('run-status')).toHaveText('paused');
      await expect(state).toHaveText('down');
      const box = page.getByTestId('firewall-application');
      await expect(box).toContainText('crashed —');
      await expect(page.getByTestId('firewall-panel-state')).toContainText('Crashed — down');
      const row = page.getByTestId('crash-row');
      await expect(row).toHaveCount(1);
      await expect(row.getByTestId('crash-back')).toHaveText('not yet');
      await expect(row.getByTestId('crash-lost')).toHaveText('…');
      await page.screenshot({
        path: `${SCREENSHOTS}/crash-ftp-transfer-down-${size.name}.png`,
        fullPage: true,
      });
      await expectNoSideScroll(page, size.width);

      // Real time: the router server restarts it, it reassembles (recovering), and is up again
      // while the download still has over a second to go — time to see the button come back.
      await page.getByTestId('speed').selectOption('1');
      await page.getByTestId('play').click();
      await expect(state).toHaveText(/^(recovering|up)$/, { timeout: 10_000 });
      await expect(state).toHaveText('up', { timeout: 10_000 });
      await expect(crash).toBeEnabled();
      await page.getByTestId('speed').selectOption('max');
      await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 30_000 });

      await expectFullRecovery(page);
      await expect(page.getByTestId('firewall-panel-state')).toHaveCount(0);
      const data = page.getByTestId('flow-download/data');
      await expect(data.getByTestId('flow-status')).toHaveText(/^completed at /);
      await expect(data.getByTestId('flow-bytes')).toHaveText('20.0 MB / 20.0 MB');
      expect(errors).toEqual([]);
    });
  }

  test('many-flows: Crash firewall in the middle of the running scenario; every connection is rebuilt', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, 'many-flows');
    await page.getByTestId('speed').selectOption('1');
    await page.getByTestId('play').click();
    await expect.poll(() => clockSeconds(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
    await page.getByTestId('crash-firewall').click();
    // The crash is replayed into the run from the seed to the playhead (a frame's budget at
    // a time), and the run goes on playing from there.
    await expect(page).toHaveURL(/crash=\d+\.\d+/);
    await expect(page.getByTestId('pause')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('speed').selectOption('max');
    await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 60_000 });

    await expectFullRecovery(page);
    const report = page.getByTestId('recovery-report');
    await expect(report).toContainText(/[\d,]+ recovered, 0 lost of [\d,]+ connections/);
    const rebuilt = page.getByTestId('invariant-monitors').locator('[data-monitor="rebuilt"]');
    await expect(rebuilt).toHaveAttribute('data-status', 'holds');
    await page.screenshot({ path: `${SCREENSHOTS}/crash-many-flows.png` });
    expect(errors).toEqual([]);
  });
});
