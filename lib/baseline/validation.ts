// Checks shared by the baseline's stacks (not re-exported from index.ts).
import { Token } from 'aws-cdk-lib';
import { FinTechGuardrailsError } from '../constructs/errors';

/** Throws unless `id` looks like an AWS Organizations organization ID; `where` names the construct in the message. */
export function validateOrganizationId(where: string, id: string): void {
  if (Token.isUnresolved(id)) return;
  if (typeof id !== 'string' || !/^o-[a-z0-9]{10,32}$/.test(id)) {
    throw new FinTechGuardrailsError(
      `${where}: organizationId must look like 'o-' followed by 10 to 32 lower-case letters or digits, got '${String(id)}'. ` +
        'Fix: copy it from `aws organizations describe-organization --query Organization.Id`.',
    );
  }
}
