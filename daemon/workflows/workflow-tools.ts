import type { ToolSpec } from '../tools/tool.ts';
import { workflowTool } from './workflow-tool.ts';
import { analyzeWorkflow } from './tools/analyze.ts';
import { codereviewWorkflow } from './tools/codereview.ts';
import { consensusWorkflow } from './tools/consensus.ts';
import { debugWorkflow } from './tools/debug.ts';
import { docgenWorkflow } from './tools/docgen.ts';
import { plannerWorkflow } from './tools/planner.ts';
import { precommitWorkflow } from './tools/precommit.ts';
import { refactorWorkflow } from './tools/refactor.ts';
import { secauditWorkflow } from './tools/secaudit.ts';
import { testgenWorkflow } from './tools/testgen.ts';
import { thinkdeepWorkflow } from './tools/thinkdeep.ts';
import { tracerWorkflow } from './tools/tracer.ts';

/** The workflow tools, in the order tools/list shows them. A new one: its file plus one line here. */
export const workflowTools: ToolSpec[] = [
  analyzeWorkflow,
  codereviewWorkflow,
  debugWorkflow,
  refactorWorkflow,
  secauditWorkflow,
  precommitWorkflow,
  testgenWorkflow,
  thinkdeepWorkflow,
  plannerWorkflow,
  tracerWorkflow,
  docgenWorkflow,
  consensusWorkflow,
].map(workflowTool);
