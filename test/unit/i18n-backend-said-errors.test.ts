import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, signIn, testBackend, type TestBackend } from '../helpers/backend';

/**
 * Errors that used to be English words built outside the errors catalogue (offer checks, the
 * ledger's values, hub addresses, a file that is not CSV): a Spanish manager reads them in Spanish,
 * with the key beside them for the window.
 */
let b: TestBackend;
beforeEach(async () => {
  b = testBackend();
  await signIn(b.dispatch, { name: 'Marta Gerente', role: 'manager' });
  await call(b.dispatch, 'locale.setLanguage', { language: 'es' });
});
afterEach(() => b.dispose());

async function failure(channel: Parameters<typeof callResult>[1], input: unknown) {
  const r = await callResult(b.dispatch, channel, input as never);
  if (r.ok) throw new Error(`${channel} succeeded`);
  return r.error;
}

describe('errors said by key in the person’s language', () => {
  it('an offer missing what its type needs', async () => {
    const e = await failure('playbook.saveOffer', { name: 'Mitad de precio', type: 'discount', durationMonths: 3 });
    expect(e.code).toBe('invalid_input');
    expect(e.said?.key).toBe('errors.playbook.offerNeeds');
    expect(e.message).toBe('Este tipo de oferta necesita un porcentaje.');
  });

  it('a percent on an offer that is not a discount', async () => {
    const e = await failure('playbook.saveOffer', { name: 'Pausa', type: 'pause', durationMonths: 2, percent: 10 });
    expect(e.message).toBe('Solo un descuento lleva porcentaje.');
  });

  it('a ledger entry that is not an email address', async () => {
    const e = await failure('permissions.add', { kind: 'email', value: 'not-an-address', scope: 'all' });
    expect(e.said?.key).toBe('errors.permissions.notEmail');
    expect(e.message).toBe('Esto no es una dirección de correo electrónico.');
  });

  it('a hub address on another computer over plain http', async () => {
    const e = await failure('hub.settings.set', { url: 'http://hub.example.com/' });
    expect(e.said?.key).toBe('errors.hub.address.httpsElsewhere');
    expect(e.message).toMatch(/^Usa https:\/\//);
  });

  it('a hub that cannot be reached', async () => {
    // Nothing listens on port 9 of this computer: the connection is refused at once.
    await call(b.dispatch, 'hub.settings.set', { url: 'http://127.0.0.1:9/', token: 'wbh_test_token_0123456789abcdef' });
    const e = await failure('hub.test', {});
    expect(e.code).toBe('network');
    expect(e.said).toEqual({ key: 'errors.hub.request.offline', params: { host: '127.0.0.1:9' } });
    expect(e.message).toBe('No se ha podido contactar con el hub en 127.0.0.1:9. Los eventos esperan en este puesto y se envían cuando vuelva.');
  });

  it('an input the schema refuses: its own sentence in Spanish, the field beside it', async () => {
    const e = await failure('playbook.saveOffer', { name: 'Demasiado', type: 'discount', percent: 120, durationMonths: 1 });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'percent', message: 'Un descuento es como máximo del 100 %.' });
    expect(e.said).toEqual({ key: 'errors.input.discountMax', params: { field: { key: 'errors.field.percent' }, maximum: 100 } });
  });

  it('an input past a limit with no sentence of its own: the field by its Spanish label', async () => {
    const e = await failure('outreach.settings.set', { company: 'x'.repeat(121) });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'company', message: 'Empresa: como máximo 120 caracteres.' });
  });

  it('a limit whose sentence has its number: said in Spanish with the number', async () => {
    const e = await failure('taxonomy.saveCategory', { name: 'x'.repeat(121) });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'name', message: 'El nombre de una categoría tiene como máximo 120 caracteres.' });
  });

  it('a workbook given as the customers file', async () => {
    const content = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('rest of a zip archive')]);
    const { uploadId } = await call(b.dispatch, 'import.begin', { fileName: 'departed.xlsx', size: content.length });
    await call(b.dispatch, 'import.chunk', { uploadId, offset: 0, data: content.toString('base64') });
    const e = await failure('import.inspect', { uploadId });
    expect(e.code).toBe('invalid_file');
    expect(e.said?.key).toBe('errors.importFile.nothingImported');
    expect(e.message).toMatch(/Excel/);
    expect(e.message).toMatch(/No se ha importado nada\.$/);
  });
});
