// Checks /api/health runs besides the database. Kept on globalThis because
// the route handler lives in Next's bundle, apart from server.ts, which
// registers them at start.
type Probe = () => Promise<unknown>;

const key = Symbol.for('chat.health-probes');
const store = globalThis as { [key]?: Map<string, Probe> };

export function registerHealthProbe(name: string, probe: Probe): void {
  (store[key] ??= new Map()).set(name, probe);
}

export function unregisterHealthProbe(name: string): void {
  store[key]?.delete(name);
}

export function healthProbes(): Array<[string, Probe]> {
  return [...(store[key] ?? [])];
}
