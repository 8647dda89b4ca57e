import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, KlipError, languageFromLocale, toErrorData } from '@core/errors.js';

describe('toErrorData', () => {
  it('turns the system refusals an office PC meets into words an admin can act on', () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write '/x/settings.json'"), { code: 'ENOSPC' });
    expect(toErrorData(full, 'id')).toMatchObject({ code: 'disk-full', message: expect.stringContaining('Disk penuh') });
    expect(toErrorData(full, 'en').message).toContain('disk is full');
    expect(toErrorData(Object.assign(new Error('EBUSY'), { code: 'EBUSY' }), 'id').code).toBe('file-busy');
    expect(toErrorData(Object.assign(new Error('EACCES'), { code: 'EACCES' }), 'en').code).toBe('no-permission');
  });

  it('never shows a stack trace: an unknown error becomes a plain message with its first line as detail', () => {
    const error = new Error('boom\n    at secret (file.ts:1:1)');
    const data = toErrorData(error, 'id');
    expect(data).toEqual({ code: 'internal', message: expect.stringContaining('Diskominfo'), detail: 'boom' });
  });

  it('keeps a KlipError as it is, in the chosen language', () => {
    const error = new KlipError({ code: 'x', text: { id: 'Halo', en: 'Hello' } });
    expect(toErrorData(error, 'en')).toEqual({ code: 'x', message: 'Hello' });
  });

  it('speaks Indonesian unless the locale is clearly English', () => {
    expect([languageFromLocale(undefined), languageFromLocale('id_ID.UTF-8'), languageFromLocale('C.UTF-8'), languageFromLocale('en_US.UTF-8'), languageFromLocale('en')]).toEqual([
      'id',
      'id',
      'id',
      'en',
      'en',
    ]);
  });
});

describe('describeIssues', () => {
  it('names each bad field (the root as "(root)") and keeps to the first five issues', () => {
    const schema = z.object({ name: z.string(), size: z.object({ width: z.number() }) });
    const result = schema.safeParse({ name: 3, size: { width: 'wide' } });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toMatch(/^name: .+; size\.width: .+$/);
    expect(describeIssues(z.string().safeParse(1).error!)).toMatch(/^\(root\): /);
    const many = z.array(z.string()).safeParse([1, 2, 3, 4, 5, 6, 7]);
    expect(describeIssues(many.error!).split('; ')).toHaveLength(5);
  });
});
