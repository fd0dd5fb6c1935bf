// IDE configurations for the Python daemon registered tools as `chat_EXAI-WS` and the like.
const IDE_SUFFIX = /[_-]EXAI[-_]WS$/;

/** `chat_EXAI-WS`, `chat-EXAI-WS`, `chat_EXAI_WS`, `chat-EXAI_WS` → `chat`; other names unchanged. */
export function stripIdeSuffix(name: string): string {
  return name.replace(IDE_SUFFIX, '');
}
