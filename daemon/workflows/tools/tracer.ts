import { z } from 'zod';
import { ToolError } from '../../tools/tool-error.ts';
import { consolidate } from '../workflow-record.ts';
import { defineWorkflow } from '../workflow-spec.ts';

export const tracerWorkflow = defineWorkflow({
  name: 'tracer',
  title: 'Tracer',
  description:
    'Traces code step by step: precision mode follows the call flow of a method or function, dependencies mode maps who uses what around a class or module. The final answer is the trace structure. Calls no model.',
  inputs: {
    trace_mode: z
      .enum(['precision', 'dependencies'])
      .optional()
      .describe('precision: call flow; dependencies: who uses what (default precision)'),
    target_description: z
      .string()
      .optional()
      .describe('What to trace and why (required on step 1)'),
  },
  check({ args }) {
    if (args.step_number === 1 && !args.target_description)
      throw new ToolError(
        'INVALID_ARGUMENTS',
        'tracer needs target_description on step 1: what to trace and why',
      );
  },
  requiredActions: ({ args, record }) => {
    const mode = consolidate(record).inputs.trace_mode ?? 'precision';
    return mode === 'dependencies'
      ? [
          'Find everything that calls into or imports the target (incoming)',
          'Find everything the target calls, imports or reads (outgoing)',
          'Record each symbol in relevant_context as Class.method and each file in relevant_files',
        ]
      : [
          args.step_number === 1
            ? 'Find the entry point of the target and record it in relevant_context'
            : 'Follow the next call on the path and record it in relevant_context, in call order',
          'Note branches, side effects and error paths in findings',
          'Record every file on the path in relevant_files',
        ];
  },
  localResult({ record }) {
    const c = consolidate(record);
    const mode = (c.inputs.trace_mode as string | undefined) ?? 'precision';
    const target = c.inputs.target_description as string;
    if (mode === 'dependencies') {
      const result = {
        trace_mode: mode,
        target,
        symbols: c.relevant_context,
        files: c.relevant_files,
        observations: record.steps.map((s) => ({ step: s.step_number, findings: s.findings })),
      };
      const text = [
        `Dependencies of: ${target}`,
        `Symbols: ${c.relevant_context.join(', ') || '(none recorded)'}`,
        `Files: ${c.relevant_files.join(', ') || '(none recorded)'}`,
        ...record.steps.map((s) => `- step ${s.step_number}: ${s.findings}`),
      ].join('\n');
      return { result, text };
    }
    const callFlow = record.steps.map((s) => ({
      step: s.step_number,
      calls: s.relevant_context,
      files: s.relevant_files,
      findings: s.findings,
    }));
    const text = [
      `Call flow of: ${target}`,
      ...callFlow.map(
        (f, i) =>
          `${'  '.repeat(i)}→ ${f.calls.join(' → ') || '(step ' + f.step + ')'}: ${f.findings}`,
      ),
    ].join('\n');
    return { result: { trace_mode: mode, target, call_flow: callFlow }, text };
  },
});
