import { describe, expect, it } from 'vitest';
import { createSocket } from './socket.js';

describe('createSocket', () => {
  it('opens a WebSocket first when it authenticates with the browser’s cookie, whose Origin the server checks', () => {
    const socket = createSocket({ baseUrl: 'http://127.0.0.1:9', credentials: 'include' }, undefined);
    expect(socket.io.opts.transports).toEqual(['websocket', 'polling']);
    expect(socket.io.opts.withCredentials).toBe(true);
    expect(socket.connected).toBe(false);
  });

  it('keeps socket.io’s default transports with a bearer token', () => {
    const socket = createSocket({ baseUrl: 'http://127.0.0.1:9', token: 't' }, () => Promise.resolve('t'));
    expect(socket.io.opts.transports).toBeUndefined();
  });
});
