// Electron main entry (bundled to dist/main/index.js by scripts/build.ts).
import { runApp } from './app.ts';

runApp(import.meta.dirname);
