import { z } from 'zod';
import { defineWorkflow } from '../workflow-spec.ts';

export const refactorWorkflow = defineWorkflow({
  name: 'refactor',
  title: 'Refactor',
  description:
    'Step-by-step refactoring analysis (code smells, decomposition, modernisation, organisation): you find the opportunities each step; on the final step Kimi or GLM ranks them and says how to do them safely.',
  inputs: {
    refactor_type: z
      .enum(['codesmells', 'decompose', 'modernize', 'organization'])
      .optional()
      .describe('Kind of refactoring to look for (default codesmells)'),
    focus_areas: z.array(z.string()).optional().describe('e.g. performance, readability'),
    style_guide_examples: z
      .array(z.string())
      .optional()
      .describe('Absolute paths of files whose style the result should follow'),
  },
  requiredActions: ({ args }) =>
    args.step_number === 1
      ? [
          'Read the code and note its size, responsibilities and duplication',
          'Identify the refactor_type opportunities with their locations',
          'Put the files to refactor in relevant_files (absolute paths)',
        ]
      : [
          'For each opportunity, note what depends on the code and how risky the change is',
          'Record each opportunity in issues_found with a severity for its payoff',
          'Check tests that would protect the refactoring',
        ],
  expert: {
    category: 'deep',
    systemPrompt: `You are a senior engineer planning a refactoring with the engineer who found the opportunities.
Rank the refactorings by payoff against risk. For each: what to change (path:line), the target shape, the order of small behaviour-preserving steps, and which tests must exist first.
Respect the requested refactor type, focus areas and the style of the example files. Reject refactorings that do not pay for themselves.`,
    task: 'Rank the refactoring opportunities below and give a safe order to carry them out.',
  },
});
