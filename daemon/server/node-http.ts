import { createRequire } from 'node:module';
import type * as Http from 'node:http';

// node:http through require(), not an ESM import: importing it builds an ESM facade that reads
// every export, and its lazy WebSocket, CloseEvent and MessageEvent getters then load undici (1 MB
// of source, ~20 ms and several MB of heap at start) which the daemon never uses.
const http = createRequire(import.meta.url)('node:http') as typeof Http;

export const { createServer, STATUS_CODES } = http;
