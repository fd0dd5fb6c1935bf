// What the providers need from the `openai` package, in one module they import on their first
// upstream request: a daemon that has made none has not loaded (or parsed) the client at all.
export { default as OpenAI } from 'openai';
export { classifyError } from './classify-error.ts';
export { SseStream } from './sse-stream.ts';
