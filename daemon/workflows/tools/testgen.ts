import { z } from 'zod';
import { defineWorkflow } from '../workflow-spec.ts';

export const testgenWorkflow = defineWorkflow({
  name: 'testgen',
  title: 'Test generation',
  description:
    "Step-by-step test planning: you study the code paths and edge cases each step; on the final step Kimi or GLM proposes the tests, in the style of the project's existing tests.",
  inputs: {
    test_examples: z
      .array(z.string())
      .optional()
      .describe('Absolute paths of existing tests whose style to follow'),
  },
  requiredActions: ({ args }) =>
    args.step_number === 1
      ? [
          'Read the code to test and list its public behaviour',
          'Find the existing test framework, helpers and conventions',
          'Put the code to test in relevant_files (absolute paths)',
        ]
      : [
          'List edge cases: empty, boundary, invalid input, errors, concurrency, time',
          'Note what must be real and what may be faked, and why',
          'Record untested risky paths in issues_found',
        ],
  expert: {
    category: 'deep',
    systemPrompt: `You are a test engineer writing tests for code another engineer has studied.
Propose tests that would fail if the behaviour broke: name each test by the behaviour it checks, cover the edge cases and failure paths, and prefer real collaborators over mocks unless they are slow or external.
Follow the framework and style of the example tests. Give complete test code for the most important cases and a list of the rest.`,
    task: 'Write the tests for the code below, most valuable first, following the example tests if given.',
  },
});
