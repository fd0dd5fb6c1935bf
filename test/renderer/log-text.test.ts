import { describe, expect, it } from 'vitest';
import { exportText, fieldsText, lineText } from '../../renderer/src/logs/log-text.ts';

describe('log lines as text', () => {
  it('fields read as key=value, quoting only what needs it', () => {
    expect(fieldsText({ tool: 'chat', ms: 1200, ok: true })).toBe('tool=chat ms=1200 ok=true');
    expect(fieldsText({ msg: 'two words', eq: 'a=b', none: null })).toBe(
      'msg="two words" eq="a=b" none=null',
    );
    expect(fieldsText({ nested: { a: 1 }, list: [1, 2] })).toBe('nested={"a":1} list=[1,2]');
    expect(fieldsText(undefined)).toBe('');
  });

  it('a line: ISO time, level, message, fields; an export is one line each', () => {
    const line = {
      time: Date.UTC(2026, 10, 29, 16, 5, 3, 120),
      level: 'info' as const,
      msg: 'tool call finished',
      fields: { tool: 'chat' },
    };
    expect(lineText(line)).toBe('2026-11-29T16:05:03.120Z INFO tool call finished tool=chat');
    expect(lineText({ ...line, fields: {} })).toBe(
      '2026-11-29T16:05:03.120Z INFO tool call finished',
    );
    expect(exportText([line, { ...line, level: 'warn', msg: 'slow' }]).split('\n')).toHaveLength(2);
  });
});
