/**
 * `fintech-guardrails conformance-pack`: the guideline as an AWS Config conformance pack (YAML), the
 * managed Config rules the catalog maps to items and a process check per attestation item, each named
 * with its item IDs. Deploy it with `aws configservice put-conformance-pack --template-body file://F`,
 * or let `FinTechAccountBaseline` deploy it.
 */
import { resolveItemLevels } from '../../packs/engine/levels';
import { conformancePackYaml } from '../../lib/conformance/conformance-pack';
import { readDecisions } from '../config';
import { CommandSpec, COMMON_OPTIONS, emit, Io, parseCommandArgs, stringOption, UsageError } from '../options';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export const CONFORMANCE_PACK_SPEC: CommandSpec = {
  name: 'conformance-pack',
  args: '',
  summary: 'Write the guideline as an AWS Config conformance-pack template (YAML): managed Config rules\nand process checks, each named with its guideline item IDs.',
  options: {
    config: { ...COMMON_OPTIONS.config, description: `${COMMON_OPTIONS.config.description}\n(items turned off leave their rules out)` },
    'drift-role': { type: 'string', value: 'ARN', description: 'IAM role AWS Config assumes for cloudformation-stack-drift-detection-check\n(without it that rule is left out)' },
    out: COMMON_OPTIONS.out,
  },
};

export function conformancePackCommand(args: readonly string[], io: Io): number {
  const parsed = parseCommandArgs(CONFORMANCE_PACK_SPEC, args);
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}" for "conformance-pack"`);
  const driftDetectionRoleArn = stringOption(parsed, 'drift-role');
  if (driftDetectionRoleArn !== undefined && !ROLE_ARN.test(driftDetectionRoleArn)) {
    throw new UsageError(`bad value "${driftDetectionRoleArn}" for --drift-role (an IAM role ARN such as arn:aws:iam::123456789012:role/ConfigDrift)`);
  }
  const levels = resolveItemLevels(readDecisions(stringOption(parsed, 'config')));
  emit(io, conformancePackYaml({ levels, ...(driftDetectionRoleArn ? { driftDetectionRoleArn } : {}) }), stringOption(parsed, 'out'));
  return 0;
}
