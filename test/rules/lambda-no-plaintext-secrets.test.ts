import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { LambdaNoPlaintextSecrets } from '../../packs/rules/lambda/LambdaNoPlaintextSecrets';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::Lambda::Function';
const fn = (variables: unknown) => ({
  F: { Type: T, Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Environment: { Variables: variables } } },
});

function l2(environment: (stack: Stack) => Record<string, string>): Stack {
  const stack = new Stack(new App());
  new lambda.Function(stack, 'F', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), environment: environment(stack) });
  return stack;
}

describe('LambdaNoPlaintextSecrets (FTG-LAMBDA-2)', () => {
  describe('non-compliance', () => {
    test('a NoEcho parameter, whatever the variable is called (the template hides it; the function configuration shows it)', () => {
      const t = cfn(fn({ LINE_CHANNEL_ACCESS_TOKEN: { Ref: 'Token' }, UPSTREAM: { Ref: 'Hidden' } }), { Parameters: { Token: { Type: 'String', NoEcho: true }, Hidden: { Type: 'String', NoEcho: 'true' } } });
      expect(outcomes(LambdaNoPlaintextSecrets, t).F).toEqual({
        status: 'non-compliant',
        detail: 'environment variable LINE_CHANNEL_ACCESS_TOKEN is the NoEcho parameter "Token": the value the template hides is stored in the function configuration in plain text',
      });
      const plain = cfn(fn({ UPSTREAM: { Ref: 'Visible' } }), { Parameters: { Visible: { Type: 'String' } } });
      expect(statusOf(LambdaNoPlaintextSecrets, plain, T)).toBe('compliant');
    });
    test('a secret-valued attribute (Cognito client secret, IAM secret access key), in either GetAtt form', () => {
      const t = cfn({ ...fn({ COGNITO_CLIENT: { 'Fn::GetAtt': 'Client.ClientSecret' } }), Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'p', GenerateSecret: true } } });
      expect(outcomes(LambdaNoPlaintextSecrets, t).F).toEqual({
        status: 'non-compliant',
        detail: 'environment variable COGNITO_CLIENT is ClientSecret of Client, the secret value itself, stored in the function configuration in plain text',
      });
      const key = cfn({ ...fn({ KEY: { 'Fn::GetAtt': ['K', 'SecretAccessKey'] } }), K: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'u' } } });
      expect(statusOf(LambdaNoPlaintextSecrets, key, T)).toBe('non-compliant');
      const id = cfn({ ...fn({ CLIENT_SECRET_HOLDER: { 'Fn::GetAtt': ['Client', 'ClientId'] } }), Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'p' } } });
      expect(statusOf(LambdaNoPlaintextSecrets, id, T)).toBe('compliant');
    });
    test('L2 function with a literal API key', () => {
      expect(statusOf(LambdaNoPlaintextSecrets, l2(() => ({ STRIPE_API_KEY: 'sk_live_abc123' })), T)).toBe('non-compliant');
    });
    test('L2 function with secretValue.unsafeUnwrap() (a dynamic reference)', () => {
      const stack = l2((s) => ({ DB_PASSWORD: new secretsmanager.Secret(s, 'S').secretValueFromJson('password').unsafeUnwrap() }));
      const o = Object.values(outcomes(LambdaNoPlaintextSecrets, stack)).find((x) => x.status !== 'not-applicable')!;
      expect(o.status).toBe('non-compliant');
      expect(o.status === 'non-compliant' && o.detail).toContain('dynamic reference');
    });
    test('L2 function with SecretValue.secretsManager by name (literal dynamic reference)', () => {
      expect(statusOf(LambdaNoPlaintextSecrets, l2(() => ({ AUTH_TOKEN: SecretValue.secretsManager('prod/token').unsafeUnwrap() })), T)).toBe('non-compliant');
    });
    test('escape hatch adds a password variable', () => {
      const stack = new Stack(new App());
      const f = new lambda.Function(stack, 'F', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
      (f.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Environment.Variables.Password', 'hunter2');
      expect(statusOf(LambdaNoPlaintextSecrets, stack, T)).toBe('non-compliant');
    });
    test('L1 variables named like secrets with literal values (case-insensitive names)', () => {
      for (const name of ['db_passwd', 'PrivateKey', 'AWS_SECRET_ACCESS_KEY', 'ApiKey', 'OAUTH_CLIENT_CREDENTIALS']) {
        expect(statusOf(LambdaNoPlaintextSecrets, cfn(fn({ [name]: 'value-123' })), T)).toBe('non-compliant');
      }
    });
  });

  describe('compliance', () => {
    test('L2 function passing the secret ARN (Ref to the secret)', () => {
      expect(statusOf(LambdaNoPlaintextSecrets, l2((s) => ({ DB_SECRET: new secretsmanager.Secret(s, 'S').secretArn })), T)).toBe('compliant');
    });
    test('L1 references, names, paths and unrelated variables', () => {
      const t = cfn(fn({
        DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db',
        API_KEY_PARAMETER_NAME: 'prod-api-key',
        TOKEN_TTL: '3600',
        DB_PASSWORD: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf',
        SIGNING_KEY_PATH: '/prod/signing-key',
        JWT_SECRET: '/prod/jwt-secret',
        ENABLE_TOKEN_CACHE: 'true',
        EMPTY_TOKEN: '',
        LOG_LEVEL: 'debug',
      }));
      expect(statusOf(LambdaNoPlaintextSecrets, t, T)).toBe('compliant');
    });
    test('L1 function without environment', () => {
      const t = cfn({ F: { Type: T, Properties: { Runtime: 'python3.13', Handler: 'a.b', Role: 'r', Code: { ZipFile: 'x' } } } });
      expect(statusOf(LambdaNoPlaintextSecrets, t, T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(LambdaNoPlaintextSecrets, cfn({ S: { Type: 'AWS::SecretsManager::Secret' } }), 'AWS::SecretsManager::Secret')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('parameter with an ARN default is compliant; with a literal default non-compliant', () => {
      const t = (d: string) => cfn(fn({ API_TOKEN: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', Default: d } } });
      expect(statusOf(LambdaNoPlaintextSecrets, t('arn:aws:ssm:ap-northeast-1:123456789012:parameter/token'), T)).toBe('compliant');
      expect(statusOf(LambdaNoPlaintextSecrets, t('abc'), T)).toBe('non-compliant');
    });
    test('parameter with allowed values including a literal secret is non-compliant', () => {
      const t = cfn(fn({ API_TOKEN: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', AllowedValues: ['/prod/token', 'letmein'] } } });
      expect(statusOf(LambdaNoPlaintextSecrets, t, T)).toBe('non-compliant');
    });
    test('parameter without default is unverifiable (with NoEcho it is the secret itself: non-compliant)', () => {
      expect(statusOf(LambdaNoPlaintextSecrets, cfn(fn({ API_TOKEN: { Ref: 'P' } }), { Parameters: { P: { Type: 'String' } } }), T)).toBe('unverifiable');
      expect(statusOf(LambdaNoPlaintextSecrets, cfn(fn({ API_TOKEN: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', NoEcho: true } } }), T)).toBe('non-compliant');
    });
    test('Fn::If with a literal secret in one branch is non-compliant', () => {
      expect(statusOf(LambdaNoPlaintextSecrets, cfn(fn({ API_TOKEN: { 'Fn::If': ['Dev', 'dev-token', { Ref: 'AWS::NoValue' }] } })), T)).toBe('non-compliant');
    });
    test('Fn::If with references in both branches is compliant', () => {
      const t = cfn({ ...fn({ API_TOKEN_SECRET: { 'Fn::If': ['Dev', { Ref: 'S' }, 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x'] } }), S: { Type: 'AWS::SecretsManager::Secret' } });
      expect(statusOf(LambdaNoPlaintextSecrets, t, T)).toBe('compliant');
    });
    test('GetAtt is compliant; a Sub building a dynamic reference is non-compliant', () => {
      expect(statusOf(LambdaNoPlaintextSecrets, cfn({ ...fn({ API_KEY: { 'Fn::GetAtt': ['X', 'Arn'] } }), X: { Type: 'Custom::X' } }), T)).toBe('compliant');
      const sub = cfn({ ...fn({ API_KEY: { 'Fn::Sub': '{{resolve:secretsmanager:${S}:SecretString:key}}' } }), S: { Type: 'AWS::SecretsManager::Secret' } });
      expect(statusOf(LambdaNoPlaintextSecrets, sub, T)).toBe('non-compliant');
    });
    test('Environment.Variables from an opaque value is unverifiable', () => {
      expect(statusOf(LambdaNoPlaintextSecrets, cfn({ ...fn({ 'Fn::GetAtt': ['X', 'Vars'] }), X: { Type: 'Custom::X' } }), T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      const literal = cfn(fn({ DB_PASSWORD: { Ref: 'P' } }), { Parameters: { P: { Type: 'String', Default: 'hunter2' } } });
      expect(outcomes(LambdaNoPlaintextSecrets, literal).F)
        .toEqual({ status: 'non-compliant', detail: 'environment variable DB_PASSWORD holds a literal value (parameter "P" default "hunter2")' });
      expect(outcomes(LambdaNoPlaintextSecrets, literal, { language: 'ja' }).F)
        .toEqual({ status: 'non-compliant', detail: '環境変数 DB_PASSWORD にリテラルの値が入っています（パラメータ "P" の既定値 "hunter2"）' });
      const dynamic = cfn(fn({ API_TOKEN: '{{resolve:secretsmanager:prod/api:SecretString:token}}' }));
      expect(outcomes(LambdaNoPlaintextSecrets, dynamic).F).toEqual({
        status: 'non-compliant',
        detail: 'environment variable API_TOKEN is a dynamic reference: CloudFormation resolves it and stores the secret in the function configuration in plain text',
      });
      expect(outcomes(LambdaNoPlaintextSecrets, dynamic, { language: 'ja' }).F).toEqual({
        status: 'non-compliant',
        detail: '環境変数 API_TOKEN が動的参照です。CloudFormation がこれを解決し、秘密情報を関数設定に平文で格納します',
      });
      const noDefault = cfn(fn({ DB_PASSWORD: { Ref: 'P' } }), { Parameters: { P: { Type: 'String' } } });
      expect(outcomes(LambdaNoPlaintextSecrets, noDefault, { language: 'ja' }).F).toEqual({
        status: 'unverifiable',
        detail: '環境変数 DB_PASSWORD: パラメータ "P" への Ref で、既定値も許可値もありません。値が秘密情報そのものなら平文で保存されます',
      });
      expect(outcomes(LambdaNoPlaintextSecrets, cfn(fn({ DB_PASSWORD: [1] })), { language: 'ja' }).F).toEqual({ status: 'unverifiable', detail: '環境変数 DB_PASSWORD が [1] です' });
      const imported = cfn(fn({ 'Fn::GetAtt': ['X', 'Variables'] }));
      imported.Resources.X = { Type: 'Custom::X' };
      expect(outcomes(LambdaNoPlaintextSecrets, imported, { language: 'ja' }).F)
        .toEqual({ status: 'unverifiable', detail: 'Environment.Variables は {Fn::GetAtt X} で、デプロイ時にしか決まりません' });
    });
  });
});
