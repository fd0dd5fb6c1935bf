import { z } from 'zod';
import { defineWorkflow } from '../workflow-spec.ts';

export const thinkdeepWorkflow = defineWorkflow({
  name: 'thinkdeep',
  title: 'Think deep',
  description:
    'Extended reasoning on a hard problem: you set out the problem and your thinking step by step; on the final step a quality model (high thinking mode where supported) challenges and extends it.',
  inputs: {
    problem_context: z.string().optional().describe('Background the expert needs'),
    focus_areas: z.array(z.string()).optional().describe('e.g. architecture, performance'),
  },
  requiredActions: ({ args }) =>
    args.step_number === 1
      ? [
          'State the problem, the constraints and what a good answer must achieve',
          'Write down your current thinking and the alternatives you considered',
        ]
      : [
          'Test your reasoning against the constraints and the code',
          'Note assumptions you have not verified and the risks of your approach',
        ],
  expert: {
    category: 'deep',
    defaultThinkingMode: 'high',
    systemPrompt: `You are a senior engineer thinking deeply alongside another engineer about a hard problem.
Challenge their reasoning: find unstated assumptions, missed alternatives, failure modes and edge cases. Extend it where it is sound.
Be concrete about trade-offs and say which option you would choose and why. Say where you are uncertain and what would settle it.`,
    task: 'Think through the problem and the reasoning below: validate, challenge and extend it, then recommend a course.',
  },
});
