/**
 * Identity, audit logs and secrets: the FinTechChecks rules for IAM, Cognito, CloudTrail,
 * CloudWatch Logs, Secrets Manager, and secrets written in templates (CA, AA, LA, DM-1/DM-2, EX-1).
 */
import type { RuleDefinition } from '../engine/rule';
import { CloudTrailCloudWatchLogs } from './cloudtrail/CloudTrailCloudWatchLogs';
import { CloudTrailEncrypted } from './cloudtrail/CloudTrailEncrypted';
import { CloudTrailIsLogging } from './cloudtrail/CloudTrailIsLogging';
import { CloudTrailLogValidation } from './cloudtrail/CloudTrailLogValidation';
import { CloudTrailMultiRegion } from './cloudtrail/CloudTrailMultiRegion';
import { CloudTrailWriteOnceBucket } from './cloudtrail/CloudTrailWriteOnceBucket';
import { CognitoAdminPoolMfaRequired } from './cognito/CognitoAdminPoolMfaRequired';
import { CognitoMfa } from './cognito/CognitoMfa';
import { CognitoThreatProtection } from './cognito/CognitoThreatProtection';
import { NoPlaintextSecrets } from './general/NoPlaintextSecrets';
import { TemplateTransform } from './general/TemplateTransform';
import { IamNoAccessKeys } from './iam/IamNoAccessKeys';
import { IamNoAdministratorAccess } from './iam/IamNoAdministratorAccess';
import { IamNoAdminWildcard } from './iam/IamNoAdminWildcard';
import { IamNoUserPolicies } from './iam/IamNoUserPolicies';
import { IamRoleTrustRequiresMfa } from './iam/IamRoleTrustRequiresMfa';
import { IamUserNoConsolePassword } from './iam/IamUserNoConsolePassword';
import { LogGroupEncrypted } from './logs/LogGroupEncrypted';
import { LogGroupRetention } from './logs/LogGroupRetention';
import { SecretCustomerManagedKey } from './secretsmanager/SecretCustomerManagedKey';
import { SecretRotation } from './secretsmanager/SecretRotation';

export const IDENTITY_RULES: readonly RuleDefinition[] = [
  IamNoAdminWildcard, // FTG-IAM-1
  IamUserNoConsolePassword, // FTG-IAM-2
  IamNoAccessKeys, // FTG-IAM-3
  IamNoUserPolicies, // FTG-IAM-4
  IamRoleTrustRequiresMfa, // FTG-IAM-5
  IamNoAdministratorAccess, // FTG-IAM-6
  CognitoMfa, // FTG-COG-1
  CognitoAdminPoolMfaRequired, // FTG-COG-2
  CognitoThreatProtection, // FTG-COG-3
  CloudTrailLogValidation, // FTG-CT-1
  CloudTrailMultiRegion, // FTG-CT-2
  CloudTrailEncrypted, // FTG-CT-3
  CloudTrailWriteOnceBucket, // FTG-CT-4
  CloudTrailCloudWatchLogs, // FTG-CT-5
  CloudTrailIsLogging, // FTG-CT-6
  LogGroupRetention, // FTG-LOGS-1
  LogGroupEncrypted, // FTG-LOGS-2
  SecretRotation, // FTG-SM-1
  SecretCustomerManagedKey, // FTG-SM-2
  NoPlaintextSecrets, // FTG-GEN-1
  TemplateTransform, // FTG-GEN-2
];
