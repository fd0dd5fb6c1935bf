// Electron main entry (bundled to dist/main/index.js by scripts/build.ts).
import { app } from 'electron';
import { appPaths } from './app-paths.ts';
import { runApp } from './app.ts';

runApp(appPaths(import.meta.dirname, process.resourcesPath, app.isPackaged));
