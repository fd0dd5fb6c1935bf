// The baseline: a raw `ws` server that answers every frame with a frame of the given size,
// in its own process like the daemon. Prints its port on stdout.
import { WebSocketServer } from 'ws';

const replyBytes = Number(process.argv[2] ?? 256);
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const reply = (id: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id, result: { pad: 'x'.repeat(Math.max(0, replyBytes - 40)) } });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: unknown };
    ws.send(reply(msg.id));
  });
});
wss.on('listening', () => process.stdout.write(`${(wss.address() as { port: number }).port}\n`));
