import { describe, expect, it } from 'vitest';
import { ChatApiError, unwrap } from './client.js';

const answer = (status: number) => new Response(status === 204 ? null : '{}', { status });

describe('unwrap', () => {
  it('returns the data of a success, and nothing for 204 No Content', () => {
    expect(unwrap({ data: { ok: 1 }, response: answer(200) })).toEqual({ ok: 1 });
    expect(unwrap({ response: answer(204) })).toBeUndefined();
  });

  it("throws the server's error body, or a generic one when there is none", () => {
    const refused = () =>
      unwrap({ error: { error: { code: 'NOT_FOUND', message: 'Chat not found' } }, response: answer(404) });
    expect(refused).toThrow(ChatApiError);
    expect(refused).toThrow('Chat not found');
    const bare = (() => {
      try {
        unwrap({ response: answer(502) });
      } catch (error) {
        return error;
      }
    })();
    expect(bare).toMatchObject({ status: 502, code: 'INTERNAL' });
  });
});
