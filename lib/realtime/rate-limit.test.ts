import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('createRateLimiter', () => {
  it('allows two seconds of budget, then refuses with RATE_LIMITED', async () => {
    const limiter = createRateLimiter({ socketPerSecond: 5, userPerSecond: 100 });
    for (let i = 0; i < 10; i++) await limiter.consume('s1', 'u1');
    await expect(limiter.consume('s1', 'u1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another socket of the same user has its own budget.
    await expect(limiter.consume('s2', 'u1')).resolves.toBeUndefined();
  });

  it('caps a user across sockets', async () => {
    const limiter = createRateLimiter({ socketPerSecond: 100, userPerSecond: 2 });
    for (let i = 0; i < 4; i++) await limiter.consume(`s${i}`, 'u1');
    await expect(limiter.consume('s9', 'u1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
