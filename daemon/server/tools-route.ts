import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/schema.ts';
import type { ToolSpec } from '../tools/tool.ts';
import { hiddenReason, inProfile } from '../tools/visible-tools.ts';
import { sendJson } from './http-reply.ts';

type ToolSettings = Pick<Config, 'toolProfile' | 'enabledTools' | 'disabledTools'>;

/**
 * GET /tools for the dashboard's Tools page: every tool the daemon has, with its family and
 * whether clients see it now under the tool settings (the same rule tools/list applies).
 * Answers false when the path is not this one.
 */
export function handleToolsRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  registry: { list(): ToolSpec[] },
  config: () => ToolSettings,
): boolean {
  if (req.method !== 'GET' || url.pathname !== '/tools') return false;
  const settings = config();
  sendJson(res, 200, {
    profile: settings.toolProfile,
    tools: registry.list().map((spec) => ({
      name: spec.name,
      description: spec.description,
      category: spec.category,
      enabled: hiddenReason(spec, settings) === undefined,
      inProfile: inProfile(spec, settings.toolProfile),
    })),
  });
  return true;
}
