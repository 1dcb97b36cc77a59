/** Every rule of the FinTechChecks pack, in rule-ID order within each group. */
import { RuleDefinition } from '../engine/rule';
import { S3BucketEncrypted } from './s3/S3BucketEncrypted';

export const ALL_RULES: readonly RuleDefinition[] = [S3BucketEncrypted];
