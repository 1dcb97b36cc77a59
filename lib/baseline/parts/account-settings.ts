/**
 * Account-wide secure defaults that CloudFormation has no resource for (DM-1, DM-5, CA-1): the IAM
 * password policy, EBS encryption by default and the S3 account-level public access block, set with
 * `AwsCustomResource` calls when `accountSettings` is 'enforce' (AWS Config rules watch them either way:
 * see config-rules.ts).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { FinTechGuardrailsError } from '../../constructs/errors';
import { AccountSettingsMode, PasswordPolicy } from '../account-baseline-props';

/** The construct ID of aws-cdk-lib's AwsCustomResource singleton function. */
const AWS_CUSTOM_RESOURCE_SINGLETON = 'AWS679f53fac002430cb0da5b7982bd2287';

/** IAM password policy, EBS encryption by default, S3 account-level public access block. */
export function enforceAccountSettings(stack: Stack, policy: PasswordPolicy): void {
  const setting = (id: string, resourceType: string, call: cr.AwsSdkCall, actions: string[], why: string) => {
    const resource = new cr.AwsCustomResource(stack, id, {
      resourceType,
      onCreate: call,
      onUpdate: call,
      // Nothing on delete: deleting the baseline must not weaken the account.
      policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions, resources: ['*'] })]),
      installLatestAwsSdk: false,
    });
    Validations.of(resource).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `${actions.join(', ')} ${why}: the action has no resource type in IAM, so the only possible Resource is "*". The policy allows this one action and nothing else.`,
    });
    return resource;
  };
  setting('PasswordPolicy', 'Custom::IamPasswordPolicy', {
    service: 'IAM',
    action: 'updateAccountPasswordPolicy',
    parameters: {
      MinimumPasswordLength: policy.minimumPasswordLength,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: policy.maxPasswordAge,
      PasswordReusePrevention: policy.passwordReusePrevention,
      HardExpiry: false,
    },
    physicalResourceId: cr.PhysicalResourceId.of('account-password-policy'),
  }, ['iam:UpdateAccountPasswordPolicy'], 'sets the account password policy');
  setting('EbsEncryptionByDefault', 'Custom::EbsEncryptionByDefault', {
    service: 'EC2',
    action: 'enableEbsEncryptionByDefault',
    physicalResourceId: cr.PhysicalResourceId.of('ebs-encryption-by-default'),
  }, ['ec2:EnableEbsEncryptionByDefault'], 'turns on EBS encryption by default for the account in this region');
  setting('S3AccountPublicAccessBlock', 'Custom::S3AccountPublicAccessBlock', {
    service: 'S3Control',
    action: 'putPublicAccessBlock',
    parameters: {
      AccountId: stack.account,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    },
    physicalResourceId: cr.PhysicalResourceId.of('s3-account-public-access-block'),
  }, ['s3:PutAccountPublicAccessBlock'], 'blocks public access to S3 for the whole account');
}

/** The reason for the AWS-managed policy of the AwsCustomResource function, if the stack has it. Call it last. */
export function acknowledgeCustomResourceSingleton(stack: Stack): void {
  const singleton = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON);
  if (!singleton) return;
  Validations.of(singleton).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'The AwsCustomResource singleton function of aws-cdk-lib (code, runtime and role maintained with the library) only writes its ' +
      'own CloudWatch Logs with this policy; it makes three account-setting calls and handles no customer data.',
  });
}

/** `accountSettings` is 'enforce' or 'detect'. */
export function validateAccountSettingsMode(scope: IConstruct, mode: AccountSettingsMode): AccountSettingsMode {
  if (mode !== 'enforce' && mode !== 'detect') {
    throw new FinTechGuardrailsError(`${scope.node.path}: accountSettings must be 'enforce' or 'detect', got '${String(mode)}'.`);
  }
  return mode;
}

/** The password policy is at least as strict as `DEFAULT_PASSWORD_POLICY`. */
export function validatePasswordPolicy(scope: IConstruct, policy: PasswordPolicy): PasswordPolicy {
  const problems: string[] = [];
  const { minimumPasswordLength: len, passwordReusePrevention: reuse, maxPasswordAge: age } = policy;
  if (!Number.isInteger(len) || len < 14 || len > 128) problems.push(`minimumPasswordLength ${len} (14 to 128)`);
  if (!Number.isInteger(reuse) || reuse < 24 || reuse > 24) problems.push(`passwordReusePrevention ${reuse} (24, the IAM maximum)`);
  if (!Number.isInteger(age) || age < 1 || age > 90) problems.push(`maxPasswordAge ${age} (1 to 90 days)`);
  if (problems.length) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: passwordPolicy is weaker than the baseline allows or out of range: ${problems.join(', ')}. ` +
        'Fix: leave passwordPolicy unset (DEFAULT_PASSWORD_POLICY) or make it stricter.',
    );
  }
  return policy;
}
