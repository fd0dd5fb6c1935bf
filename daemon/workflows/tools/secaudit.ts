import { z } from 'zod';
import { defineWorkflow } from '../workflow-spec.ts';

export const secauditWorkflow = defineWorkflow({
  name: 'secaudit',
  title: 'Security audit',
  description:
    'Step-by-step security audit (OWASP Top 10, authentication, input handling, secrets, dependencies): you audit and report vulnerabilities with severity each step; on the final step Kimi or GLM assesses everything gathered.',
  inputs: {
    security_scope: z.string().optional().describe('What is audited: app type, interfaces, data'),
    threat_level: z
      .enum(['low', 'medium', 'high', 'critical'])
      .optional()
      .describe('How exposed the system is (default medium)'),
    compliance_requirements: z
      .array(z.string())
      .optional()
      .describe('e.g. SOC2, PCI DSS, HIPAA, GDPR'),
    audit_focus: z
      .enum(['owasp', 'compliance', 'infrastructure', 'dependencies', 'comprehensive'])
      .optional(),
    severity_filter: z.enum(['critical', 'high', 'medium', 'low', 'all']).optional(),
  },
  requiredActions: ({ args }) =>
    args.step_number === 1
      ? [
          'Map the attack surface: entry points, trust boundaries, stored and transmitted data',
          'Find how authentication, authorisation and secrets are handled',
          'Put the security-relevant files in relevant_files (absolute paths)',
        ]
      : [
          'Check input validation, injection, path traversal and deserialisation on each entry point',
          'Check cryptography, session handling, logging of secrets and dependency versions',
          'Record each vulnerability in issues_found with its severity and exploit path',
        ],
  expert: {
    category: 'deep',
    systemPrompt: `You are an application security auditor reviewing another auditor's findings.
Look for exploitable weaknesses: injection, broken access control, authentication and session flaws, secret exposure, unsafe deserialisation, path traversal, SSRF, insecure defaults and vulnerable dependencies.
For each finding: severity, location (path:line), how it is exploited, and the fix. Weigh severity by the stated threat level and scope; map findings to the compliance requirements given.
Distinguish confirmed vulnerabilities from hardening advice. Never invent a vulnerability the code does not show.`,
    task: 'Audit the code below for security: confirm or reject the vulnerabilities found, add any missed, and order the fixes.',
  },
});
