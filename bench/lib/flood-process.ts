// A flooding user in a process of its own (forked by flood.ts), so its CPU
// is not the server's or the coordinator's: as many requests as the server
// will take, `sync` over several sockets or REST sends with many in flight.
import { Agent, request } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import type { FloodPlan, FloodResult, FromFlood, ToFlood } from './flood';

let sockets: Socket[] = [];
/** Bumped by every start and stop: a loop of an earlier flood ends when it sees a newer one. */
let generation = 0;
let counts: FloodResult = fresh();

function fresh(): FloodResult {
  return { kind: 'flooded', accepted: 0, refused: 0, failed: 0, errors: [] };
}

function reply(message: FromFlood): void {
  process.send?.(message);
}

function note(error: string): void {
  counts.failed++;
  if (counts.errors.length < 5 && !counts.errors.includes(error)) counts.errors.push(error);
}

async function connect(plan: FloodPlan): Promise<void> {
  const one = () =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(plan.url, { auth: { token: plan.token }, transports: ['websocket'], reconnection: false, timeout: 20_000 });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  sockets = [];
  for (let i = 0; i < plan.sockets; i++) sockets.push(await one());
}

/** Each socket keeps `inFlight` syncs outstanding: the next goes as soon as one is answered. */
function floodSync(plan: FloodPlan): Promise<void> {
  const mine = generation;
  const loops = sockets.flatMap((socket) =>
    Array.from({ length: plan.inFlight }, async () => {
      while (mine === generation) {
        try {
          const answer = (await socket.timeout(30_000).emitWithAck('sync', { since: {} })) as {
            ok: boolean;
            error?: { code: string };
          };
          if (mine !== generation) break;
          if (answer.ok) counts.accepted++;
          else if (answer.error?.code === 'RATE_LIMITED') counts.refused++;
          else note(answer.error?.code ?? 'unknown');
        } catch (error) {
          note((error as Error).message);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }),
  );
  return Promise.all(loops).then(() => undefined);
}

/** `inFlight` loops of POST …/messages on one keep-alive connection each. */
function floodRest(plan: FloodPlan): Promise<void> {
  const mine = generation;
  const agent = new Agent({ keepAlive: true, maxSockets: plan.inFlight });
  const target = new URL(plan.url);
  let n = 0;
  const post = (chatId: string) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ content: `flood ${process.pid} ${n++}` });
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: `/api/v1/chat/sessions/${chatId}/messages`,
          headers: {
            authorization: `Bearer ${plan.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', reject);
        },
      );
      req.once('error', reject);
      req.end(body);
    });
  const loops = Array.from({ length: plan.inFlight }, async (_, i) => {
    while (mine === generation) {
      try {
        const status = await post(plan.chatIds[i % plan.chatIds.length] as string);
        if (mine !== generation) break;
        if (status === 200 || status === 201) counts.accepted++;
        else if (status === 429) counts.refused++;
        else note(`HTTP ${status}`);
      } catch (error) {
        note((error as Error).message);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return Promise.all(loops).then(() => agent.destroy());
}

let running: Promise<void> | undefined;

process.on('message', (message: ToFlood) => {
  switch (message.kind) {
    case 'prepare':
      connect(message.plan).then(
        () => reply({ kind: 'ready' }),
        (error: Error) => reply({ kind: 'ready', error: error.message }),
      );
      break;
    case 'start':
      generation++;
      counts = fresh();
      running = message.plan.mode === 'sync' ? floodSync(message.plan) : floodRest(message.plan);
      break;
    case 'stop':
      // Counted up to now; what is still in flight is left out.
      generation++;
      reply({ ...counts });
      break;
    case 'close':
      generation++;
      void Promise.race([running, new Promise((r) => setTimeout(r, 5000))]).then(() => {
        for (const s of sockets) s.disconnect();
        reply({ kind: 'closed' });
      });
      break;
  }
});
process.on('disconnect', () => process.exit(0));
