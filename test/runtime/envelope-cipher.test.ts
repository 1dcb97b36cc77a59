import { randomBytes } from 'crypto';
import { EnvelopeCipher, EnvelopeCipherError, EnvelopeCipherErrorCode } from '../../lib/runtime';
import { FinTechGuardrailsError } from '../../lib/constructs/errors';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const CONTEXT = { tenant: 'acme', purpose: 'card-number' };

async function refusal(p: Promise<unknown>): Promise<EnvelopeCipherError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EnvelopeCipherError);
    return err as EnvelopeCipherError;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

function thrown(fn: () => unknown): EnvelopeCipherError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvelopeCipherError);
    return err as EnvelopeCipherError;
  }
  throw new Error('expected the call to throw, but it returned');
}

/**
 * A stand-in for the KMS client, so that the KMS keyring path runs offline. It "wraps" data keys by
 * AES-GCM under a per-key secret through Node's crypto (test scaffolding only, never shipped).
 */
function fakeKms() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const crypto = require('crypto') as typeof import('crypto');
  const secrets = new Map<string, Buffer>();
  const calls = { generateDataKey: 0, decrypt: 0 };
  let failWith: Error | undefined;
  const secretFor = (keyId: string) => {
    if (!secrets.has(keyId)) secrets.set(keyId, crypto.randomBytes(32));
    return secrets.get(keyId)!;
  };
  const aad = (ctx?: Record<string, string>) =>
    Buffer.from(JSON.stringify(Object.entries(ctx ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))));
  const client = {
    async generateDataKey(req: { KeyId: string; NumberOfBytes?: number; EncryptionContext?: Record<string, string> }) {
      calls.generateDataKey++;
      if (failWith) throw failWith;
      const plaintext = crypto.randomBytes(req.NumberOfBytes ?? 32);
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', secretFor(req.KeyId), iv);
      c.setAAD(aad(req.EncryptionContext));
      const body = Buffer.concat([c.update(plaintext), c.final()]);
      const blob = Buffer.concat([Buffer.from(req.KeyId.padEnd(100)), iv, c.getAuthTag(), body]);
      return { KeyId: req.KeyId, Plaintext: plaintext, CiphertextBlob: blob };
    },
    async encrypt(): Promise<never> {
      throw new Error('kms:Encrypt must not be called by a single-key keyring');
    },
    async decrypt(req: { KeyId?: string; CiphertextBlob: Uint8Array; EncryptionContext?: Record<string, string> }) {
      calls.decrypt++;
      if (failWith) throw failWith;
      const blob = Buffer.from(req.CiphertextBlob);
      const keyId = blob.subarray(0, 100).toString().trim();
      if (req.KeyId !== undefined && req.KeyId !== keyId) {
        throw Object.assign(new Error('IncorrectKeyException'), { name: 'IncorrectKeyException' });
      }
      try {
        const d = crypto.createDecipheriv('aes-256-gcm', secretFor(keyId), blob.subarray(100, 112));
        d.setAAD(aad(req.EncryptionContext));
        d.setAuthTag(blob.subarray(112, 128));
        const plaintext = Buffer.concat([d.update(blob.subarray(128)), d.final()]);
        return { KeyId: keyId, Plaintext: plaintext };
      } catch {
        throw Object.assign(new Error('The ciphertext is invalid.'), { name: 'InvalidCiphertextException' });
      }
    },
  };
  return {
    calls,
    clientProvider: () => client,
    failNextWith(err: Error | undefined) {
      failWith = err;
    },
  };
}

const KMS_ARN_A = 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const KMS_ARN_B = 'arn:aws:kms:ap-northeast-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab';

describe('EnvelopeCipher with a raw AES key', () => {
  const cipher = EnvelopeCipher.withRawAesKey(KEY_A);
  let sealed: Uint8Array;

  beforeAll(async () => {
    sealed = await cipher.encrypt('4111 1111 1111 1111', CONTEXT);
  });

  test('round trip of a string', async () => {
    const plain = await cipher.decrypt(sealed, CONTEXT);
    expect(Buffer.from(plain).toString('utf8')).toBe('4111 1111 1111 1111');
    expect(await cipher.decryptText(sealed, { purpose: 'card-number', tenant: 'acme' })).toBe('4111 1111 1111 1111');
  });

  test('the message does not contain the plaintext', () => {
    expect(Buffer.from(sealed).includes(Buffer.from('4111 1111 1111 1111'))).toBe(false);
  });

  test('round trip of bytes', async () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 0, 128]);
    const out = await cipher.decrypt(await cipher.encrypt(bytes, CONTEXT), CONTEXT);
    expect(Array.from(out)).toEqual(Array.from(bytes));
  });

  test('round trip with an empty context and an empty plaintext', async () => {
    const out = await cipher.decrypt(await cipher.encrypt(new Uint8Array(0), {}), {});
    expect(out.byteLength).toBe(0);
  });

  test('each message gets its own data key (two encryptions differ)', async () => {
    const again = await cipher.encrypt('4111 1111 1111 1111', CONTEXT);
    expect(Buffer.from(again).equals(Buffer.from(sealed))).toBe(false);
  });

  test('a message with one flipped byte in its body or signature is refused as TAMPERED', async () => {
    for (const offset of [sealed.length - 1, sealed.length - 60, sealed.length - 110]) {
      const tampered = Buffer.from(sealed);
      tampered[offset] ^= 0x01;
      const err = await refusal(cipher.decrypt(tampered, CONTEXT));
      expect(err.code).toBe('TAMPERED');
    }
  });

  test('a message with its version byte changed is refused as TAMPERED', async () => {
    const tampered = Buffer.from(sealed);
    tampered[0] ^= 0x01;
    expect((await refusal(cipher.decrypt(tampered, CONTEXT))).code).toBe('TAMPERED');
  });

  test('a truncated or foreign message is refused as TAMPERED', async () => {
    expect((await refusal(cipher.decrypt(sealed.subarray(0, 50), CONTEXT))).code).toBe('TAMPERED');
    expect((await refusal(cipher.decrypt(Buffer.from('not a message'), CONTEXT))).code).toBe('TAMPERED');
  });

  test('no single flipped byte anywhere in the message is ever accepted', async () => {
    const allowed: EnvelopeCipherErrorCode[] = ['TAMPERED', 'WRONG_KEY', 'CONTEXT_MISMATCH'];
    for (let offset = 0; offset < sealed.length; offset += 11) {
      const tampered = Buffer.from(sealed);
      tampered[offset] ^= 0x80;
      const err = await refusal(cipher.decrypt(tampered, CONTEXT));
      expect(allowed).toContain(err.code);
    }
  });

  test('a different context value is refused as CONTEXT_MISMATCH', async () => {
    const err = await refusal(cipher.decrypt(sealed, { tenant: 'other', purpose: 'card-number' }));
    expect(err.code).toBe('CONTEXT_MISMATCH');
    expect(err.message).toContain('tenant');
    expect(err.message).not.toContain('acme');
  });

  test('a missing expected key is refused as CONTEXT_MISMATCH', async () => {
    const err = await refusal(cipher.decrypt(sealed, { ...CONTEXT, region: 'jp' }));
    expect(err.code).toBe('CONTEXT_MISMATCH');
    expect(err.message).toContain('missing keys [region]');
  });

  test('an extra key in the message is refused as CONTEXT_MISMATCH', async () => {
    const err = await refusal(cipher.decrypt(sealed, { tenant: 'acme' }));
    expect(err.code).toBe('CONTEXT_MISMATCH');
    expect(err.message).toContain('unexpected keys [purpose]');
  });

  test('a message made under another key is refused as WRONG_KEY', async () => {
    const other = EnvelopeCipher.withRawAesKey(KEY_B);
    const err = await refusal(other.decrypt(sealed, CONTEXT));
    expect(err.code).toBe('WRONG_KEY');
  });

  test('a message made under a differently named key is refused as WRONG_KEY', async () => {
    const other = EnvelopeCipher.withRawAesKey(KEY_A, { keyName: 'another-key' });
    const err = await refusal(other.decrypt(sealed, CONTEXT));
    expect(err.code).toBe('WRONG_KEY');
    expect(err.message).toContain('made under another key');
  });

  test('reserved context keys are refused on encrypt and decrypt', async () => {
    const onEncrypt = await refusal(cipher.encrypt('x', { 'aws-crypto-public-key': 'abc' }));
    expect(onEncrypt.code).toBe('RESERVED_CONTEXT_KEY');
    const onDecrypt = await refusal(cipher.decrypt(sealed, { ...CONTEXT, 'aws-crypto-x': 'y' }));
    expect(onDecrypt.code).toBe('RESERVED_CONTEXT_KEY');
  });

  test('malformed contexts and inputs are refused', async () => {
    expect((await refusal(cipher.encrypt('x', { n: 1 as unknown as string }))).code).toBe('INVALID_CONTEXT');
    expect((await refusal(cipher.encrypt('x', null as unknown as Record<string, string>))).code).toBe('INVALID_CONTEXT');
    expect((await refusal(cipher.encrypt('x', { '': 'v' }))).code).toBe('INVALID_CONTEXT');
    expect((await refusal(cipher.encrypt(42 as unknown as string, {}))).code).toBe('INVALID_INPUT');
    expect((await refusal(cipher.decrypt('abc' as unknown as Uint8Array, {}))).code).toBe('INVALID_INPUT');
  });

  test('errors are FinTechGuardrailsError with a name and a code', async () => {
    const err = await refusal(cipher.decrypt(sealed, {}));
    expect(err).toBeInstanceOf(FinTechGuardrailsError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('EnvelopeCipherError');
    expect(err.code).toBe('CONTEXT_MISMATCH');
  });
});

describe('EnvelopeCipher.withRawAesKey validation', () => {
  test.each([0, 16, 24, 31, 33, 64])('fails when the key has %i bytes', (n) => {
    const err = thrown(() => EnvelopeCipher.withRawAesKey(new Uint8Array(n)));
    expect(err.code).toBe('INVALID_KEY');
    expect(err.message).toContain(`got ${n} bytes`);
    expect(err.message).toContain('randomBytes(32)');
  });

  test('fails when the key is not bytes', () => {
    expect(thrown(() => EnvelopeCipher.withRawAesKey('k'.repeat(32) as unknown as Uint8Array)).code).toBe('INVALID_KEY');
  });

  test('fails when the key namespace is empty or reserved for KMS', () => {
    expect(thrown(() => EnvelopeCipher.withRawAesKey(KEY_A, { keyNamespace: '' })).code).toBe('INVALID_OPTIONS');
    expect(thrown(() => EnvelopeCipher.withRawAesKey(KEY_A, { keyNamespace: 'aws-kms' })).code).toBe('INVALID_OPTIONS');
  });

  test('changing the caller-held key bytes afterwards does not change the cipher', async () => {
    const bytes = new Uint8Array(randomBytes(32));
    const cipher = EnvelopeCipher.withRawAesKey(bytes);
    const sealed = await cipher.encrypt('x', {});
    bytes.fill(0);
    expect(await cipher.decryptText(sealed, {})).toBe('x');
  });
});

describe('EnvelopeCipher cache', () => {
  const valid = { maxAge: 60_000, capacity: 10, maxMessagesEncrypted: 100 };

  test.each([
    ['maxAge is 0', { ...valid, maxAge: 0 }],
    ['maxAge is negative', { ...valid, maxAge: -1 }],
    ['maxAge is infinite', { ...valid, maxAge: Infinity }],
    ['maxAge is missing', { capacity: 10, maxMessagesEncrypted: 100 }],
    ['capacity is 0', { ...valid, capacity: 0 }],
    ['capacity is fractional', { ...valid, capacity: 1.5 }],
    ['capacity is missing', { maxAge: 1000, maxMessagesEncrypted: 100 }],
    ['maxMessagesEncrypted is 0', { ...valid, maxMessagesEncrypted: 0 }],
    ['maxMessagesEncrypted is NaN', { ...valid, maxMessagesEncrypted: NaN }],
    ['maxMessagesEncrypted is above 2^32', { ...valid, maxMessagesEncrypted: 2 ** 32 + 1 }],
    ['maxBytesEncrypted is negative', { ...valid, maxBytesEncrypted: -5 }],
  ])('fails when %s', (_name, cache) => {
    const err = thrown(() => EnvelopeCipher.withRawAesKey(KEY_A, { cache: cache as never }));
    expect(err.code).toBe('INVALID_OPTIONS');
    expect(err.message).toContain('cache.');
  });

  test('fails when maxEncryptedDataKeys is not a positive integer', () => {
    expect(thrown(() => EnvelopeCipher.withRawAesKey(KEY_A, { maxEncryptedDataKeys: 0 })).code).toBe('INVALID_OPTIONS');
  });

  test('round trip through a bounded cache', async () => {
    const cipher = EnvelopeCipher.withRawAesKey(KEY_A, { cache: valid });
    const one = await cipher.encrypt('first', CONTEXT);
    const two = await cipher.encrypt('second', CONTEXT);
    expect(await cipher.decryptText(one, CONTEXT)).toBe('first');
    expect(await cipher.decryptText(two, CONTEXT)).toBe('second');
    // A cipher without a cache reads messages made with one, and the reverse.
    expect(await EnvelopeCipher.withRawAesKey(KEY_A).decryptText(two, CONTEXT)).toBe('second');
    expect((await refusal(cipher.decrypt(two, { tenant: 'acme' }))).code).toBe('CONTEXT_MISMATCH');
  });

  test('the cache reuses a data key at most maxMessagesEncrypted times', async () => {
    const kms = fakeKms();
    const cipher = EnvelopeCipher.withKmsKey(KMS_ARN_A, {
      clientProvider: kms.clientProvider,
      cache: { maxAge: 60_000, capacity: 5, maxMessagesEncrypted: 2 },
    });
    for (let i = 0; i < 4; i++) {
      await cipher.encrypt(`message ${i}`, CONTEXT);
    }
    expect(kms.calls.generateDataKey).toBe(2);
  });
});

describe('EnvelopeCipher with a KMS key (offline KMS stand-in)', () => {
  test('fails when the key is not a full key ARN', () => {
    for (const bad of ['alias/payments', 'arn:aws:kms:ap-northeast-1:123456789012:alias/payments', '1234abcd-12ab-34cd-56ef-1234567890ab', '']) {
      const err = thrown(() => EnvelopeCipher.withKmsKey(bad));
      expect(err.code).toBe('INVALID_KEY');
      expect(err.message).toContain('key ARN');
    }
  });

  test('round trip; without a cache every message asks KMS for a new data key', async () => {
    const kms = fakeKms();
    const cipher = EnvelopeCipher.withKmsKey(KMS_ARN_A, { clientProvider: kms.clientProvider });
    const a = await cipher.encrypt('one', CONTEXT);
    const b = await cipher.encrypt('two', CONTEXT);
    expect(kms.calls.generateDataKey).toBe(2);
    expect(await cipher.decryptText(a, CONTEXT)).toBe('one');
    expect(await cipher.decryptText(b, CONTEXT)).toBe('two');
  });

  test('a message for another context never reaches KMS', async () => {
    const kms = fakeKms();
    const cipher = EnvelopeCipher.withKmsKey(KMS_ARN_A, { clientProvider: kms.clientProvider });
    const sealed = await cipher.encrypt('one', CONTEXT);
    const err = await refusal(cipher.decrypt(sealed, { tenant: 'other', purpose: 'card-number' }));
    expect(err.code).toBe('CONTEXT_MISMATCH');
    expect(kms.calls.decrypt).toBe(0);
  });

  test('a message made under another KMS key is refused as WRONG_KEY', async () => {
    const kms = fakeKms();
    const a = EnvelopeCipher.withKmsKey(KMS_ARN_A, { clientProvider: kms.clientProvider });
    const b = EnvelopeCipher.withKmsKey(KMS_ARN_B, { clientProvider: kms.clientProvider });
    const err = await refusal(b.decrypt(await a.encrypt('one', CONTEXT), CONTEXT));
    expect(err.code).toBe('WRONG_KEY');
    expect(err.message).toContain(KMS_ARN_A);
  });

  test('KMS refusing access is reported as KEY_UNAVAILABLE', async () => {
    const kms = fakeKms();
    const cipher = EnvelopeCipher.withKmsKey(KMS_ARN_A, { clientProvider: kms.clientProvider });
    const sealed = await cipher.encrypt('one', CONTEXT);
    kms.failNextWith(Object.assign(new Error('not authorized to perform kms:Decrypt'), { name: 'AccessDeniedException' }));
    expect((await refusal(cipher.decrypt(sealed, CONTEXT))).code).toBe('KEY_UNAVAILABLE');
    expect((await refusal(cipher.encrypt('two', CONTEXT))).code).toBe('KEY_UNAVAILABLE');
  });
});
