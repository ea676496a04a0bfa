// Checks /api/health runs besides the database. In the process's shared
// state because the route handler lives in Next's bundle, apart from
// server.ts, which registers them at start.
import { processSlot } from './process-state';

type Probe = () => Promise<unknown>;

const probes = processSlot<Map<string, Probe>>('healthProbes');

export function registerHealthProbe(name: string, probe: Probe): void {
  probes.use(() => new Map()).set(name, probe);
}

export function unregisterHealthProbe(name: string): void {
  probes.get()?.delete(name);
}

export function healthProbes(): Array<[string, Probe]> {
  return [...(probes.get() ?? [])];
}
