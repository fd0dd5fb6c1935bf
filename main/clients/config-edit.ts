import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import type { ConfigFormat } from './client-catalog.ts';

// Edits one named server entry in a client's config file and leaves every other byte alone:
// jsonc-parser edits JSON/JSONC in place (comments, order, indentation kept); for TOML the entry's
// own table is cut out and written anew, the rest of the file untouched.

export class ConfigParseError extends Error {}

function parseJson(text: string, path: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value = parse(text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
  }) as unknown;
  if (errors.length > 0) {
    const first = errors[0]!;
    const line = text.slice(0, first.offset).split('\n').length;
    throw new ConfigParseError(
      `${path} is not valid JSON (${printParseErrorCode(first.error)} on line ${line}); fix or remove it first`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigParseError(`${path} does not hold a JSON object`);
  return value as Record<string, unknown>;
}

function parseTomlText(text: string, path: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigParseError(
      `${path} is not valid TOML (${(error as Error).message.split('\n')[0]}); fix or remove it first`,
    );
  }
}

/** The entry `name` under `container`, or undefined. Throws ConfigParseError naming the file. */
export function readEntry(
  format: ConfigFormat,
  text: string,
  container: readonly string[],
  name: string,
  path: string,
): unknown {
  let node: unknown = format === 'toml' ? parseTomlText(text, path) : parseJson(text, path);
  for (const key of [...container, name]) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function detectIndent(text: string): { insertSpaces: boolean; tabSize: number } {
  const match = /^([ \t]+)\S/m.exec(text);
  if (match?.[1]?.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: match?.[1]?.length ?? 2 };
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** Removes the `[container.name]` table (and its sub-tables) from TOML text. */
function cutTomlTable(text: string, container: readonly string[], name: string): string {
  const header = [...container, name].map(tomlKey).join('.');
  const lines = text.split('\n');
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    const table = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (table) skipping = table[1] === header || table[1]!.startsWith(`${header}.`);
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

/** The text with the entry set (added or replaced). Throws ConfigParseError on an unreadable file. */
export function upsertEntry(
  format: ConfigFormat,
  text: string,
  container: readonly string[],
  name: string,
  value: Record<string, unknown>,
  path: string,
): string {
  if (format === 'toml') {
    parseTomlText(text, path);
    const rest = cutTomlTable(text, container, name).replace(/\n*$/, '');
    const table = stringifyToml({ [container[0]!]: { [name]: value } }).trim();
    return `${rest}${rest ? '\n\n' : ''}${table}\n`;
  }
  parseJson(text, path);
  const base = text.trim() === '' ? '{}' : text;
  const edits = modify(base, [...container, name], value, {
    formattingOptions: { ...detectIndent(base), eol: base.includes('\r\n') ? '\r\n' : '\n' },
  });
  const result = applyEdits(base, edits);
  return result.endsWith('\n') ? result : `${result}\n`;
}

/** The text without the entry; unchanged when it had none. */
export function removeEntry(
  format: ConfigFormat,
  text: string,
  container: readonly string[],
  name: string,
  path: string,
): string {
  if (readEntry(format, text, container, name, path) === undefined) return text;
  if (format === 'toml') return `${cutTomlTable(text, container, name).replace(/\n+$/, '')}\n`;
  const edits = modify(text, [...container, name], undefined, {
    formattingOptions: detectIndent(text),
  });
  return applyEdits(text, edits);
}
