/**
 * What the team and the deployment decide, as the commands read it from files and options: item
 * decisions (`--config FILE`), attestations (`--attestations FILE` or `fintech-attestations.yaml`), and
 * what is known of the deployment (`--region`, `--account`, `--parameter Name=Value`), which decides
 * the template's Conditions.
 */
import * as fs from 'fs';
import { ItemDecision } from '../packs/engine/levels';
import { AttestationFile, DEFAULT_ATTESTATION_FILE, readAttestationFile } from '../lib/report/attestations';
import { listOption, OptionSpec, ParsedArgs, stringOption, UsageError } from './options';

/** Item decisions from a JSON config file: `{ "items": { "BP-4": { "level": "off", "reason": "..." } } }`. */
export function readDecisions(file: string | undefined): Record<string, ItemDecision> {
  if (!file) return {};
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch {
    throw new UsageError(`${file}: no such config file`);
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: malformed JSON (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  if (!json || typeof json !== 'object' || (json.items !== undefined && (typeof json.items !== 'object' || Array.isArray(json.items)))) {
    throw new UsageError(`${file}: expected { "items": { "<item ID>": { "level": "error|warning|off", "reason": "..." } } }`);
  }
  return json.items ?? {};
}

/** The attestation file given, or `fintech-attestations.yaml` in the current directory when it exists. */
export function readAttestations(file: string | undefined): AttestationFile | undefined {
  if (file !== undefined) return readAttestationFile(file);
  return fs.existsSync(DEFAULT_ATTESTATION_FILE) ? readAttestationFile(DEFAULT_ATTESTATION_FILE) : undefined;
}

/** What the options say of the deployment; absent parts stay unknown (both truth values of a condition). */
export interface DeploymentOptions {
  readonly regions?: readonly string[];
  readonly accountId?: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;
const PARAMETER_NAME = /^[A-Za-z0-9]+$/;

/** `--region R` (repeatable), `--account ID`, `--parameter Name=Value` (repeatable), as cfn-lint and `aws cloudformation deploy` take them. */
export function deploymentOptions(parsed: ParsedArgs): DeploymentOptions {
  const regions = listOption(parsed, 'region').flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
  for (const r of regions) if (!REGION.test(r)) throw new UsageError(`bad value "${r}" for --region (a region code such as ap-northeast-1)`);
  const accountId = stringOption(parsed, 'account');
  if (accountId !== undefined && !ACCOUNT.test(accountId)) throw new UsageError(`bad value "${accountId}" for --account (12 digits)`);
  const parameters: Record<string, string> = {};
  for (const p of listOption(parsed, 'parameter')) {
    const eq = p.indexOf('=');
    const name = eq < 0 ? p : p.slice(0, eq);
    if (eq < 0 || !PARAMETER_NAME.test(name)) throw new UsageError(`bad value "${p}" for --parameter (use Name=Value, e.g. --parameter Env=prod)`);
    if (name in parameters && parameters[name] !== p.slice(eq + 1)) throw new UsageError(`--parameter ${name} given twice with different values`);
    parameters[name] = p.slice(eq + 1);
  }
  return {
    ...(regions.length ? { regions: [...new Set(regions)] } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
    ...(Object.keys(parameters).length ? { parameters } : {}),
  };
}

/** Whether any deployment option was given. */
export function hasDeployment(d: DeploymentOptions): boolean {
  return d.regions !== undefined || d.accountId !== undefined || d.parameters !== undefined;
}

/** The options of {@link deploymentOptions}, for a command's spec. */
export const DEPLOYMENT_OPTIONS = {
  region: { type: 'string', multiple: true, value: 'REGION', description: 'a region the templates are deployed to (decides conditions on AWS::Region;\nunknown: every region)' },
  account: { type: 'string', value: 'ID', description: 'the account the templates are deployed to (decides conditions on AWS::AccountId)' },
  parameter: { type: 'string', multiple: true, value: 'NAME=VALUE', description: 'a parameter value of the deployment (decides conditions on it;\nunknown: each of its AllowedValues, else its Default, else any value\nthat fits its AllowedPattern)' },
} as const satisfies Record<string, OptionSpec>;
