// The baseline: a bare Socket.IO relay with no auth, no database and no
// validation. A client names its rooms in the handshake; send_message is
// acked and rebroadcast to the room, except the sender, like the real server.
//   PORT=4000 tsx bench/bare-relay.ts
import { createServer } from 'node:http';
import { Server } from 'socket.io';

interface RelayMessage {
  chatId: string;
  content: string;
  clientMessageId?: string;
}

const port = Number(process.env.PORT ?? 4000);
const httpServer = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
});
const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });
const seqs = new Map<string, number>();

io.on('connection', (socket) => {
  const rooms: unknown = socket.handshake.auth.rooms;
  if (Array.isArray(rooms)) void socket.join(rooms.filter((r): r is string => typeof r === 'string'));
  socket.on('send_message', (message: RelayMessage, ack?: (answer: unknown) => void) => {
    const seq = (seqs.get(message.chatId) ?? 0) + 1;
    seqs.set(message.chatId, seq);
    const out = { chatId: message.chatId, seq, content: message.content, clientMessageId: message.clientMessageId };
    ack?.({ ok: true, data: { message: out } });
    socket.to(message.chatId).emit('message_received', out);
  });
});

httpServer.listen(port, '127.0.0.1', () => process.stdout.write(`bare relay on ${port}\n`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void io.close();
    process.exit(0);
  });
}
