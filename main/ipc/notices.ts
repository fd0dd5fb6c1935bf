import type { Message, Notice } from '../../preload/api.ts';
import { english } from '../i18n.ts';
import { TypedEmitter } from '../typed-emitter.ts';

/** A notice whose text each window shows in its own language; `message` keeps the English. */
export function notice(id: string, level: Notice['level'], text: Message): Notice {
  return { id, level, text, message: english(text.key, text.params) };
}

/** Things the user must see (a reset settings file, plain-text key storage) until they dismiss them. */
export class NoticeBoard {
  private readonly events = new TypedEmitter<{ changed: Notice[] }>();
  private notices: Notice[] = [];

  list(): Notice[] {
    return this.notices.map((n) => ({ ...n }));
  }

  /** Adds or replaces the notice with this id. */
  add(notice: Notice): void {
    this.notices = [...this.notices.filter((n) => n.id !== notice.id), notice];
    this.events.emit('changed', this.list());
  }

  dismiss(id: string): void {
    const before = this.notices.length;
    this.notices = this.notices.filter((n) => n.id !== id);
    if (this.notices.length !== before) this.events.emit('changed', this.list());
  }

  onChanged(listener: (notices: Notice[]) => void): () => void {
    return this.events.on('changed', listener);
  }

  dispose(): void {
    this.events.dispose();
  }
}
