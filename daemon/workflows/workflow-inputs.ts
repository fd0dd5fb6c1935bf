import { z } from 'zod';
import { continuationIdArg } from '../tools/continuation.ts';

/** A step longer than this must go in a file passed in relevant_files. */
export const MAX_STEP_CHARS = 20_000;

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCE_LEVELS = [
  'exploring',
  'low',
  'medium',
  'high',
  'very_high',
  'almost_certain',
  'certain',
] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

const absolutePaths = (what: string) =>
  z.array(z.string().min(1)).optional().describe(`Absolute paths of ${what}`);

export const issueSchema = z.object({
  severity: z.enum(SEVERITIES),
  description: z.string().min(1),
});
export type Issue = z.infer<typeof issueSchema>;

/** The step protocol every workflow tool takes (issue 12); tools add their own fields. */
export const stepInputs = {
  step: z
    .string()
    .min(1)
    .describe(
      `What you did or plan in this step (at most ${MAX_STEP_CHARS} characters; put long content in a file and pass it in relevant_files)`,
    ),
  step_number: z.number().int().min(1).describe('This step, from 1'),
  total_steps: z
    .number()
    .int()
    .min(1)
    .describe('Steps you expect in all; you may raise it as you go'),
  next_step_required: z
    .boolean()
    .describe('true to pause for another step; false makes this the final step'),
  findings: z.string().describe('What this step found: facts, evidence, conclusions'),
  files_checked: absolutePaths('every file examined, relevant or not'),
  relevant_files: absolutePaths('files (or directories) that matter for the result'),
  relevant_context: z
    .array(z.string())
    .optional()
    .describe('Functions, classes or symbols that matter, e.g. "Cache.get"'),
  issues_found: z.array(issueSchema).optional().describe('Issues found, each with a severity'),
  confidence: z.enum(CONFIDENCE_LEVELS).optional().describe('How sure you are so far'),
  hypothesis: z.string().optional().describe('Your current theory'),
  backtrack_from_step: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Drop this step and every later one from the record before adding this step'),
  use_assistant_model: z
    .boolean()
    .optional()
    .describe('Ask the expert model on the final step (default true)'),
  continuation_id: continuationIdArg,
  images: z
    .array(z.string())
    .optional()
    .describe(
      'Absolute image paths or data URLs, shown to the expert (consensus: to each model) where the model supports images',
    ),
  model: z.string().optional().describe('Expert model name or alias, or "auto" (default)'),
  temperature: z.number().min(0).max(1).optional(),
  thinking_mode: z
    .enum(['minimal', 'low', 'medium', 'high', 'max'])
    .optional()
    .describe('Reasoning depth of the expert, where the model supports it'),
  use_websearch: z.boolean().optional().describe('Let the expert search the web'),
};

export type StepInputShape = typeof stepInputs;
export type StepArgs = z.infer<z.ZodObject<StepInputShape>>;

/** The fields every workflow answer may carry; tools add `complete_<tool>` and their own. */
export function outputShape(tool: string): z.ZodRawShape {
  const loose = z.record(z.string(), z.unknown());
  return {
    status: z.string(),
    continuation_id: z.string(),
    step_number: z.number(),
    total_steps: z.number(),
    next_step_required: z.boolean(),
    workflow_status: loose.optional(),
    required_actions: z.array(z.string()).optional(),
    next_call: z.object({ tool: z.string(), arguments: loose }).optional(),
    expert_analysis: loose.optional(),
    [`complete_${tool}`]: loose.optional(),
    result: loose.optional(),
    model_responses: z.array(loose).optional(),
    message: z.string().optional(),
  };
}
