#!/usr/bin/env node
// The `exai` command. A source checkout runs the TypeScript entry directly (Node 24 strips the
// types), so it never runs a stale build; an installed tree has only the bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../daemon/cli/exai.ts', import.meta.url);
const bundled = new URL('../dist/daemon/exai.mjs', import.meta.url);
await import(existsSync(fileURLToPath(source)) ? source.href : bundled.href);
