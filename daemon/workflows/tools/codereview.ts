import { z } from 'zod';
import { defineWorkflow } from '../workflow-spec.ts';

export const codereviewWorkflow = defineWorkflow({
  name: 'codereview',
  title: 'Code review',
  description:
    'Step-by-step code review: you examine the code and report findings and issues (with severity) each step; on the final step Kimi or GLM reviews everything gathered, with the relevant files embedded.',
  inputs: {
    review_type: z
      .enum(['full', 'security', 'performance', 'quick'])
      .optional()
      .describe('Kind of review (default full)'),
    focus_on: z.string().optional().describe('Aspects to concentrate on'),
    standards: z.string().optional().describe('Coding standards to enforce'),
    severity_filter: z
      .enum(['critical', 'high', 'medium', 'low', 'all'])
      .optional()
      .describe('Lowest severity to report (default all)'),
  },
  requiredActions: ({ args }) =>
    args.step_number === 1
      ? [
          'Read the code under review and understand what it is meant to do',
          'Note the structure, patterns and dependencies before judging',
          'Put the files under review in relevant_files (absolute paths)',
        ]
      : [
          'Check correctness: edge cases, error handling, concurrency, resource cleanup',
          'Check security and performance where the code touches input, I/O or hot paths',
          'Record each problem in issues_found with a severity and a precise location',
        ],
  expert: {
    category: 'deep',
    systemPrompt: `You are a meticulous senior code reviewer giving a second review after another engineer's step-by-step review.
Find real defects: wrong behaviour, unhandled errors, races, leaks, security holes, performance traps, unclear code that will cause bugs.
For every issue give its severity (critical, high, medium, low), where it is (path:line), why it matters and a concrete fix.
Confirm or reject the reviewer's issues from the embedded code; respect the requested review type, focus, standards and severity filter.
Do not pad the review: no praise lists, no style remarks unless the standards ask for them.`,
    task: 'Review the code below: confirm, correct or extend the issues found, then say what to fix first.',
  },
});
