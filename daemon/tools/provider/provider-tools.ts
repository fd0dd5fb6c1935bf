import type { ToolSpec } from '../tool.ts';
import { activityTool } from './activity-tool.ts';
import { glmUploadFileTool } from './glm-upload-tool.ts';
import { glmWebSearchTool } from './glm-web-search.ts';
import { kimiChatWithToolsTool } from './kimi-chat-with-tools.ts';
import { kimiMultiFileChatTool, smartFileQueryTool } from './kimi-file-chat.ts';
import { kimiManageFilesTool } from './kimi-manage-files.ts';
import { kimiUploadAndExtractTool } from './kimi-upload-tool.ts';
import { providerCapabilitiesTool } from './provider-capabilities.ts';

/** The provider-native and diagnostic tools (TOOLS.md), registered with the rest in tools/registry.ts. */
export const providerTools: ToolSpec[] = [
  kimiUploadAndExtractTool,
  kimiMultiFileChatTool,
  smartFileQueryTool,
  kimiManageFilesTool,
  kimiChatWithToolsTool,
  glmWebSearchTool,
  glmUploadFileTool,
  providerCapabilitiesTool,
  activityTool,
] as ToolSpec[];
