import { describe, expect, it } from 'vitest';
import { createChatSchema, updateChatSchema } from './chat';

describe('avatar links', () => {
  it('accept web addresses and refuse script and data URLs', () => {
    const group = (avatarUrl: string) =>
      createChatSchema.safeParse({ type: 'GROUP', name: 'G', participantIds: [], avatarUrl }).success;
    expect(group('https://cdn.example/a.png')).toBe(true);
    expect(group('javascript:alert(1)')).toBe(false);
    expect(group('data:image/svg+xml,<svg onload=alert(1)>')).toBe(false);
    expect(updateChatSchema.safeParse({ avatarUrl: 'JavaScript:alert(1)' }).success).toBe(false);
    expect(updateChatSchema.safeParse({ avatarUrl: null }).success).toBe(true);
  });
});
