/** Helpers shared by the construct and baseline tests. */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { FinTechGuardrailsError } from '../../lib/constructs/errors';

/** `fn` throws our own error (name and class), whose message matches every fragment; the error is returned. */
export function expectThrows(fn: () => unknown, ...fragments: (string | RegExp)[]): FinTechGuardrailsError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(FinTechGuardrailsError);
  const err = caught as FinTechGuardrailsError;
  expect(err.name).toBe('FinTechGuardrailsError');
  for (const f of fragments) expect(err.message).toMatch(f);
  return err;
}

/** The VPC of the construct tests: two Availability Zones (public and private subnets), unless `props` says otherwise. */
export function newVpc(stack: Stack, props: ec2.VpcProps = {}, id = 'Vpc'): ec2.Vpc {
  return new ec2.Vpc(stack, id, { maxAzs: 2, ...props });
}
