// Token counts without a tokenizer: close enough to budget a context window. Latin text runs about
// four characters a token; CJK ideographs and kana about one token each, so counting characters
// / 4 for Chinese would undercount by four times and overflow the window.
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/gu;
const LETTER = /\p{L}/gu;

export function countCjk(text: string): number {
  return text.match(CJK)?.length ?? 0;
}

export function estimateTokens(text: string): number {
  if (!text) return 0;
  const cjk = countCjk(text);
  const rest = text.length - cjk;
  return cjk + Math.ceil(rest / 4);
}

/** More than half of the letters are CJK: such a prompt goes to Kimi when the router chooses. */
export function isMostlyCjk(text: string): boolean {
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return false;
  const cjk =
    text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)
      ?.length ?? 0;
  return cjk / letters > 0.5;
}
