import { Duration, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { markConstruct } from './marker';
import { FinTechGuardrailsError } from './errors';

/**
 * Key-management actions given to the account and to the key administrators.
 *
 * Named one by one (no `kms:*`, no `kms:Create*`): every cryptographic action is left out, and so is
 * `kms:CreateGrant`, because a grant is a way of handing out *use* of the key. Key users get their
 * permissions through IAM (`grantEncrypt` / `grantDecrypt`), never through grants made by an admin.
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  // Create*
  'kms:CreateAlias',
  // Describe*
  'kms:DescribeKey',
  // Enable*
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  // List* (kms:ListAliases is account-level and cannot be granted in a key policy)
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  // Put*
  'kms:PutKeyPolicy',
  // Update*
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
  // Revoke*
  'kms:RevokeGrant',
  // Disable*
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  // Get*
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  // Delete*
  'kms:DeleteAlias',
  // Tags, deletion and on-demand rotation
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/**
 * The only cryptographic actions the key policy lets the account delegate to IAM policies.
 *
 * The AWS Encryption SDK's KMS keyring, configured with a single generator key, calls
 * `kms:GenerateDataKey` to encrypt and `kms:Decrypt` to decrypt; nothing else is needed.
 */
export const KEY_USER_ACTIONS: readonly string[] = ['kms:GenerateDataKey', 'kms:Decrypt'];

/** Cryptographic actions explicitly denied to the key administrators. */
const CRYPTO_ACTIONS_DENIED_TO_ADMINS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:CreateGrant',
];

const MIN_ROTATION_DAYS = 90;
const MAX_ROTATION_DAYS = 2560;

/**
 * Properties for `EnvelopeEncryptionKey`.
 */
export interface EnvelopeEncryptionKeyProps {
  /**
   * The alias of the key, with or without the `alias/` prefix.
   *
   * @default - `alias/` followed by a name derived from the construct path
   */
  readonly alias?: string;

  /**
   * A description of the key, shown in the KMS console.
   *
   * @default - 'Envelope encryption key (fintech-guardrails NT-1, DM-1, DM-2)'
   */
  readonly description?: string;

  /**
   * How often KMS rotates the key material (DM-2). Rotation is always on; this only sets the period.
   * Must be a whole number of days from 90 to 2560.
   *
   * @default Duration.days(365)
   */
  readonly rotationPeriod?: Duration;

  /**
   * Principals (roles or users) that administer the key: they may manage it (enable, disable,
   * rotate, tag, change its policy, schedule its deletion) but are explicitly denied every
   * cryptographic action, so the people who manage the key are never the ones who use it.
   *
   * The account itself (through IAM policies) always keeps the same administrative rights, so the
   * key can never become unmanageable.
   *
   * @default - no named administrators; the key is administered through IAM policies in the account
   */
  readonly admins?: iam.IPrincipal[];

  /**
   * How long KMS waits before it deletes the key once deletion is scheduled (7 to 30 days).
   *
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;
}

/**
 * A symmetric KMS key for envelope encryption (guideline items NT-1, DM-1, DM-2).
 *
 * - Key rotation is always on (every 365 days unless `rotationPeriod` says otherwise).
 * - The key policy is written out in full: administrators manage the key but cannot use it; users get
 *   exactly `kms:GenerateDataKey` (encrypt) or `kms:Decrypt` (decrypt) through `grantEncrypt` /
 *   `grantDecrypt`, optionally bound to an encryption context.
 * - The key is retained when the stack is deleted: data encrypted under it would otherwise be lost.
 *
 * Use it with the runtime `EnvelopeCipher.withKmsKey(key.keyArn)` from `fintech-guardrails/runtime`.
 */
export class EnvelopeEncryptionKey extends Construct {
  /** The KMS key. */
  public readonly key: kms.Key;

  /** The ARN of the key. Give this to `EnvelopeCipher.withKmsKey`. */
  public readonly keyArn: string;

  /** The ID of the key. */
  public readonly keyId: string;

  /** The alias of the key. */
  public readonly alias: kms.Alias;

  constructor(scope: Construct, id: string, props: EnvelopeEncryptionKeyProps = {}) {
    super(scope, id);

    const rotationPeriod = props.rotationPeriod ?? Duration.days(365);
    validateRotationPeriod(this, rotationPeriod);
    const aliasName = props.alias !== undefined ? normalizeAlias(this, props.alias) : defaultAlias(this);
    const admins = props.admins ?? [];
    admins.forEach((admin, i) => {
      if (admin instanceof iam.AccountRootPrincipal) {
        throw new FinTechGuardrailsError(
          `${this.node.path}: admins[${i}] is the account root principal. The account already administers ` +
            'the key through IAM, and naming it as an admin would deny the whole account the use of the key. ' +
            'Fix: list the roles or users that administer the key instead.',
        );
      }
    });

    const account = Stack.of(this).account;
    const policy = new iam.PolicyDocument({
      statements: [
        // 1. The account (through IAM) keeps administrative rights only, so the key can never
        //    become unmanageable, but the account principal is never given cryptographic use here.
        new iam.PolicyStatement({
          sid: 'AccountAdministersKey',
          principals: [new iam.AccountRootPrincipal()],
          actions: [...KEY_ADMIN_ACTIONS],
          resources: ['*'],
        }),
        // 2. Key users are IAM principals of this account. A key policy must allow the account to
        //    delegate use to IAM policies, otherwise the grants that `grantEncrypt` / `grantDecrypt`
        //    put on the users' policies would have no effect. The delegation is limited to the two
        //    actions the Encryption SDK needs and to callers of this account.
        new iam.PolicyStatement({
          sid: 'AccountDelegatesEnvelopeUseToIam',
          principals: [new iam.AccountRootPrincipal()],
          actions: [...KEY_USER_ACTIONS],
          resources: ['*'],
          conditions: { StringEquals: { 'kms:CallerAccount': account } },
        }),
      ],
    });
    if (admins.length > 0) {
      policy.addStatements(
        new iam.PolicyStatement({
          sid: 'KeyAdministratorsManage',
          principals: admins,
          actions: [...KEY_ADMIN_ACTIONS],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'KeyAdministratorsCannotUse',
          effect: iam.Effect.DENY,
          principals: admins,
          actions: CRYPTO_ACTIONS_DENIED_TO_ADMINS,
          resources: ['*'],
        }),
      );
    }

    this.key = new kms.Key(this, 'Resource', {
      description: props.description ?? 'Envelope encryption key (fintech-guardrails NT-1, DM-1, DM-2)',
      enableKeyRotation: true,
      // kms.Key rejects a token period, so an unresolved period is set on the L1 resource below.
      rotationPeriod: rotationPeriod.isUnresolved() ? undefined : rotationPeriod,
      pendingWindow: props.pendingWindow,
      policy,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    markConstruct(this.key, 'EnvelopeEncryptionKey', ['NT-1', 'DM-1', 'DM-2']);
    if (rotationPeriod.isUnresolved()) {
      (this.key.node.defaultChild as kms.CfnKey).rotationPeriodInDays = rotationPeriod.toDays();
    }
    this.alias = new kms.Alias(this, 'Alias', { aliasName, targetKey: this.key });
    this.keyArn = this.key.keyArn;
    this.keyId = this.key.keyId;
  }

  /**
   * Let `grantee` encrypt with this key through the AWS Encryption SDK.
   *
   * Grants exactly `kms:GenerateDataKey` on this key's ARN. That is the one call the Encryption SDK's
   * KMS keyring makes to encrypt when the key is its generator: KMS returns a fresh data key in
   * plaintext (used once, in memory, by the SDK) and encrypted (stored inside the message).
   * `kms:Encrypt` is only needed for extra, non-generator keys of a multi-key keyring, and
   * `kms:GenerateDataKeyWithoutPlaintext` is never called by the SDK, so neither is granted.
   *
   * @param grantee the principal that encrypts
   * @param context if given, the grant only holds when the request's encryption context has these
   *   exact key/value pairs (`kms:EncryptionContext:<key>` StringEquals conditions)
   */
  public grantEncrypt(grantee: iam.IGrantable, context?: Record<string, string>): iam.Grant {
    return this.grantUse(grantee, 'kms:GenerateDataKey', context);
  }

  /**
   * Let `grantee` decrypt messages made with this key through the AWS Encryption SDK.
   *
   * Grants exactly `kms:Decrypt` on this key's ARN.
   *
   * @param grantee the principal that decrypts
   * @param context if given, the grant only holds when the request's encryption context has these
   *   exact key/value pairs (`kms:EncryptionContext:<key>` StringEquals conditions)
   */
  public grantDecrypt(grantee: iam.IGrantable, context?: Record<string, string>): iam.Grant {
    return this.grantUse(grantee, 'kms:Decrypt', context);
  }

  private grantUse(grantee: iam.IGrantable, action: string, context?: Record<string, string>): iam.Grant {
    const conditions = contextConditions(this, context);
    return iam.Grant.addToPrincipalOrResource({
      grantee,
      actions: [action],
      resourceArns: [this.key.keyArn],
      resource: this.key,
      conditions,
    });
  }
}

function contextConditions(scope: Construct, context?: Record<string, string>): Record<string, Record<string, unknown>> | undefined {
  if (context === undefined) {
    return undefined;
  }
  const entries = Object.entries(context);
  if (entries.length === 0) {
    return undefined;
  }
  const equals: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key.length === 0) {
      throw new FinTechGuardrailsError(
        `${scope.node.path}: an encryption context key is empty. Fix: use non-empty keys such as 'tenant'.`,
      );
    }
    if (key.startsWith('aws-crypto-')) {
      throw new FinTechGuardrailsError(
        `${scope.node.path}: encryption context key '${key}' is reserved by the AWS Encryption SDK (prefix 'aws-crypto-'). ` +
          'Fix: choose another key name.',
      );
    }
    if (typeof value !== 'string') {
      throw new FinTechGuardrailsError(
        `${scope.node.path}: encryption context value for '${key}' must be a string, got ${typeof value}. ` +
          'Fix: pass string values only.',
      );
    }
    equals[`kms:EncryptionContext:${key}`] = value;
  }
  return { StringEquals: equals };
}

function validateRotationPeriod(scope: Construct, period: Duration): void {
  if (period.isUnresolved()) {
    return;
  }
  const days = period.toDays({ integral: false });
  if (!Number.isInteger(days) || days < MIN_ROTATION_DAYS || days > MAX_ROTATION_DAYS) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: rotationPeriod must be a whole number of days from ${MIN_ROTATION_DAYS} to ${MAX_ROTATION_DAYS}, ` +
        `got ${period.toHumanString()}. Fix: use e.g. Duration.days(365).`,
    );
  }
}

function normalizeAlias(scope: Construct, alias: string): string {
  if (Token.isUnresolved(alias)) {
    return alias;
  }
  const name = alias.startsWith('alias/') ? alias : `alias/${alias}`;
  const bare = name.slice('alias/'.length);
  if (bare.length === 0 || name.length > 256 || !/^[a-zA-Z0-9/_-]+$/.test(bare) || bare.startsWith('aws/')) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: alias '${alias}' is not a valid customer alias. Fix: use 1-250 characters from ` +
        "a-z, A-Z, 0-9, '/', '_' and '-', not starting with 'aws/' (e.g. 'alias/payments/card-data').",
    );
  }
  return name;
}

function defaultAlias(scope: Construct): string {
  return `alias/${Names.uniqueResourceName(scope, { maxLength: 250, separator: '-' })}`;
}
