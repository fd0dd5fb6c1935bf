import childProcess from 'node:child_process';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

// Every test process may talk to loopback only. A connection or name lookup for anything else
// throws at once, naming the host, so no test can quietly reach a real provider. Daemons the tests
// start get EXAI_TEST_LOOPBACK_ONLY=1 (inherited, and set by cleanEnv), which makes them refuse a
// provider base URL that is not loopback (daemon/providers/loopback-guard.ts).
process.env.EXAI_TEST_LOOPBACK_ONLY = '1';

function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '') return true; // Node's default is localhost
  return (
    host === 'localhost' ||
    host === '::1' ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '::ffff:127.0.0.1'
  );
}

function refuse(host: string, via: string): never {
  throw new Error(
    `test loopback guard: ${via} to ${host} refused; tests may only reach 127.0.0.1 (use the fake provider)`,
  );
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  // net.connect() passes its normalized arguments as one array: [options, callback].
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  // connect(options), connect(path) for IPC, or connect(port, host?)
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    if (options.path === undefined && !isLoopback(options.host))
      refuse(options.host!, 'a socket connection');
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second === 'string' && !isLoopback(second)) refuse(second, 'a socket connection');
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
  if (!isLoopback(hostname)) refuse(hostname, 'a DNS lookup');
  return (lookup as (...a: unknown[]) => void)(hostname, ...rest);
} as typeof dns.lookup;

const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
  if (!isLoopback(hostname)) refuse(hostname, 'a DNS lookup');
  return (lookupPromise as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest);
} as typeof dns.promises.lookup;

// Daemons started through the app's own launchers (NodeLauncher, the bridge's autostart) get a
// cleaned environment that would drop the flag: every child a test starts carries it.
type Spawner = (...args: unknown[]) => unknown;
for (const name of ['fork', 'spawn'] as const) {
  const original = childProcess[name] as Spawner;
  (childProcess as unknown as Record<string, Spawner>)[name] = function withLoopbackFlag(
    ...args: unknown[]
  ) {
    const options = args.findLast(
      (a) => typeof a === 'object' && a !== null && !Array.isArray(a),
    ) as { env?: NodeJS.ProcessEnv } | undefined;
    if (options?.env) options.env = { ...options.env, EXAI_TEST_LOOPBACK_ONLY: '1' };
    return original(...args);
  };
}
syncBuiltinESMExports();
