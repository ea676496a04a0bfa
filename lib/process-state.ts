// State that server.ts and Next's route handlers share within one process.
// Next bundles the route handlers apart from server.ts, so a module-level
// variable exists once per bundle; a slot here exists once per process.
// lib/server/start.ts fills the slots at start; the rest of the code reads
// them. This is the one place that touches globalThis.
const key = Symbol.for('chat.process');
const store = globalThis as { [key]?: Map<string, unknown> };
const slots = (store[key] ??= new Map());

export interface Slot<T> {
  get(): T | undefined;
  set(value: T | undefined): void;
  /** The value, made by `init` the first time anyone asks. */
  use(init: () => T): T;
}

/** A named, typed slot of the process's shared state. */
export function processSlot<T>(name: string): Slot<T> {
  return {
    get: () => slots.get(name) as T | undefined,
    set: (value) => {
      if (value === undefined) slots.delete(name);
      else slots.set(name, value);
    },
    use: (init) => {
      if (!slots.has(name)) slots.set(name, init());
      return slots.get(name) as T;
    },
  };
}
