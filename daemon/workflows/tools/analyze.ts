import { z } from 'zod';
import { defineWorkflow } from '../workflow-spec.ts';

export const analyzeWorkflow = defineWorkflow({
  name: 'analyze',
  title: 'Analyze',
  description:
    'Step-by-step code analysis (architecture, performance, security, quality): you investigate and report each step; on the final step Kimi or GLM gives an independent expert analysis of everything gathered, with the relevant files embedded.',
  inputs: {
    analysis_type: z
      .enum(['architecture', 'performance', 'security', 'quality', 'general'])
      .optional()
      .describe('What the analysis looks at (default general)'),
    output_format: z.enum(['summary', 'detailed', 'actionable']).optional(),
  },
  requiredActions: ({ args }) =>
    args.step_number === 1
      ? [
          'Read the entry points and map the main components and how they depend on each other',
          'Note the patterns, abstractions and data flows the code relies on',
          'List the files that matter in relevant_files (absolute paths)',
        ]
      : [
          'Check your current understanding against code you have not read yet',
          'Look for scalability, maintainability and performance risks, with evidence',
          'Record strengths as well as weaknesses in findings',
        ],
  expert: {
    category: 'deep',
    systemPrompt: `You are a principal engineer reviewing a codebase another engineer has investigated step by step.
Judge the architecture and code on their merits: structure, coupling, data flow, performance, security and maintainability.
Use the investigation record as leads, not as truth: confirm or contradict it from the embedded files, citing path:line.
Prioritise what matters most for this system's purpose; skip style nitpicks. Recommend changes that pay for their cost.`,
    task: 'Give an independent, strategic analysis of the code, guided by the analysis type and the investigation below.',
  },
});
