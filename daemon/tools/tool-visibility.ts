import { EventEmitter } from 'node:events';

/**
 * Which tools the daemon shows (tool profile, enabled/disabled lists). Every session's MCP server
 * follows it, so a settings change reaches open clients as list_changed notifications.
 */
export class ToolVisibility extends EventEmitter<{ change: [] }> {
  private predicate: (name: string) => boolean;

  constructor(predicate: (name: string) => boolean = () => true) {
    super();
    // One listener per open MCP session.
    this.setMaxListeners(0);
    this.predicate = predicate;
  }

  isVisible(name: string): boolean {
    return this.predicate(name);
  }

  update(predicate: (name: string) => boolean): void {
    this.predicate = predicate;
    this.emit('change');
  }
}
