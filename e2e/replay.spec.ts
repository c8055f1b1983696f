import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { expectNoSideScroll, open, runToEnd } from './run-helpers';

const SIZES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 420, height: 900 },
] as const;

test.describe('capture replay', () => {
  for (const size of SIZES) {
    test(`a sample FTP capture replays through the firewall: every packet accepted, the data connection announced by frame 12 (${size.name})`, async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await open(page, 'sample:ftp-passive', size.width, size.height);
      const panel = page.getByTestId('replay-panel');
      await expect(panel).toBeVisible();
      await runToEnd(page);
      await expect(panel.getByTestId('replay-replayed')).toHaveText('136');
      await expect(panel.getByTestId('replay-accepted')).toHaveText('136');
      await expect(panel.getByTestId('replay-dropped')).toHaveText('0');
      await expect(panel.getByTestId('replay-expectations')).toContainText(
        'frame 12: ftp expects tcp 192.0.2.10:* → 198.51.100.20:50000',
      );
      await expect(page).toHaveURL(/scenario=sample%3Aftp-passive/);
      await page.screenshot({
        path: `${SCREENSHOTS}/replay-ftp-passive-${size.name}.png`,
        fullPage: true,
      });
      await expectNoSideScroll(page, size.width);
      expect(errors).toEqual([]);
    });
  }

  test('a link to a sample opens its replay', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/?scenario=sample%3Aftp-active');
    await expect(page.getByTestId('scenario')).toHaveValue('sample:ftp-active');
    await expect(page.getByTestId('replay-panel')).toBeVisible();
    await runToEnd(page);
    await expect(page.getByTestId('replay-accepted')).toHaveText('133');
    expect(errors).toEqual([]);
  });

  test('a capture file the user loads becomes the run; a broken one says why and keeps the run', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, 'ftp-transfer');
    await page.getByTestId('capture-file').setInputFiles({
      name: 'broken.pcap',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('<script>alert(1)</script> not a capture'),
    });
    await expect(page.getByTestId('capture-error')).toHaveText(
      /^broken\.pcap: byte 0: expected a pcap magic number .* found 0x3c736372$/,
    );
    await expect(page.getByTestId('scenario')).toHaveValue('ftp-transfer');
    await expect(page.getByTestId('run-status')).toHaveText('paused');

    const bytes = readFileSync('public/samples/ftp-port-ftplib.pcapng');
    await page.getByTestId('capture-file').setInputFiles({
      name: 'my-ftp.pcapng',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    });
    await expect(page.getByTestId('scenario')).toHaveValue('file:my-ftp.pcapng');
    await expect(page.getByTestId('capture-error')).toHaveCount(0);
    await runToEnd(page);
    await expect(page.getByTestId('replay-accepted')).toHaveText('121');
    await expect(page.getByTestId('scenario-description')).toHaveText('Replay of my-ftp.pcapng');

    // Away and back: the loaded file stays in the picker and runs again.
    await page.getByTestId('scenario').selectOption('ftp-transfer');
    await expect(page.getByTestId('replay-panel')).toHaveCount(0);
    await page.getByTestId('scenario').selectOption('file:my-ftp.pcapng');
    await expect(page.getByTestId('replay-panel')).toBeVisible();
    await expect(page.getByTestId('config-error')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a crash during a real transfer: unique-id brings both connections back, the prior art loses them', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, 'sample:ftp-passive');
    await page.getByTestId('crash-at').fill('0.006');
    await page.getByTestId('crash-at-add').click();
    await runToEnd(page);
    const row = page.getByTestId('checkpoint-panel').getByTestId('crash-row');
    await expect(row.getByTestId('crash-recovered')).toHaveText('2');
    await expect(row.getByTestId('crash-lost')).toHaveText('0');
    await expect(page.getByTestId('replay-dropped')).toContainText('firewall-down');
    await page.screenshot({ path: `${SCREENSHOTS}/replay-crash-wide.png`, fullPage: true });

    await page.getByTestId('strategy').selectOption('none');
    await runToEnd(page);
    await expect(row.getByTestId('crash-recovered')).toHaveText('0');
    await expect(row.getByTestId('crash-lost')).toHaveText('2');
    expect(errors).toEqual([]);
  });
});

test.describe('downloads', () => {
  test('what crossed the ports downloads as pcapng and pcap, and the trace as JSON Lines', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, 'sample:ftp-passive');
    await runToEnd(page);
    const save = async (testId: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(testId).click(),
      ]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const ng = await save('download-pcapng');
    expect(ng.name).toMatch(/\.pcapng$/);
    expect(ng.bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    const pcap = await save('download-pcap');
    expect(pcap.name).toMatch(/\.pcap$/);
    expect(pcap.bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    // Both hold every replayed packet twice (in at one port, out at the other).
    expect(pcap.bytes.length).toBeGreaterThan(2 * 100_000);
    const trace = await save('download-trace');
    const lines = trace.bytes.toString('utf8').trim().split('\n');
    const kinds = new Set(lines.map((l) => JSON.parse(l).kind));
    expect(kinds).toContain('replay.inject');
    expect(kinds).toContain('firewall.verdict');
    expect(lines.filter((l) => JSON.parse(l).kind === 'replay.inject')).toHaveLength(136);
    await expect(page.getByTestId('export-error')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
