// What the provider tools take from the `openai` package, loaded with their first request (like
// providers/openai-sdk.ts): the Files API, uploads and the error classifier.
export { default as OpenAI, toFile } from 'openai';
export { classifyError } from '../../providers/classify-error.ts';
