import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EnvelopeEncryptionKey, KEY_ADMIN_ACTIONS } from '../../lib/constructs';
import { expectThrows } from '../helpers/constructs';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function keyPolicyStatements(template: Template): any[] {
  const keys = template.findResources('AWS::KMS::Key');
  const [key] = Object.values(keys) as any[];
  return key.Properties.KeyPolicy.Statement;
}


describe('EnvelopeEncryptionKey with defaults', () => {
  const stack = newStack();
  const key = new EnvelopeEncryptionKey(stack, 'PaymentsKey');
  const user = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  key.grantEncrypt(user);
  key.grantDecrypt(user, { tenant: 'acme', purpose: 'card' });
  const template = Template.fromStack(stack);
  const statements = keyPolicyStatements(template);

  test('is a symmetric key with rotation every 365 days', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      RotationPeriodInDays: 365,
      KeySpec: Match.absent(),
    });
  });

  test('is retained when the stack is deleted', () => {
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('has an alias derived from the construct path', () => {
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: Match.stringLikeRegexp('^alias/Stack-PaymentsKey-[A-Za-z0-9]+$'),
      TargetKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PaymentsKey'), 'Arn'] },
    });
  });

  test('exposes key, keyArn, keyId and alias', () => {
    expect(key.key.node.id).toBe('Resource');
    expect(stack.resolve(key.keyArn)).toEqual(stack.resolve(key.key.keyArn));
    expect(stack.resolve(key.keyId)).toEqual(stack.resolve(key.key.keyId));
    expect(stack.resolve(key.alias.aliasName)).toMatch(/^alias\/Stack-PaymentsKey/);
  });

  test('the key policy never grants kms:* or any wildcard action', () => {
    for (const s of statements) {
      const actions = [s.Action].flat();
      for (const a of actions) {
        expect(a).not.toContain('*');
      }
    }
  });

  test('the account root gets the named administrative actions, none of them cryptographic', () => {
    const admin = statements.find((s) => s.Sid === 'AccountAdministersKey');
    expect(admin).toBeDefined();
    expect(admin.Effect).toBe('Allow');
    expect(admin.Action).toEqual([...KEY_ADMIN_ACTIONS]);
    for (const a of [
      'kms:CreateAlias',
      'kms:DescribeKey',
      'kms:EnableKey',
      'kms:ListResourceTags',
      'kms:PutKeyPolicy',
      'kms:UpdateAlias',
      'kms:RevokeGrant',
      'kms:DisableKey',
      'kms:GetKeyPolicy',
      'kms:DeleteAlias',
      'kms:TagResource',
      'kms:UntagResource',
      'kms:ScheduleKeyDeletion',
      'kms:CancelKeyDeletion',
      'kms:RotateKeyOnDemand',
    ]) {
      expect(admin.Action).toContain(a);
    }
    for (const crypto of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:CreateGrant']) {
      expect(admin.Action).not.toContain(crypto);
    }
  });

  test('the account may delegate only GenerateDataKey and Decrypt to IAM, for its own callers', () => {
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'AccountDelegatesEnvelopeUseToIam',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Condition: { StringEquals: { 'kms:CallerAccount': { Ref: 'AWS::AccountId' } } },
      }),
    );
    expect(statements).toHaveLength(2);
  });

  test('grantEncrypt grants only kms:GenerateDataKey on the key ARN', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'kms:GenerateDataKey',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PaymentsKey'), 'Arn'] },
          },
        ]),
      },
    });
  });

  test('grantDecrypt grants only kms:Decrypt, bound to the encryption context', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'kms:Decrypt',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PaymentsKey'), 'Arn'] },
            Condition: {
              StringEquals: { 'kms:EncryptionContext:tenant': 'acme', 'kms:EncryptionContext:purpose': 'card' },
            },
          },
        ]),
      },
    });
  });

  test('no grant uses a wildcard action or resource', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    for (const p of Object.values(policies) as any[]) {
      for (const s of p.Properties.PolicyDocument.Statement) {
        expect([s.Action].flat().join()).not.toContain('*');
        expect(JSON.stringify(s.Resource)).not.toBe('"*"');
      }
    }
  });
});

describe('EnvelopeEncryptionKey with admins', () => {
  const stack = newStack();
  const admin = new iam.Role(stack, 'KeyAdmin', { assumedBy: new iam.AccountPrincipal('123456789012') });
  new EnvelopeEncryptionKey(stack, 'Key', { admins: [admin], alias: 'payments/cards', rotationPeriod: Duration.days(90) });
  const template = Template.fromStack(stack);
  const statements = keyPolicyStatements(template);
  const adminArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeyAdmin'), 'Arn'] };

  test('admins get the management actions and nothing cryptographic', () => {
    const allow = statements.find((s) => s.Sid === 'KeyAdministratorsManage');
    expect(allow.Effect).toBe('Allow');
    expect(allow.Action).toEqual([...KEY_ADMIN_ACTIONS]);
    expect(allow.Principal.AWS['Fn::GetAtt'][0]).toMatch(/^KeyAdmin/);
  });

  test('admins are explicitly denied every cryptographic action and grants', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'KeyAdministratorsCannotUse',
            Effect: 'Deny',
            Principal: { AWS: adminArn },
            Action: Match.arrayWith(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:CreateGrant']),
          }),
        ]),
      },
    });
  });

  test('the alias gets the alias/ prefix and the rotation period is used', () => {
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/payments/cards' });
    template.hasResourceProperties('AWS::KMS::Key', { RotationPeriodInDays: 90 });
  });
});

describe('EnvelopeEncryptionKey validation', () => {
  test.each([
    ['89 days', Duration.days(89), /got 89 days/],
    ['2561 days', Duration.days(2561), /got 2561 days/],
    ['a fraction of a day', Duration.hours(100 * 24 + 1), /got 100 days 1 hour/],
  ])('fails when rotationPeriod is %s', (_name, rotationPeriod, given) => {
    expectThrows(
      () => new EnvelopeEncryptionKey(newStack(), 'Key', { rotationPeriod }),
      'Stack/Key',
      'rotationPeriod must be a whole number of days from 90 to 2560',
      given,
      /Fix: use e\.g\. Duration\.days\(365\)/,
    );
  });

  test('skips the rotationPeriod check for tokens', () => {
    const stack = newStack();
    const days = Lazy.number({ produce: () => 180 });
    expect(() => new EnvelopeEncryptionKey(stack, 'Key', { rotationPeriod: Duration.days(days) })).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, RotationPeriodInDays: 180 });
  });

  test.each(['alias/aws/mine', 'bad alias!', 'alias/', ''])('fails when the alias is %j', (alias) => {
    expectThrows(() => new EnvelopeEncryptionKey(newStack(), 'Key', { alias }), `alias '${alias}'`, /Fix:/);
  });

  test('fails when an admin is the account root principal', () => {
    expectThrows(
      () => new EnvelopeEncryptionKey(newStack(), 'Key', { admins: [new iam.AccountRootPrincipal()] }),
      'admins[0] is the account root principal',
      /Fix: list the roles or users/,
    );
  });

  test('fails when a grant context uses a reserved or empty key', () => {
    const stack = newStack();
    const key = new EnvelopeEncryptionKey(stack, 'Key');
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expectThrows(() => key.grantDecrypt(role, { 'aws-crypto-public-key': 'x' }), "'aws-crypto-public-key' is reserved", /Fix:/);
    expectThrows(() => key.grantEncrypt(role, { '': 'x' }), 'key is empty', /Fix:/);
  });
});
