import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The daemon's layers import one way only (docs/architecture.md): no file cycle, and no two folders
// that import each other. Type-only imports count: a type cycle is still a cycle for a reader.
const root = resolve(import.meta.dirname, '../..');
const daemonDir = join(root, 'daemon');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** File → the daemon files it imports or re-exports from (paths relative to daemon/). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(daemonDir)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((ref) => ref.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolve(dirname(file), spec))
      .filter((target) => target.startsWith(daemonDir + '/'))
      .map((target) => relative(daemonDir, target));
    graph.set(relative(daemonDir, file), [...new Set(targets)]);
  }
  return graph;
}

function fileCycles(graph: Map<string, string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open')
        cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

const folderOf = (file: string): string =>
  file.includes('/') ? file.slice(0, file.indexOf('/')) : '.';

function twoWayFolderPairs(graph: Map<string, string[]>): string[] {
  const edges = new Set<string>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to) edges.add(`${from} → ${to}`);
    }
  }
  return [...edges]
    .filter((edge) => {
      const [from, to] = edge.split(' → ');
      return from! < to! && edges.has(`${to} → ${from}`);
    })
    .map((edge) => edge.replace(' → ', ' ⇄ '))
    .sort();
}

describe('daemon/ import graph', () => {
  const graph = importGraph();

  it('reads every daemon file, type imports and re-exports included', () => {
    // `import type { DaemonServices }` and `export … from` are edges too.
    expect(graph.get('daemon.ts')).toEqual(expect.arrayContaining(['tools/services.ts']));
    expect(graph.get('config/schema.ts')).toEqual(expect.arrayContaining(['core/provider-id.ts']));
    expect(graph.size).toBeGreaterThan(50);
  });

  it('would see a cycle or a two-way pair if one came back', () => {
    const bad = new Map([
      ['services.ts', ['routing/chat-router.ts']],
      ['routing/chat-router.ts', ['tools/tool.ts']],
      ['tools/tool.ts', ['services.ts']],
      ['files/file-reader.ts', ['tools/tool-error.ts']],
      ['tools/chat.ts', ['files/file-reader.ts']],
      ['tools/tool-error.ts', []],
    ]);
    expect(fileCycles(bad)).toEqual([
      'routing/chat-router.ts → tools/tool.ts → services.ts → routing/chat-router.ts',
    ]);
    expect(twoWayFolderPairs(bad)).toEqual(['files ⇄ tools']);
  });

  it('has no file cycle', () => {
    expect(fileCycles(graph)).toEqual([]);
  });

  it('has no two folders importing each other', () => {
    expect(twoWayFolderPairs(graph)).toEqual([]);
  });

  it('keeps daemon/core free of any other daemon folder', () => {
    const leaks = [...graph]
      .filter(([file]) => folderOf(file) === 'core')
      .flatMap(([file, targets]) =>
        targets.filter((t) => folderOf(t) !== 'core').map((t) => `${file} → ${t}`),
      );
    expect(leaks).toEqual([]);
  });
});
