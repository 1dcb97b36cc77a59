/**
 * What every part of the account baseline is given.
 *
 * The baseline is composed of parts, one per concern (lib/baseline/parts/*.ts), each a plain class that
 * creates its resources directly in the baseline stack (`stack`), never in a construct of its own: a
 * construct would add a segment to every construct path, hence change every logical ID, and CloudFormation
 * replaces a resource whose logical ID changes (test/baseline/logical-ids.test.ts guards this). So a part
 * must give its resources construct IDs that are unique in the whole stack.
 */
import { Stack } from 'aws-cdk-lib';
import type { BaselineNotifications } from './notifications';

export interface BaselineContext {
  /** The baseline stack: the scope of every resource of every part. */
  readonly stack: Stack;
  /** The value of the `data-classification` tag of the data stores the parts create. */
  readonly dataClassification: string;
  /** The topic every notification goes to, and the helpers that notify it. */
  readonly notifications: BaselineNotifications;
}
