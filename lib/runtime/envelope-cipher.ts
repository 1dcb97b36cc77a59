/**
 * Envelope encryption for application data (guideline item NT-1), built on the AWS Encryption SDK
 * for JavaScript (`@aws-crypto/client-node`). No cryptography is implemented here: the SDK generates
 * the data key, encrypts the data, wraps the data key with the master key (KMS or a raw AES key),
 * signs the message and checks it again on decrypt. This module only chooses safe settings, checks the
 * encryption context and turns the SDK's failures into errors with a stable `code`.
 *
 * This file must not import aws-cdk-lib or constructs (directly or indirectly): it is loaded by
 * application code at run time through `fintech-guardrails/runtime`.
 */
import {
  buildClient,
  CommitmentPolicy,
  EncryptedDataKey,
  getLocalCryptographicMaterialsCache,
  KeyringNode,
  KmsKeyringNode,
  KmsNodeClientSupplier,
  NodeCachingMaterialsManager,
  NodeDecryptionMaterial,
  NodeDefaultCryptographicMaterialsManager,
  NodeMaterialsManager,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';
import { FinTechGuardrailsError } from '../constructs/errors';

/** Encryption context keys with this prefix are reserved by the AWS Encryption SDK. */
export const RESERVED_CONTEXT_PREFIX = 'aws-crypto-';

const KMS_PROVIDER_ID = 'aws-kms';
const RAW_AES_KEY_BYTES = 32;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const MAX_MESSAGES_PER_CACHED_KEY = 2 ** 32;

/**
 * Why an `EnvelopeCipher` call was refused.
 *
 * - `CONTEXT_MISMATCH`: the message's encryption context is not the one expected.
 * - `TAMPERED`: the message is malformed or was altered (header, body or signature check failed).
 * - `WRONG_KEY`: no data key in the message can be decrypted with this cipher's key.
 * - `KEY_UNAVAILABLE`: KMS could not be used (access denied, throttling, network...).
 * - `RESERVED_CONTEXT_KEY`: the context uses a key starting with `aws-crypto-`.
 * - `INVALID_CONTEXT`: the context is not a flat object of non-empty string keys and string values.
 * - `INVALID_KEY`: the key given to the factory method is not usable (length, ARN form).
 * - `INVALID_OPTIONS`: an option is out of range.
 * - `INVALID_INPUT`: the plaintext or ciphertext has the wrong type.
 * - `ENCRYPT_FAILED`: the SDK could not encrypt (the cause is attached).
 */
export type EnvelopeCipherErrorCode =
  | 'CONTEXT_MISMATCH'
  | 'TAMPERED'
  | 'WRONG_KEY'
  | 'KEY_UNAVAILABLE'
  | 'RESERVED_CONTEXT_KEY'
  | 'INVALID_CONTEXT'
  | 'INVALID_KEY'
  | 'INVALID_OPTIONS'
  | 'INVALID_INPUT'
  | 'ENCRYPT_FAILED';

/**
 * The error thrown by `EnvelopeCipher`. Branch on `code`, never on the message text.
 */
export class EnvelopeCipherError extends FinTechGuardrailsError {
  declare public readonly code: EnvelopeCipherErrorCode;

  constructor(code: EnvelopeCipherErrorCode, message: string, cause?: unknown) {
    super(message, { code, cause });
    this.name = 'EnvelopeCipherError';
  }
}

/**
 * Bounds of the optional data key cache. All three are required: a cache without bounds would keep
 * plaintext data keys in memory for too long and reuse them for too much data.
 */
export interface EnvelopeCipherCacheOptions {
  /** How long a cached data key may be used, in milliseconds. */
  readonly maxAge: number;
  /** How many data keys the cache holds at most. */
  readonly capacity: number;
  /** How many messages may be encrypted with one cached data key. */
  readonly maxMessagesEncrypted: number;
  /**
   * How many bytes may be encrypted with one cached data key.
   *
   * @default - the SDK's limit (2^53 - 1)
   */
  readonly maxBytesEncrypted?: number;
}

/**
 * Options shared by every `EnvelopeCipher`.
 */
export interface EnvelopeCipherOptions {
  /**
   * Reuse data keys through a local, bounded cache (`NodeCachingMaterialsManager`). Without it,
   * every message gets a fresh data key and no plaintext data key is kept after the call.
   *
   * @default - no cache
   */
  readonly cache?: EnvelopeCipherCacheOptions;

  /**
   * The most encrypted data keys a message may carry on decrypt. Messages made by this class carry
   * exactly one; a limit stops a crafted message from making the cipher try many keys.
   *
   * @default 1
   */
  readonly maxEncryptedDataKeys?: number;
}

/**
 * Options for `EnvelopeCipher.withRawAesKey`.
 */
export interface RawAesCipherOptions extends EnvelopeCipherOptions {
  /**
   * The key namespace recorded in each message (the "provider ID").
   *
   * @default 'fintech-guardrails'
   */
  readonly keyNamespace?: string;

  /**
   * The key name recorded in each message. Give each distinct key its own name: the cipher then
   * tells "made under another key" apart from "altered" more precisely.
   *
   * @default 'envelope-key'
   */
  readonly keyName?: string;
}

/**
 * Options for `EnvelopeCipher.withKmsKey`.
 */
export interface KmsCipherOptions extends EnvelopeCipherOptions {
  /**
   * Supplies the KMS client for a region (for example to set credentials, a proxy, or a test double).
   *
   * @default - the SDK's default client for the key's region
   */
  readonly clientProvider?: KmsNodeClientSupplier;

  /**
   * KMS grant tokens to send with each request.
   *
   * @default - none
   */
  readonly grantTokens?: string[];
}

type EncryptionContext = Record<string, string>;

interface DecryptObservation {
  reachedKeyDecryption: boolean;
  dataKeyDecrypted: boolean;
  contextProblem?: string;
  encryptedDataKeys: EncryptedDataKey[];
  materialsError?: unknown;
}

/**
 * Encrypts and decrypts data with envelope encryption (NT-1): every message gets its own data key,
 * which is stored only in encrypted form inside the message (the AWS Encryption SDK message format)
 * and is never returned to the caller.
 *
 * - Algorithm: the SDK default under `REQUIRE_ENCRYPT_REQUIRE_DECRYPT` (AES-256-GCM, HKDF-SHA512,
 *   key commitment, ECDSA P-384 signature).
 * - Every call names its encryption context; decrypt refuses a message whose context differs.
 *
 * ```ts
 * import { EnvelopeCipher } from 'fintech-guardrails/runtime';
 * const cipher = EnvelopeCipher.withKmsKey(process.env.KEY_ARN!);
 * const sealed = await cipher.encrypt('4111 1111 1111 1111', { tenant: 'acme', purpose: 'card' });
 * const card = await cipher.decrypt(sealed, { tenant: 'acme', purpose: 'card' });
 * ```
 */
export class EnvelopeCipher {
  /**
   * A cipher whose data keys are generated and wrapped by an AWS KMS key (the usual choice).
   *
   * Encrypt needs `kms:GenerateDataKey` and decrypt needs `kms:Decrypt` on the key
   * (`EnvelopeEncryptionKey.grantEncrypt` / `grantDecrypt`).
   *
   * @param keyArn the full key ARN (`arn:aws:kms:<region>:<account>:key/<id>`). Aliases and bare key
   *   IDs are refused: the SDK records the key ARN in each message and needs it again to decrypt.
   */
  public static withKmsKey(keyArn: string, options: KmsCipherOptions = {}): EnvelopeCipher {
    if (typeof keyArn !== 'string' || !KMS_KEY_ARN.test(keyArn)) {
      throw new EnvelopeCipherError(
        'INVALID_KEY',
        `withKmsKey needs a full KMS key ARN, got '${String(keyArn)}'. ` +
          "Fix: pass the key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), e.g. EnvelopeEncryptionKey's keyArn; aliases and key IDs cannot decrypt.",
      );
    }
    const keyring = new KmsKeyringNode({
      generatorKeyId: keyArn,
      clientProvider: options.clientProvider,
      grantTokens: options.grantTokens,
    });
    return new EnvelopeCipher(
      keyring,
      (edk) => edk.providerId === KMS_PROVIDER_ID && edk.providerInfo === keyArn,
      `KMS key ${keyArn}`,
      options,
    );
  }

  /**
   * A cipher whose data keys are wrapped by a 256-bit AES key you hold (for tests, or for keys kept
   * in an HSM-backed secret store). Prefer `withKmsKey` in production: the raw key must then be
   * protected by you.
   *
   * @param keyBytes exactly 32 random bytes (e.g. `crypto.randomBytes(32)`)
   */
  public static withRawAesKey(keyBytes: Uint8Array, options: RawAesCipherOptions = {}): EnvelopeCipher {
    if (!(keyBytes instanceof Uint8Array)) {
      throw new EnvelopeCipherError(
        'INVALID_KEY',
        `withRawAesKey needs the key as a Uint8Array, got ${describeType(keyBytes)}. Fix: pass 32 bytes, e.g. crypto.randomBytes(32).`,
      );
    }
    if (keyBytes.byteLength !== RAW_AES_KEY_BYTES) {
      throw new EnvelopeCipherError(
        'INVALID_KEY',
        `withRawAesKey needs a ${RAW_AES_KEY_BYTES}-byte (256-bit) AES key, got ${keyBytes.byteLength} bytes. ` +
          'Fix: generate the key with crypto.randomBytes(32).',
      );
    }
    const keyNamespace = options.keyNamespace ?? 'fintech-guardrails';
    const keyName = options.keyName ?? 'envelope-key';
    for (const [name, value] of [['keyNamespace', keyNamespace], ['keyName', keyName]] as const) {
      if (typeof value !== 'string' || value.length === 0) {
        throw new EnvelopeCipherError('INVALID_OPTIONS', `${name} must be a non-empty string, got ${JSON.stringify(value)}.`);
      }
    }
    if (keyNamespace.startsWith(KMS_PROVIDER_ID)) {
      throw new EnvelopeCipherError(
        'INVALID_OPTIONS',
        `keyNamespace '${keyNamespace}' is reserved for AWS KMS. Fix: choose another namespace, e.g. 'my-company'.`,
      );
    }
    // The keyring keeps its own copy of the key material, so later changes to `keyBytes` do not
    // affect the cipher.
    const keyring = new RawAesKeyringNode({
      keyNamespace,
      keyName,
      unencryptedMasterKey: new Uint8Array(keyBytes),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    });
    return new EnvelopeCipher(
      keyring,
      (edk) => keyring._filter(edk),
      `raw AES key ${keyNamespace}/${keyName}`,
      options,
    );
  }

  private readonly client: ReturnType<typeof buildClient>;
  private readonly materials: NodeMaterialsManager;

  private constructor(
    keyring: KeyringNode,
    private readonly ownsDataKey: (edk: EncryptedDataKey) => boolean,
    private readonly keyDescription: string,
    options: EnvelopeCipherOptions,
  ) {
    const maxEncryptedDataKeys = options.maxEncryptedDataKeys ?? 1;
    if (!Number.isInteger(maxEncryptedDataKeys) || maxEncryptedDataKeys < 1) {
      throw new EnvelopeCipherError(
        'INVALID_OPTIONS',
        `maxEncryptedDataKeys must be a positive integer, got ${String(maxEncryptedDataKeys)}. Fix: leave it unset (1) or use a small number.`,
      );
    }
    this.client = buildClient({
      commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
      maxEncryptedDataKeys,
    });
    this.materials = options.cache ? cachingMaterials(keyring, options.cache) : new NodeDefaultCryptographicMaterialsManager(keyring);
  }

  /**
   * Encrypt `plaintext` under a fresh (or, with a cache, a bounded-reuse) data key.
   *
   * @param plaintext bytes, or a string (encoded as UTF-8)
   * @param context the encryption context: non-secret key/value pairs that say what the data is and
   *   who it belongs to (e.g. `{ tenant: 'acme', purpose: 'card' }`). It is stored in the message,
   *   authenticated, and must be given again to decrypt. Keys starting with `aws-crypto-` are refused.
   * @returns the encrypted message (AWS Encryption SDK format)
   */
  public async encrypt(plaintext: Uint8Array | string, context: Record<string, string>): Promise<Uint8Array> {
    let data: Uint8Array;
    if (typeof plaintext === 'string') {
      data = Buffer.from(plaintext, 'utf8');
    } else if (plaintext instanceof Uint8Array) {
      data = plaintext;
    } else {
      throw new EnvelopeCipherError(
        'INVALID_INPUT',
        `encrypt needs a Uint8Array or a string, got ${describeType(plaintext)}.`,
      );
    }
    const encryptionContext = checkContext(context, 'context');
    try {
      const { result } = await this.client.encrypt(this.materials, data, {
        encryptionContext,
        plaintextLength: data.byteLength,
      });
      return result;
    } catch (err) {
      throw new EnvelopeCipherError(
        kmsUnavailable(err) ? 'KEY_UNAVAILABLE' : 'ENCRYPT_FAILED',
        `encrypt with ${this.keyDescription} failed: ${messageOf(err)}`,
        err,
      );
    }
  }

  /**
   * Decrypt a message made by `encrypt`, after checking that it was made for `expectedContext`.
   *
   * Refuses (with an `EnvelopeCipherError`):
   * - `CONTEXT_MISMATCH` if a key/value of `expectedContext` is missing or different in the message,
   *   or the message has a context key that is not expected (keys starting with `aws-crypto-`, which
   *   the SDK adds itself, are ignored);
   * - `TAMPERED` if the message is malformed or any part of it was altered;
   * - `WRONG_KEY` if the message was made under another key;
   * - `KEY_UNAVAILABLE` if KMS could not be used.
   *
   * The context is checked before the data key is decrypted, so a message for another context never
   * reaches the master key.
   */
  public async decrypt(ciphertext: Uint8Array, expectedContext: Record<string, string>): Promise<Uint8Array> {
    if (!(ciphertext instanceof Uint8Array)) {
      throw new EnvelopeCipherError(
        'INVALID_INPUT',
        `decrypt needs the message as a Uint8Array, got ${describeType(ciphertext)}.`,
      );
    }
    const expected = checkContext(expectedContext, 'expectedContext');
    const observation: DecryptObservation = {
      reachedKeyDecryption: false,
      dataKeyDecrypted: false,
      encryptedDataKeys: [],
    };
    const observed = observingMaterials(this.materials, expected, observation);

    let plaintext: Buffer;
    let messageContext: Record<string, string>;
    try {
      const out = await this.client.decrypt(observed, ciphertext);
      plaintext = out.plaintext;
      messageContext = out.messageHeader.encryptionContext;
    } catch (err) {
      throw this.classifyDecryptFailure(err, observation);
    }

    // Second check on the authenticated header (the first ran before the data key was decrypted).
    const problem = contextProblem(expected, messageContext);
    if (problem !== undefined) {
      plaintext.fill(0);
      throw contextMismatch(problem);
    }
    return plaintext;
  }

  /**
   * `decrypt`, then decode the plaintext as UTF-8.
   */
  public async decryptText(ciphertext: Uint8Array, expectedContext: Record<string, string>): Promise<string> {
    const bytes = await this.decrypt(ciphertext, expectedContext);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    bytes.fill(0);
    return text;
  }

  private classifyDecryptFailure(err: unknown, o: DecryptObservation): EnvelopeCipherError {
    if (o.contextProblem !== undefined) {
      return contextMismatch(o.contextProblem);
    }
    if (!o.reachedKeyDecryption) {
      return new EnvelopeCipherError(
        'TAMPERED',
        `the message is malformed, altered, or not an AWS Encryption SDK message this cipher accepts: ${messageOf(err)}`,
        err,
      );
    }
    if (!o.dataKeyDecrypted) {
      const cause = o.materialsError ?? err;
      const text = messageOf(cause);
      if (text.includes('InvalidCiphertextException')) {
        return new EnvelopeCipherError(
          'TAMPERED',
          `KMS refused the message's encrypted data key for ${this.keyDescription}: the data key or the encryption context was altered.`,
          cause,
        );
      }
      if (kmsUnavailable(cause)) {
        return new EnvelopeCipherError(
          'KEY_UNAVAILABLE',
          `could not use ${this.keyDescription} to decrypt the data key: ${text}`,
          cause,
        );
      }
      const ours = o.encryptedDataKeys.some((edk) => this.ownsDataKey(edk));
      if (!ours) {
        const found = o.encryptedDataKeys.map((edk) => `${edk.providerId}/${edk.providerInfo}`).join(', ') || 'none';
        return new EnvelopeCipherError(
          'WRONG_KEY',
          `the message was made under another key (its data keys are for: ${found}); this cipher uses ${this.keyDescription}.`,
          cause,
        );
      }
      return new EnvelopeCipherError(
        'WRONG_KEY',
        `the message's data key could not be decrypted with ${this.keyDescription}: it was made under a different key ` +
          'with the same name, or its encrypted data key or encryption context was altered.',
        cause,
      );
    }
    return new EnvelopeCipherError(
      'TAMPERED',
      `the message failed its integrity checks (key commitment, header authentication, body authentication or signature): ${messageOf(err)}`,
      err,
    );
  }
}

function cachingMaterials(keyring: KeyringNode, cache: EnvelopeCipherCacheOptions): NodeMaterialsManager {
  if (typeof cache !== 'object' || cache === null) {
    throw new EnvelopeCipherError('INVALID_OPTIONS', `cache must be an object with maxAge, capacity and maxMessagesEncrypted, got ${describeType(cache)}.`);
  }
  const check = (name: string, value: unknown, integer: boolean, max = Number.MAX_SAFE_INTEGER): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)) || value > max) {
      throw new EnvelopeCipherError(
        'INVALID_OPTIONS',
        `cache.${name} must be a positive ${integer ? 'integer' : 'number'}${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got ${String(value)}. ` +
          'Fix: bound the cache, e.g. { maxAge: 60_000, capacity: 100, maxMessagesEncrypted: 1000 }.',
      );
    }
    return value;
  };
  const maxAge = check('maxAge', cache.maxAge, false);
  const capacity = check('capacity', cache.capacity, true);
  const maxMessagesEncrypted = check('maxMessagesEncrypted', cache.maxMessagesEncrypted, true, MAX_MESSAGES_PER_CACHED_KEY);
  const maxBytesEncrypted = cache.maxBytesEncrypted === undefined ? undefined : check('maxBytesEncrypted', cache.maxBytesEncrypted, true);
  return new NodeCachingMaterialsManager({
    backingMaterials: keyring,
    cache: getLocalCryptographicMaterialsCache(capacity),
    maxAge,
    maxMessagesEncrypted,
    maxBytesEncrypted,
  });
}

/**
 * Wraps the materials manager for one decrypt call: checks the context before any data key is
 * decrypted and records how far decryption got, so failures can be classified without parsing the
 * message ourselves.
 */
function observingMaterials(inner: NodeMaterialsManager, expected: EncryptionContext, o: DecryptObservation): NodeMaterialsManager {
  return {
    getEncryptionMaterials: (request) => inner.getEncryptionMaterials(request),
    decryptMaterials: async (request): Promise<NodeDecryptionMaterial> => {
      o.reachedKeyDecryption = true;
      o.encryptedDataKeys = [...request.encryptedDataKeys];
      const problem = contextProblem(expected, request.encryptionContext);
      if (problem !== undefined) {
        o.contextProblem = problem;
        throw contextMismatch(problem);
      }
      try {
        const material = await inner.decryptMaterials(request);
        o.dataKeyDecrypted = material.hasValidKey();
        return material;
      } catch (err) {
        o.materialsError = err;
        throw err;
      }
    },
  };
}

function checkContext(context: unknown, name: string): EncryptionContext {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new EnvelopeCipherError(
      'INVALID_CONTEXT',
      `${name} must be an object of string keys and string values, got ${describeType(context)}. ` +
        "Fix: pass e.g. { tenant: 'acme' }, or {} for no context.",
    );
  }
  const out: EncryptionContext = {};
  for (const [key, value] of Object.entries(context as Record<string, unknown>)) {
    if (key.length === 0) {
      throw new EnvelopeCipherError('INVALID_CONTEXT', `${name} has an empty key. Fix: use non-empty key names.`);
    }
    if (key.startsWith(RESERVED_CONTEXT_PREFIX)) {
      throw new EnvelopeCipherError(
        'RESERVED_CONTEXT_KEY',
        `${name} key '${key}' is reserved by the AWS Encryption SDK (prefix '${RESERVED_CONTEXT_PREFIX}'). Fix: choose another key name.`,
      );
    }
    if (typeof value !== 'string') {
      throw new EnvelopeCipherError(
        'INVALID_CONTEXT',
        `${name} value for '${key}' must be a string, got ${describeType(value)}. Fix: convert it with String(...).`,
      );
    }
    out[key] = value;
  }
  return out;
}

/** Returns a description of how `actual` differs from `expected`, or undefined when they match. */
function contextProblem(expected: EncryptionContext, actual: Record<string, string> | undefined): string | undefined {
  const found = actual ?? {};
  const missing: string[] = [];
  const different: string[] = [];
  const unexpected: string[] = [];
  for (const [key, value] of Object.entries(expected)) {
    if (!Object.prototype.hasOwnProperty.call(found, key)) {
      missing.push(key);
    } else if (found[key] !== value) {
      different.push(key);
    }
  }
  for (const key of Object.keys(found)) {
    if (!key.startsWith(RESERVED_CONTEXT_PREFIX) && !Object.prototype.hasOwnProperty.call(expected, key)) {
      unexpected.push(key);
    }
  }
  if (missing.length + different.length + unexpected.length === 0) {
    return undefined;
  }
  const parts: string[] = [];
  if (missing.length) parts.push(`missing keys [${missing.join(', ')}]`);
  if (different.length) parts.push(`different values for [${different.join(', ')}]`);
  if (unexpected.length) parts.push(`unexpected keys [${unexpected.join(', ')}]`);
  return parts.join('; ');
}

function contextMismatch(problem: string): EnvelopeCipherError {
  return new EnvelopeCipherError(
    'CONTEXT_MISMATCH',
    `the message's encryption context is not the expected one (${problem}). It was made for other data, or altered; ` +
      'nothing was decrypted.',
  );
}

function kmsUnavailable(err: unknown): boolean {
  const text = messageOf(err);
  return /one or more KMS CMKs had an error|AccessDenied|Throttl|KMSInvalidState|DisabledException|NotFoundException|ECONN|ETIMEDOUT|getaddrinfo|Could not load credentials/i.test(
    text,
  );
}

function messageOf(err: unknown): string {
  if (err instanceof Error) {
    return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  }
  return String(err);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  return typeof value;
}
