import { defineWorkflow } from '../workflow-spec.ts';

export const debugWorkflow = defineWorkflow({
  name: 'debug',
  title: 'Debug',
  description:
    'Step-by-step root-cause investigation: you gather evidence and state hypotheses each step; on the final step Kimi or GLM checks the evidence and the hypotheses (skipped when your confidence is "certain").',
  inputs: {},
  pauseStatus: 'pause_for_investigation',
  requiredActions: ({ args }) =>
    args.step_number === 1
      ? [
          'Reproduce the problem or find where it shows: error messages, logs, stack traces',
          'Read the code on the failing path and note what it assumes',
          'State a first hypothesis and what evidence would prove it wrong',
        ]
      : [
          'Test the current hypothesis against the code and the evidence; revise it if it fails',
          'Trace the data and control flow back to where the behaviour first goes wrong',
          'Raise confidence only with evidence; record files checked even when they were clean',
        ],
  skipExpert: ({ args }) =>
    args.confidence === 'certain' ? 'certain_confidence_proceed_with_fix' : undefined,
  expert: {
    category: 'deep',
    systemPrompt: `You are an expert debugger checking another engineer's root-cause investigation.
Work from evidence: the embedded code (cite path:line), the symptoms and the steps taken. Rank the plausible root causes; for each say what supports it, what contradicts it, and the smallest check that would settle it.
Say plainly when the evidence does not support the current hypothesis. Propose the minimal fix for the most likely cause and how to verify it; avoid speculative rewrites.`,
    task: 'Assess the investigation below: is the hypothesis supported, what is the most likely root cause, and what is the minimal fix?',
  },
});
