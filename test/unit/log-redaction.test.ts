import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import nodeLog from 'electron-log/node';
import { redactFields, redactingLogger, redactLogData, redactText, REDACTED_EMAIL, REDACTED_PHONE } from '../../electron/backend/redact-log';
import type { Logger } from '../../electron/backend/types';
import { rotateLogFiles } from '../../electron/main/log-rotation';
import { configureFileLog, LOG_FILE_NAME } from '../../electron/main/log-file';
import { tempDir } from '../helpers/backend';

const temps: { dispose(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.dispose();
});
function temp() {
  const t = tempDir();
  temps.push(t);
  return t.dir;
}

describe('the log redaction guard', () => {
  it('masks phone numbers in their usual shapes', () => {
    for (const phone of ['+1 (555) 010-0100', '555-010-0100', '0044 20 7946 0958', '+15550100123', '(030) 1234567']) {
      expect(redactText(`dialling ${phone} now`)).toBe(`dialling ${REDACTED_PHONE} now`);
    }
    expect(redactText('tel:+15550100')).toBe(`tel:${REDACTED_PHONE}`);
  });

  it('masks email addresses', () => {
    expect(redactText('sent to ada.example@mail.example.com, bcc x@y.org')).toBe(`sent to ${REDACTED_EMAIL}, bcc ${REDACTED_EMAIL}`);
  });

  it('keeps what support needs: dates, times, ids, versions and counts', () => {
    for (const text of [
      'at 2026-11-16T15:00:00.000Z',
      'on 2026-11-16 15:00',
      'event 550e8400-e29b-41d4-a716-446655440000',
      'Electron 45.4.1',
      'imported 1869 customers',
      'customer C-7590-VHVEG',
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });

  it('drops fields named after personal data and masks the strings of the others', () => {
    expect(
      redactFields({ name: 'Ada Example', customerName: 'Ada', phone: '555', email: 'a@b.co', mobileNumber: 'x', channel: 'queue.list', error: 'UNIQUE failed for +1 555 010 0100', count: 3 }),
    ).toEqual({ channel: 'queue.list', error: `UNIQUE failed for ${REDACTED_PHONE}`, count: 3 });
  });

  it('guards every level of a wrapped logger', () => {
    const lines: [string, string, unknown][] = [];
    const inner: Logger = {
      info: (m, f) => lines.push(['info', m, f]),
      warn: (m, f) => lines.push(['warn', m, f]),
      error: (m, f) => lines.push(['error', m, f]),
    };
    const log = redactingLogger(inner);
    log.info('called ada@example.com', { phone: '+1 555 010 0100' });
    log.warn('retry', { attempt: 2 });
    log.error('failed for 555-010-0100');
    expect(lines).toEqual([
      ['info', `called ${REDACTED_EMAIL}`, {}],
      ['warn', 'retry', { attempt: 2 }],
      ['error', `failed for ${REDACTED_PHONE}`, undefined],
    ]);
  });

  it('turns anything else a library logs into redacted text, errors keeping their stack frames', () => {
    const error = new Error('constraint failed for ada@example.com');
    const [first, second, third] = redactLogData([error, { to: '+1 555 010 0100' }, 42]);
    expect(first?.startsWith(`Error: constraint failed for ${REDACTED_EMAIL}\n`)).toBe(true);
    expect(first).toMatch(/\n\s+at /);
    expect(second).toBe(`{"to":"${REDACTED_PHONE}"}`);
    expect(third).toBe('42');
  });
});

describe('log rotation', () => {
  it('shifts the archives and deletes the oldest beyond the limit', () => {
    const dir = temp();
    const file = join(dir, 'main.log');
    for (const [name, text] of [['main.log', 'now'], ['main.1.log', 'one'], ['main.2.log', 'two'], ['main.3.log', 'three']]) {
      writeFileSync(join(dir, name as string), text as string);
    }
    rotateLogFiles(file, 3);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log']);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe('now');
    expect(readFileSync(join(dir, 'main.3.log'), 'utf8')).toBe('two');
  });
});

describe('the desktop log file (electron-log, Node flavour)', () => {
  it('writes to the logs folder without customer data and rotates by size', () => {
    const dir = temp();
    const log = configureFileLog(nodeLog.create({ logId: `test-${Date.now()}` }), { logsDir: dir, production: true, maxBytes: 2048 });
    log.info('dial opened', { scheme: 'tel', phone: '+1 555 010 0100', customerName: 'Ada Example' });
    log.warn('import row skipped for ada@example.com');
    const text = readFileSync(join(dir, LOG_FILE_NAME), 'utf8');
    expect(text).toContain('dial opened {"scheme":"tel"}');
    expect(text).toContain(`import row skipped for ${REDACTED_EMAIL}`);
    expect(text).not.toMatch(/555|Ada|example\.com/);

    for (let i = 0; i < 60; i += 1) log.info('queue loaded', { page: i, padding: 'x'.repeat(40) });
    expect(existsSync(join(dir, 'main.1.log'))).toBe(true);
    expect(readFileSync(join(dir, LOG_FILE_NAME)).length).toBeLessThanOrEqual(2048 + 200);
  });
});
