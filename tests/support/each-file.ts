// Runs before each test file. The files of a worker share one process (the
// integration project runs with isolate: false, so the server's modules load
// once per worker, not once per file); what a file changed in process.env
// (startTestServer's variables, a file's own) is undone before the next.
import { vi } from 'vitest';

const key = Symbol.for('chat.test.initialEnv');
const store = globalThis as { [key]?: Record<string, string | undefined> };
const initial = (store[key] ??= { ...process.env });
for (const name of Object.keys(process.env)) if (!(name in initial)) delete process.env[name];
Object.assign(process.env, initial);
// The test file and its imports (this repository's modules, not
// node_modules) are evaluated afresh: module-level state, such as the
// fixtures a file overrides (test.override), is its own.
vi.resetModules();
