#!/usr/bin/env node
// The `exai` command. A built tree runs the bundled daemon; a source checkout runs the
// TypeScript entry directly (Node 24 strips the types).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundled = new URL('../dist/daemon/exai.js', import.meta.url);
const source = new URL('../daemon/cli/exai.ts', import.meta.url);
await import(existsSync(fileURLToPath(bundled)) ? bundled.href : source.href);
