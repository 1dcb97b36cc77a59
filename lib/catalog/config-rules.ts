/**
 * The AWS Config managed rules the catalog names (`GuidelineItem.aws.configRules`, by the rule's name
 * in the AWS Config Developer Guide, e.g. `multi-region-cloudtrail-enabled`), with the identifier a
 * template needs (`Source.SourceIdentifier`, e.g. `MULTI_REGION_CLOUD_TRAIL_ENABLED`). The name and
 * the identifier do not always match (`restricted-ssh` is `INCOMING_SSH_DISABLED`,
 * `ec2-instance-managed-by-systems-manager` is `EC2_INSTANCE_MANAGED_BY_SSM`, `cloudtrail-enabled` is
 * `CLOUD_TRAIL_ENABLED`), so they are written out here.
 *
 * Sources: aws-cdk-lib's `ManagedRuleIdentifiers` (each constant links the rule's page in the AWS
 * Config Developer Guide); for the three rules it does not list (`macie-auto-sensitive-data-discovery-check`,
 * `macie-status-check`, `s3-bucket-cross-region-replication-enabled`) the "Identifier" of the rule's
 * page in the AWS Config Developer Guide. `test/catalog/config-rules.test.ts` checks that every rule
 * the catalog names is here, that nothing else is, and that the identifiers agree with aws-cdk-lib.
 */

/** One AWS Config managed rule. */
export interface ManagedConfigRule {
  /** `Source.SourceIdentifier`, e.g. `ROOT_ACCOUNT_MFA_ENABLED`. */
  readonly identifier: string;
  /**
   * Parameters the rule cannot run without (no default in AWS Config): a conformance pack includes
   * the rule only when they are given.
   */
  readonly requiredParameters?: readonly string[];
  /** Why a generated conformance pack leaves the rule out, if it does. */
  readonly notInConformancePack?: string;
}

/** The managed rules of the catalog, by name (kebab case, as the AWS Config Developer Guide names them). */
export const MANAGED_CONFIG_RULES: Readonly<Record<string, ManagedConfigRule>> = {
  'access-keys-rotated': { identifier: 'ACCESS_KEYS_ROTATED' },
  'alb-http-drop-invalid-header-enabled': { identifier: 'ALB_HTTP_DROP_INVALID_HEADER_ENABLED' },
  'alb-http-to-https-redirection-check': { identifier: 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK' },
  'api-gw-associated-with-waf': { identifier: 'API_GW_ASSOCIATED_WITH_WAF' },
  'api-gw-execution-logging-enabled': { identifier: 'API_GW_EXECUTION_LOGGING_ENABLED' },
  'api-gwv2-authorization-type-configured': { identifier: 'API_GWV2_AUTHORIZATION_TYPE_CONFIGURED' },
  'autoscaling-group-elb-healthcheck-required': { identifier: 'AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED' },
  'autoscaling-multiple-az': { identifier: 'AUTOSCALING_MULTIPLE_AZ' },
  'backup-plan-min-frequency-and-min-retention-check': { identifier: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK' },
  'cloud-trail-cloud-watch-logs-enabled': { identifier: 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED' },
  'cloud-trail-encryption-enabled': { identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED' },
  'cloud-trail-log-file-validation-enabled': { identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED' },
  'cloudformation-stack-drift-detection-check': {
    identifier: 'CLOUDFORMATION_STACK_DRIFT_DETECTION_CHECK',
    // The role AWS Config assumes to call DetectStackDrift.
    requiredParameters: ['cloudformationRoleArn'],
  },
  'cloudfront-associated-with-waf': { identifier: 'CLOUDFRONT_ASSOCIATED_WITH_WAF' },
  'cloudfront-viewer-policy-https': { identifier: 'CLOUDFRONT_VIEWER_POLICY_HTTPS' },
  'cloudtrail-enabled': { identifier: 'CLOUD_TRAIL_ENABLED' },
  'cloudwatch-alarm-action-check': { identifier: 'CLOUDWATCH_ALARM_ACTION_CHECK' },
  'cmk-backing-key-rotation-enabled': { identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED' },
  'db-instance-backup-enabled': { identifier: 'DB_INSTANCE_BACKUP_ENABLED' },
  'dynamodb-pitr-enabled': { identifier: 'DYNAMODB_PITR_ENABLED' },
  'ec2-ebs-encryption-by-default': { identifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT' },
  'ec2-imdsv2-check': { identifier: 'EC2_IMDSV2_CHECK' },
  'ec2-instance-managed-by-systems-manager': { identifier: 'EC2_INSTANCE_MANAGED_BY_SSM' },
  'ec2-managedinstance-patch-compliance-status-check': { identifier: 'EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK' },
  'ecr-private-image-scanning-enabled': { identifier: 'ECR_PRIVATE_IMAGE_SCANNING_ENABLED' },
  'ecr-private-tag-immutability-enabled': { identifier: 'ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED' },
  'ecs-containers-readonly-access': { identifier: 'ECS_CONTAINERS_READONLY_ACCESS' },
  'elb-cross-zone-load-balancing-enabled': { identifier: 'ELB_CROSS_ZONE_LOAD_BALANCING_ENABLED' },
  'elb-logging-enabled': { identifier: 'ELB_LOGGING_ENABLED' },
  'elb-tls-https-listeners-only': { identifier: 'ELB_TLS_HTTPS_LISTENERS_ONLY' },
  'elbv2-multiple-az': { identifier: 'ELBV2_MULTIPLE_AZ' },
  'encrypted-volumes': { identifier: 'ENCRYPTED_VOLUMES' },
  'guardduty-enabled-centralized': { identifier: 'GUARDDUTY_ENABLED_CENTRALIZED' },
  'iam-policy-no-statements-with-admin-access': { identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS' },
  'iam-policy-no-statements-with-full-access': { identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS' },
  'iam-root-access-key-check': { identifier: 'IAM_ROOT_ACCESS_KEY_CHECK' },
  'iam-user-mfa-enabled': { identifier: 'IAM_USER_MFA_ENABLED' },
  'iam-user-no-policies-check': { identifier: 'IAM_USER_NO_POLICIES_CHECK' },
  'lambda-function-public-access-prohibited': { identifier: 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED' },
  'lambda-function-settings-check': {
    identifier: 'LAMBDA_FUNCTION_SETTINGS_CHECK',
    requiredParameters: ['runtime'],
    notInConformancePack: 'It needs the list of allowed runtimes, and it also compares memory size and timeout with fixed expected values (128 MB and 3 seconds by default), so it would report most functions; FTG-LAMBDA-3 checks runtimes at deployment instead.',
  },
  'macie-auto-sensitive-data-discovery-check': { identifier: 'MACIE_AUTO_SENSITIVE_DATA_DISCOVERY_CHECK' },
  'macie-status-check': { identifier: 'MACIE_STATUS_CHECK' },
  'mfa-enabled-for-iam-console-access': { identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS' },
  'multi-region-cloudtrail-enabled': { identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED' },
  'rds-automatic-minor-version-upgrade-enabled': { identifier: 'RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED' },
  'rds-cluster-multi-az-enabled': { identifier: 'RDS_CLUSTER_MULTI_AZ_ENABLED' },
  'rds-in-backup-plan': { identifier: 'RDS_IN_BACKUP_PLAN' },
  'rds-instance-public-access-check': { identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK' },
  'rds-multi-az-support': { identifier: 'RDS_MULTI_AZ_SUPPORT' },
  'rds-storage-encrypted': { identifier: 'RDS_STORAGE_ENCRYPTED' },
  'restricted-ssh': { identifier: 'INCOMING_SSH_DISABLED' },
  'root-account-hardware-mfa-enabled': { identifier: 'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED' },
  'root-account-mfa-enabled': { identifier: 'ROOT_ACCOUNT_MFA_ENABLED' },
  's3-account-level-public-access-blocks-periodic': { identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC' },
  's3-bucket-cross-region-replication-enabled': { identifier: 'S3_BUCKET_CROSS_REGION_REPLICATION_ENABLED' },
  's3-bucket-default-lock-enabled': { identifier: 'S3_BUCKET_DEFAULT_LOCK_ENABLED' },
  's3-bucket-level-public-access-prohibited': { identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED' },
  's3-bucket-logging-enabled': { identifier: 'S3_BUCKET_LOGGING_ENABLED' },
  's3-bucket-server-side-encryption-enabled': { identifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED' },
  's3-bucket-ssl-requests-only': { identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY' },
  's3-bucket-versioning-enabled': { identifier: 'S3_BUCKET_VERSIONING_ENABLED' },
  'secretsmanager-rotation-enabled-check': { identifier: 'SECRETSMANAGER_ROTATION_ENABLED_CHECK' },
  'securityhub-enabled': { identifier: 'SECURITYHUB_ENABLED' },
  'vpc-default-security-group-closed': { identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED' },
  'vpc-flow-logs-enabled': { identifier: 'VPC_FLOW_LOGS_ENABLED' },
  'vpc-sg-open-only-to-authorized-ports': { identifier: 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS' },
  'wafv2-logging-enabled': { identifier: 'WAFV2_LOGGING_ENABLED' },
};
