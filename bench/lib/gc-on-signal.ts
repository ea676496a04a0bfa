// Preloaded into the processes under test (`node --import tsx --import
// ./bench/lib/gc-on-signal.ts`): SIGUSR2 runs a full collection and writes
// process.memoryUsage() to memoryFile(pid), so the bench reads memory
// without the garbage of whatever ran before. gc is exposed at the first
// signal, not with --expose-gc at start, so the scenarios before the first
// memory reading run on an unchanged V8.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const memoryFile = (pid: number) => join(tmpdir(), `chat-bench-memory-${pid}.json`);

let collect: (() => void) | undefined;
process.on('SIGUSR2', () => {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  writeFileSync(memoryFile(process.pid), JSON.stringify(process.memoryUsage()));
});
