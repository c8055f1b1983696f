import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { expectNoSideScroll, openLink as openAt } from './run-helpers';

const RECOVERY_ACTS = ['900', '902', '904', '1000', '1002', '1004'];
const SIZES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 420, height: 900 },
] as const;

/**
 * Remembers, frame by frame, every act that was ever lit: at max speed an act glows for a
 * moment only, and the test must not depend on catching that moment in a poll.
 */
async function recordLitActs(page: Page): Promise<void> {
  // Watched on screen: a panel far off screen holds still while the run plays (ScreenGate).
  await page.getByTestId('flowchart').first().scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { litSeen: Set<string> }).litSeen = seen;
    const look = () => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-act][data-lit="true"]'))
        seen.add(el.dataset.act ?? '');
      requestAnimationFrame(look);
    };
    look();
  });
}

const litSeen = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { litSeen: Set<string> }).litSeen]);

const act = (page: Page, n: string) => page.getByTestId('flowchart').locator(`[data-act="${n}"]`);

async function playToEnd(page: Page): Promise<void> {
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 60_000 });
}

test.describe('flowcharts and recovery report', () => {
  test('ftp-crash with unique-id: played fast, FIG. 9–10 light up, 0 lost, the download completes', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await openAt(page, '?scenario=ftp-crash&strategy=unique-id', '0.000000 s');
    const report = page.getByTestId('recovery-report');
    await expect(report).toContainText('No crash yet');
    await expect(report).toContainText('the firewall will crash at 0.800 s');
    await expect(page.getByTestId('transfer-progress')).toHaveText('0%');
    await expect(page.getByTestId('flowchart').locator('[data-act]')).toHaveCount(14);

    await recordLitActs(page);
    await playToEnd(page);

    const seen = await litSeen(page);
    for (const n of [...RECOVERY_ACTS, '600', '602', '604', '700', '702', '704', '800', '802'])
      expect(seen, `act ${n} was lit at some moment`).toContain(n);
    await expect(report).toContainText('20 recovered, 0 lost of 20 connections');
    await expect(report).toContainText(/\b0 lost\b/);
    await expect(report).toContainText('Every connection came back');
    await expect(page.getByTestId('recovery-out-of-service')).toHaveText('250.5 ms');
    await expect(page.getByTestId('recovery-delay')).toHaveText(/^\+[\d,]+\.\d ms \(/, {
      timeout: 30_000,
    });
    await expect(page.getByTestId('transfer-progress')).toHaveText('100%');
    await expect(page.getByTestId('transfer-state')).toContainText('completed at 2.283 s');
    await expect(act(page, '900')).toContainText('1×');
    await expect(act(page, '1002')).toContainText('20×');
    expect(errors).toEqual([]);
  });

  for (const size of SIZES) {
    test(`a link just after the restart shows the recovery acts lit (${size.name})`, async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await openAt(page, '?scenario=ftp-crash&t=1.06', '1.060000 s', size.width, size.height);
      for (const n of RECOVERY_ACTS) await expect(act(page, n)).toHaveAttribute('data-lit', 'true');
      for (const n of ['600', '604', '704', '802'])
        await expect(act(page, n)).toHaveAttribute('data-lit', 'false');
      // The firewall is already back: recovery's report is complete.
      await expect(page.getByTestId('recovery-report')).toContainText('20 recovered, 0 lost');
      await expect(page.getByTestId('transfer-state')).toContainText('stalled');
      await page.getByTestId('flowchart').scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `${SCREENSHOTS}/flowchart-restart-${size.name}.png`,
        fullPage: true,
      });
      await expectNoSideScroll(page, size.width);
      expect(errors).toEqual([]);
    });
  }

  test('the prior art (strategy none): connections lost, the download stalls and never completes', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await openAt(page, '?scenario=ftp-crash&strategy=none', '0.000000 s');
    await expect(page.getByTestId('flowchart-note')).toContainText('Prior art');
    await recordLitActs(page);
    // Real time, not max: past the stall the run races through 600 idle seconds at max speed
    // and would be over before the pause could land.
    await page.getByTestId('speed').selectOption('1');
    await page.getByTestId('play').click();
    await expect
      .poll(async () => parseFloat((await page.getByTestId('sim-time').textContent()) ?? '0'), {
        timeout: 30_000,
      })
      .toBeGreaterThan(2);
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused');

    const report = page.getByTestId('recovery-report');
    await expect(report).toContainText('0 recovered, 20 lost of 20 connections');
    await expect(report).toContainText('Connections were lost: the prior art checkpoints nothing');
    await expect(page.getByTestId('transfer-state')).toContainText('stalled', { timeout: 30_000 });
    const percent = parseInt((await page.getByTestId('transfer-progress').textContent()) ?? '', 10);
    expect(percent).toBeLessThan(100);
    await page.screenshot({ path: `${SCREENSHOTS}/flowchart-none-wide.png`, fullPage: true });

    await playToEnd(page);
    await expect(page.getByTestId('transfer-state')).toContainText('did not complete');
    await expect(page.getByTestId('recovery-delay')).toContainText('did not complete');
    await expect(page.getByTestId('transfer-progress')).toHaveText(`${percent}%`);
    const seen = await litSeen(page);
    expect(seen).toContain('900');
    expect(seen).toContain('902');
    for (const n of ['904', '1002', '1004', '604']) expect(seen).not.toContain(n);
    expect(errors).toEqual([]);
  });

  test('an act shows the patent’s wording on focus, and keeps it when pressed', async ({
    page,
  }) => {
    await openAt(page, '?scenario=ftp-crash&t=1.06', '1.060000 s');
    const restart = act(page, '900');
    await restart.focus();
    const detail = page.getByTestId('flowchart').locator('.detail');
    await expect(detail).toContainText('Act 900 (FIG. 9): The router server restarts');
    await expect(detail).toContainText('executed once so far, last at 1.050 s');
    await page.keyboard.press('Enter');
    await expect(restart).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Tab');
    await expect(act(page, '902')).toBeFocused();
    await expect(detail).toContainText('Act 902');
    await page.getByTestId('transfer-progress').click();
    await expect(detail).toContainText('Act 900');
  });
});
