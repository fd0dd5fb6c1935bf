import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../../daemon/catalog/catalog.ts';
import { fitFiles, numberedBlock } from '../../daemon/workflows/file-budget.ts';
import { parseAnalysis } from '../../daemon/workflows/ask-model.ts';

const small = ModelCatalog.fromFile().find('moonshot-v1-8k')!; // 8192 tokens: a 4096-token file budget
const file = (path: string, content: string) => ({ path, content, bytes: content.length });

describe('the expert request', () => {
  it('numbers every line so the expert can cite path:line', () => {
    expect(numberedBlock(file('/p/a.ts', 'one\ntwo\n'))).toBe(
      '--- BEGIN FILE: /p/a.ts (2 lines) ---\n1│ one\n2│ two\n--- END FILE: /p/a.ts ---',
    );
  });

  it('fits files into half the context window in order, naming what it omits or already sent', () => {
    const big = file('/p/big.ts', 'x'.repeat(20_000)); // ~5000 tokens
    const fitted = fitFiles(
      [file('/p/a.ts', 'a'), big, file('/p/b.ts', 'b'), file('/p/sent.ts', 's')],
      small,
      new Set(['/p/sent.ts']),
    );
    expect(fitted.embedded).toEqual(['/p/a.ts', '/p/b.ts']);
    expect(fitted.omitted).toEqual(['/p/big.ts']);
    expect(fitted.alreadySent).toEqual(['/p/sent.ts']);
    expect(fitted.text).toContain('(Omitted, over the file budget of 4096 tokens: /p/big.ts)');
    expect(fitted.text).toContain('(Sent earlier in this conversation, not repeated: /p/sent.ts)');
  });

  it('cuts a diff too large for the budget instead of dropping it; CJK counts a token a character', () => {
    const diff = '差'.repeat(6000);
    const fitted = fitFiles([], small, new Set(), { title: 'GIT DIFF', text: diff });
    expect(fitted.leadTruncated).toBe(true);
    const kept = fitted.text.match(/差/g)!.length;
    expect(kept).toBeLessThanOrEqual(4096 * 0.75);
    expect(kept).toBeGreaterThan(1000);
    expect(fitted.text).toContain('cut here');
  });

  it('reads the JSON answer, fenced or not, and keeps prose as text', () => {
    expect(
      parseAnalysis(
        'Here:\n```json\n{"analysis": "A", "key_findings": ["k"], "confidence": "low"}\n```',
      ),
    ).toEqual({
      format: 'json',
      analysis: 'A',
      key_findings: ['k'],
      recommendations: [],
      confidence: 'low',
    });
    expect(parseAnalysis('Just {not json} prose')).toEqual({
      format: 'text',
      analysis: 'Just {not json} prose',
      key_findings: [],
      recommendations: [],
    });
    expect(parseAnalysis('{"verdict": "no analysis field"}').format).toBe('text');
  });
});
