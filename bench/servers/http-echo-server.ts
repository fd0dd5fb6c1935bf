// The HTTP baseline: a bare `node:http` server that answers every JSON-RPC POST with a JSON body
// of the given size, in its own process like the daemon. Prints its port on stdout.
import { createServer } from 'node:http';

const replyBytes = Number(process.argv[2] ?? 256);
const pad = 'x'.repeat(Math.max(0, replyBytes - 40));
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    const msg = JSON.parse(body) as { id?: unknown };
    const reply = JSON.stringify({ jsonrpc: '2.0', id: msg.id ?? null, result: { pad } });
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(reply),
    });
    res.end(reply);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${(server.address() as { port: number }).port}\n`),
);
