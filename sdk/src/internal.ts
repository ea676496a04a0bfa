// What the testing helper reaches that the public API does not show.
import type { ChatClient } from './types.js';

export interface ConnectionControl {
  cut(): void;
  restore(): void;
}

export const controls = new WeakMap<ChatClient, ConnectionControl>();
