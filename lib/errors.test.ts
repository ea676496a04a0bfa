import { describe, expect, it } from 'vitest';
import { isUniqueViolation, isWriteConflict, retryOnWriteConflict } from './errors';

// The shapes Prisma 7 gives these errors: from the model API, and from a raw
// query through a driver adapter (P2010 wrapping the adapter's kind).
const deadlockRaw = { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'TransactionWriteConflict' } } } };
const deadlockModel = { code: 'P2034' };
const duplicateRaw = { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation' } } } };

describe('database error kinds', () => {
  it('tells write conflicts from unique violations, in both shapes', () => {
    expect([deadlockRaw, deadlockModel].map(isWriteConflict)).toEqual([true, true]);
    expect([duplicateRaw, { code: 'P2002' }].map(isUniqueViolation)).toEqual([true, true]);
    expect([duplicateRaw, new Error('x'), null, 'P2034'].map(isWriteConflict)).toEqual([false, false, false, false]);
  });

  it('reads the SQLSTATE of an error straight from pg (the prepared send batch)', () => {
    const pgError = (code: string) => Object.assign(new Error('x'), { code, severity: 'ERROR' });
    expect(['40P01', '40001', '23505'].map((c) => isWriteConflict(pgError(c)))).toEqual([true, true, false]);
    expect(['23505', '40P01'].map((c) => isUniqueViolation(pgError(c)))).toEqual([true, false]);
    // A Node error with a code of its own is not a database error.
    expect(isUniqueViolation(Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
  });
});

describe('retryOnWriteConflict', () => {
  it('runs the work again after a deadlock and returns its result', async () => {
    let calls = 0;
    const result = await retryOnWriteConflict(async () => {
      calls++;
      if (calls < 3) throw deadlockRaw;
      return 'done';
    });
    expect([result, calls]).toEqual(['done', 3]);
  });

  it('gives up after three attempts, and never retries other errors', async () => {
    let calls = 0;
    await expect(retryOnWriteConflict(() => Promise.reject((calls++, deadlockModel)))).rejects.toBe(deadlockModel);
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryOnWriteConflict(() => Promise.reject((calls++, duplicateRaw)))).rejects.toBe(duplicateRaw);
    expect(calls).toBe(1);
  });
});
