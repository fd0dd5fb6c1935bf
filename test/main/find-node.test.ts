import { describe, expect, it } from 'vitest';
import { findNode } from '../../main/supervision/find-node.ts';

describe('findNode', () => {
  it('takes the first node on PATH', () => {
    const present = new Set(['/home/u/.nvm/bin/node', '/usr/bin/node']);
    expect(findNode('/usr/sbin:/home/u/.nvm/bin:/usr/bin', 'linux', (p) => present.has(p))).toBe(
      '/home/u/.nvm/bin/node',
    );
  });

  it('looks where Homebrew installs it when a macOS app’s PATH is minimal', () => {
    expect(findNode('/usr/bin:/bin', 'darwin', (p) => p === '/opt/homebrew/bin/node')).toBe(
      '/opt/homebrew/bin/node',
    );
  });

  it('finds node.exe on a Windows PATH', () => {
    expect(
      findNode('C:\\Windows;D:\\tools\\node\\', 'win32', (p) => p === 'D:\\tools\\node\\node.exe'),
    ).toBe('D:\\tools\\node\\node.exe');
  });

  it('says so when there is none', () => {
    expect(findNode('/usr/bin', 'linux', () => false)).toBeUndefined();
  });
});
