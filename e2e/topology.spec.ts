import { expect, test } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { builtinScenarioNames, builtinScenarios, parseScenario } from '../src/engine';
import { firewallCaption } from '../src/ui/firewall-caption';
import { CAPTURE_SAMPLES } from '../src/ui/replay/capture-samples';

test.describe('topology', () => {
  test('the page is titled and offers every built-in scenario and sample capture', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto('/');
    await expect(page).toHaveTitle('Checkpoint Router');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkpoint Router');
    const picker = page.getByTestId('scenario');
    await expect(picker.locator('optgroup[label="Simulated"] option')).toHaveText(
      builtinScenarioNames,
    );
    await expect(picker.locator('optgroup[label="Real captures (replay)"] option')).toHaveText(
      CAPTURE_SAMPLES.map((s) => s.name),
    );
    await expect(page.getByTestId('scenario-error')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  for (const name of builtinScenarioNames) {
    test(`draws ${name}: router, every port and every host`, async ({ page }) => {
      const errors = watchErrors(page);
      const scenario = parseScenario(builtinScenarios[name]);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto('/');
      await page.getByTestId('scenario').selectOption(name);

      await expect(page.getByTestId('scenario-description')).toHaveText(scenario.description);
      const svg = page.getByTestId('topology');
      await expect(svg).toBeVisible();
      for (const id of ['router', 'fabric', 'routing-processor']) {
        await expect(svg.getByTestId(id)).toBeVisible();
      }
      const firewall = svg.getByTestId('routing-processor').getByTestId('firewall-application');
      const caption = firewallCaption(scenario);
      await expect(firewall).toContainText('firewall application');
      await expect(firewall).toContainText(caption.note.join(caption.separator));
      await expect(firewall.getByTestId('firewall-connections')).toHaveText('0 connections');
      await expect(svg.getByTestId('inspection-hook')).toHaveCount(0);
      await expect(svg).not.toContainText('no firewall yet');
      for (const port of scenario.router.ports) {
        const g = svg.getByTestId(`port-${port.name}`);
        await expect(g).toBeVisible();
        await expect(g).toContainText(port.name);
        await expect(g).toContainText(port.prefix);
        await expect(g.getByTestId(`queue-in-${port.name}`)).toHaveAttribute(
          'aria-label',
          `${port.name} input buffer: 0 / ${scenario.router.inputQueuePackets} packets`,
        );
        await expect(g.getByTestId(`queue-out-${port.name}`)).toHaveAttribute(
          'aria-label',
          `${port.name} output queue: 0 / ${scenario.router.outputQueuePackets} packets`,
        );
      }
      for (const host of scenario.hosts) {
        const g = svg.getByTestId(`host-${host.name}`);
        await expect(g).toBeVisible();
        await expect(g).toContainText(host.name);
        await expect(g).toContainText(host.address);
        await expect(svg.getByTestId(`link-${host.name}`)).toBeVisible();
      }
      await expect(svg.locator('[data-testid^="host-"]')).toHaveCount(scenario.hosts.length);
      await expect(svg.locator('[data-testid^="port-"]')).toHaveCount(scenario.router.ports.length);

      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
      expect(errors).toEqual([]);
    });
  }

  test('stays readable at a narrow width (ftp-transfer)', async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 420, height: 900 });
    await page.goto('/');
    await page.getByTestId('scenario').selectOption('ftp-transfer');
    const svg = page.getByTestId('topology');
    await expect(svg.getByTestId('host-client')).toContainText('192.0.2.10');

    // The drawing fits the screen (no horizontal scrolling) and is not scaled down.
    const box = await svg.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(420);
    const viewBoxWidth = await svg.evaluate((el) => (el as SVGSVGElement).viewBox.baseVal.width);
    expect(box!.width).toBeCloseTo(viewBoxWidth, 0);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(420);
    // The firewall box wraps its caption but keeps every word.
    const firewall = svg.getByTestId('firewall-application');
    await expect(firewall).toContainText(/firewall\s*application/);
    await expect(firewall).toContainText(/5 rules\s*policy drop/);

    await page.screenshot({ path: `${SCREENSHOTS}/ftp-transfer-narrow.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
