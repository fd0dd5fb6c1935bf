import { z } from 'zod';
import { ToolError } from '../../tools/tool-error.ts';
import { consolidate } from '../workflow-record.ts';
import { defineWorkflow, type StepContext } from '../workflow-spec.ts';

function counts(s: StepContext): { done: number | undefined; total: number | undefined } {
  const inputs = { ...consolidate(s.record).inputs, ...s.args };
  return {
    done: inputs.num_files_documented as number | undefined,
    total: inputs.total_files_to_document as number | undefined,
  };
}

export const docgenWorkflow = defineWorkflow({
  name: 'docgen',
  title: 'Documentation generation',
  description:
    'Documents code file by file: you discover the files, then document them one step at a time, counting num_files_documented against total_files_to_document; the tool refuses to finish while the counts differ. Calls no model.',
  inputs: {
    document_complexity: z.boolean().optional().describe('Note Big-O complexity (default true)'),
    document_flow: z
      .boolean()
      .optional()
      .describe('Note call flow and dependencies (default true)'),
    update_existing: z.boolean().optional().describe('Improve existing docs (default true)'),
    comments_on_complex_logic: z
      .boolean()
      .optional()
      .describe('Comment complex logic inline (default true)'),
    num_files_documented: z.number().int().min(0).optional().describe('Files documented so far'),
    total_files_to_document: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Files that need documenting'),
  },
  check(s) {
    const { done, total } = counts(s);
    if (done !== undefined && total !== undefined && done > total)
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `num_files_documented (${done}) is more than total_files_to_document (${total})`,
      );
    if (s.args.next_step_required) return;
    if (total === undefined || done !== total)
      throw new ToolError(
        'INVALID_ARGUMENTS',
        total === undefined
          ? 'docgen cannot finish before total_files_to_document is known: discover the files first'
          : `docgen cannot finish: ${done ?? 0} of ${total} files documented. Document the remaining ${total - (done ?? 0)} and send next_step_required true until they are done`,
      );
  },
  requiredActions: (s) => {
    const { done, total } = counts(s);
    if (s.args.step_number === 1 || total === undefined)
      return [
        'List every file that needs documentation and set total_files_to_document',
        'Read the first file fully before documenting it',
      ];
    return [
      `Document the next file (${done ?? 0} of ${total} done): every function, class and module`,
      'Keep code unchanged: add or update documentation only',
      'Increase num_files_documented by one when the file is complete',
    ];
  },
  localResult(s) {
    const { done, total } = counts(s);
    const inputs = consolidate(s.record).inputs;
    const result = {
      num_files_documented: done,
      total_files_to_document: total,
      document_complexity: inputs.document_complexity ?? true,
      document_flow: inputs.document_flow ?? true,
      update_existing: inputs.update_existing ?? true,
      comments_on_complex_logic: inputs.comments_on_complex_logic ?? true,
      files: consolidate(s.record).relevant_files,
    };
    return { result, text: `Documentation complete: ${done} of ${total} files documented.` };
  },
});
