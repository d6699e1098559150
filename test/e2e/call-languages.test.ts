import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, serve, winback, type Served } from './harness';

/**
 * An agent on a Madrid floor: Spanish chosen at first run, a whole guided call read and recorded in
 * Spanish, then the same call screen in German, French and English for the documentation.
 */
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serve((dbPath) => {
    winback(['demo', '--db', dbPath]);
    // The manager of this floor named one reason in Spanish and in German (Playbook and reasons).
    const db = new Database(dbPath);
    db.prepare("INSERT INTO reason_names (reason_id, language, name) VALUES ('price.extra-charges', 'es', 'Cargos que no esperaba'), ('price.extra-charges', 'de', 'Unerwartete Zusatzkosten')").run();
    db.close();
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const stage = (name: string) => page.getByRole('heading', { level: 2, name });

describe('the guided call in the agent’s language, in Chromium', () => {
  it('does a whole call in Spanish: stages, script, reasons, offer and outcome in Spanish', async () => {
    await page.goto(served.url);
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Te damos la bienvenida a Winback Console' }).waitFor();
    await page.getByLabel('Tu nombre').fill('Ana Agente (e2e)');
    await page.getByRole('radio', { name: 'Agente de recuperación' }).check();
    await page.getByRole('button', { name: 'Continuar' }).click();

    await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Llamada' }).click();
    await page.getByRole('button', { name: 'Siguiente cliente' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Llamada con / });
    await heading.waitFor();
    const customer = ((await heading.textContent()) ?? '').replace(/^Llamada con /, '');
    for (const name of ['Disculparse', 'Escuchar', 'Diagnosticar', 'Ayudar', 'Ofrecer']) expect(await stage(name).count(), name).toBe(1);
    const script = page.locator('[data-stage="apologize"] .guidance');
    expect(await script.textContent()).toContain('No le llamo para venderle nada');
    expect(await page.getByRole('status', { name: 'Borrador' }).count()).toBe(1);

    await page.getByLabel('Nota de la disculpa').fill('Se disculpó por la subida de precio');
    await page.getByRole('button', { name: 'Etapa siguiente' }).click();
    await page.getByLabel('Palabras del cliente').fill('La factura subió demasiado.');
    await page.getByRole('button', { name: 'Etapa siguiente' }).click();

    await page.getByLabel('Categoría del motivo').selectOption({ label: 'Precio / relación calidad-precio' });
    // The manager's Spanish name for a reason, in place of the catalogue's; the others as shipped.
    const reasons = await page.getByLabel('Motivo concreto').locator('option').allTextContents();
    expect(reasons).toContain('Cargos que no esperaba');
    expect(reasons).not.toContain('Cargos adicionales');
    expect(reasons).not.toContain('Unerwartete Zusatzkosten');
    await page.getByLabel('Motivo concreto').selectOption({ label: 'Demasiado caro' });
    await page.getByLabel('El cliente ha confirmado el motivo').check();
    expect(await page.locator('[data-stage="diagnose"] .guidance').textContent()).toContain('el motivo principal por el que se fue es: Demasiado caro. ¿Es así?');
    await page.getByRole('button', { name: 'Etapa siguiente' }).click();

    expect(await page.locator('[data-stage="assist"] .guidance').textContent()).toContain('Lo que suele funcionar:');
    await page.getByLabel('Factura corregida').check();
    await page.getByRole('button', { name: 'Etapa siguiente' }).click();

    const offers = page.getByRole('list', { name: 'Ofertas propuestas, la mejor primero' });
    await offers.waitFor();
    expect(await offers.textContent()).toContain('15 % de descuento durante 3 meses');
    expect(await offers.textContent()).toContain('Propuesta porque el motivo diagnosticado está en Precio / relación calidad-precio.');
    await page.getByRole('group', { name: 'Respuesta a 15 % de descuento durante 3 meses' }).getByRole('radio', { name: 'Aceptada' }).check();
    await page.getByRole('group', { name: 'Resultado' }).getByRole('radio', { name: 'Recuperado' }).check();
    await screenshot(page, 'call-es');

    await page.getByRole('button', { name: 'Terminar la llamada' }).click();
    await expect.poll(() => page.getByText(`Llamada con ${customer} guardada: Recuperado.`, { exact: false }).count()).toBeGreaterThan(0);
  });

  it('shows the call screen in German, French and English for the person who switches language', async () => {
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Llamada' }).click();
    await page.getByRole('button', { name: 'Siguiente cliente' }).click();
    await page.getByRole('heading', { level: 1, name: /^Llamada con / }).waitFor();
    const cases = [
      { language: 'de', title: /^Anruf bei /, first: 'Entschuldigen', words: 'Ich möchte Ihnen nichts verkaufen' },
      { language: 'fr', title: /^Appel avec /, first: "S'excuser", words: 'Je ne vous appelle pas pour vous vendre quoi que ce soit' },
      { language: 'en', title: /^Call with /, first: 'Apologize', words: "I'm not calling to sell you anything" },
    ];
    for (const c of cases) {
      await page.locator('.language-select select').first().selectOption(c.language);
      await page.getByRole('heading', { level: 1, name: c.title }).waitFor();
      expect(await stage(c.first).count(), c.language).toBe(1);
      expect(await page.locator('[data-stage="apologize"] .guidance').textContent(), c.language).toContain(c.words);
      await screenshot(page, `call-${c.language}`);
    }
  });
});
