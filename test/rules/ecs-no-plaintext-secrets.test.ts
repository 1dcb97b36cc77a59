import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { EcsNoPlaintextSecrets } from '../../packs/rules/ecs/EcsNoPlaintextSecrets';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const T = 'AWS::ECS::TaskDefinition';
const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest');
const task = (environment: unknown, extra = {}) => cfn({ T: { Type: T, Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'nginx', Environment: environment }] } } }, extra);
const env = (name: unknown, value: unknown) => task([{ Name: 'STAGE', Value: 'prod' }, { Name: name, Value: value }]);

function l2(options: Partial<ecs.ContainerDefinitionOptions>) {
  const stack = new Stack(new App());
  const td = new ecs.FargateTaskDefinition(stack, 'T');
  td.addContainer('app', { image, ...options });
  return { stack, td };
}

describe('EcsNoPlaintextSecrets (FTG-ECS-3)', () => {
  describe('non-compliance', () => {
    test('L2 container with a password in environment', () => {
      expect(statusOf(EcsNoPlaintextSecrets, l2({ environment: { DB_PASSWORD: 'hunter2', STAGE: 'prod' } }).stack, T)).toBe('non-compliant');
    });
    test('L1 API key, with a detail naming the variable', () => {
      expect(outcomes(EcsNoPlaintextSecrets, env('stripeApiKey', 'sk_live_123')).T)
        .toEqual({ status: 'non-compliant', detail: expect.stringContaining('Environment stripeApiKey has a literal value') });
    });
    test('L1 token from a plaintext SSM parameter', () => {
      expect(statusOf(EcsNoPlaintextSecrets, env('GITHUB_TOKEN', '{{resolve:ssm:/app/token}}'), T)).toBe('non-compliant');
    });
    test('escape hatch adding a secret to the environment', () => {
      const { stack, td } = l2({ environment: { STAGE: 'prod' } });
      (td.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('ContainerDefinitions.0.Environment', [{ Name: 'PRIVATE_KEY', Value: '-----BEGIN' }]);
      expect(statusOf(EcsNoPlaintextSecrets, stack, T)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 container with the secret passed through secrets', () => {
      const stack = new Stack(new App());
      const secret = new secretsmanager.Secret(stack, 'S');
      new ecs.FargateTaskDefinition(stack, 'T').addContainer('app', { image, environment: { STAGE: 'prod', DB_SECRET_ARN: secret.secretArn }, secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password') } });
      expect(statusOf(EcsNoPlaintextSecrets, stack, T)).toBe('compliant');
    });
    test('L1 empty value, pointers and booleans', () => {
      const t = task([
        { Name: 'API_TOKEN', Value: '' },
        { Name: 'TOKEN_URL', Value: 'https://auth.example.com/token' },
        { Name: 'SECRET_NAME', Value: 'prod/db' },
        { Name: 'REQUIRE_TOKEN', Value: 'true' },
        { Name: 'CREDENTIALS', Value: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:x' },
      ]);
      expect(statusOf(EcsNoPlaintextSecrets, t, T)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(EcsNoPlaintextSecrets, cfn({ S: { Type: 'AWS::SecretsManager::Secret', Properties: {} } }), 'AWS::SecretsManager::Secret')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('Ref to a parameter (even with a default) is not a literal in the task definition code', () => {
      expect(statusOf(EcsNoPlaintextSecrets, env('DB_PASSWORD', { Ref: 'Pw' }), T)).toBe('compliant');
      expect(statusOf(EcsNoPlaintextSecrets, { ...env('DB_PASSWORD', { Ref: 'Pw' }), Parameters: { Pw: { Type: 'String', NoEcho: true, Default: 'x' } } }, T)).toBe('compliant');
    });
    test('Name parameter whose allowed values include a secret name, with a literal value, is non-compliant', () => {
      expect(statusOf(EcsNoPlaintextSecrets, { ...env({ Ref: 'N' }, 'abc'), Parameters: { N: { Type: 'String', AllowedValues: ['STAGE2', 'AUTH_TOKEN'] } } }, T)).toBe('non-compliant');
    });
    test('Name parameter with a harmless default is compliant', () => {
      expect(statusOf(EcsNoPlaintextSecrets, { ...env({ Ref: 'N' }, 'abc'), Parameters: { N: { Type: 'String', Default: 'STAGE2' } } }, T)).toBe('compliant');
    });
    test('Name parameter without default, with a literal value, is unverifiable', () => {
      expect(statusOf(EcsNoPlaintextSecrets, { ...env({ Ref: 'N' }, 'abc'), Parameters: { N: { Type: 'String' } } }, T)).toBe('unverifiable');
    });
    test('Fn::If with a literal secret in one branch is non-compliant', () => {
      expect(statusOf(EcsNoPlaintextSecrets, env('DB_PASSWORD', { 'Fn::If': ['Dev', 'devpass', '{{resolve:secretsmanager:prod/db}}'] }), T)).toBe('non-compliant');
    });
    test('Fn::If with pointers in both branches is compliant', () => {
      expect(statusOf(EcsNoPlaintextSecrets, env('DB_PASSWORD', { 'Fn::If': ['Dev', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:dev', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod'] }), T)).toBe('compliant');
    });
    test('a Secrets Manager dynamic reference in Environment is resolved into the task definition in plain text', () => {
      const o = outcomes(EcsNoPlaintextSecrets, env('DB_PASSWORD', '{{resolve:secretsmanager:prod/db:SecretString:password}}'));
      expect(Object.values(o).find((x) => x.status !== 'not-applicable')).toMatchObject({ status: 'non-compliant', detail: expect.stringMatching(/dynamic reference/) });
    });
    test('a secret written in a mapping (Fn::FindInMap) is a literal', () => {
      expect(statusOf(EcsNoPlaintextSecrets, { ...env('API_KEY', { 'Fn::FindInMap': ['Keys', 'prod', 'api'] }), Mappings: { Keys: { prod: { api: 'k-123' } } } }, T)).toBe('non-compliant');
    });
    test('GetAtt for the value is compliant (not in the template), and an imported environment list is unverifiable', () => {
      expect(statusOf(EcsNoPlaintextSecrets, env('DB_PASSWORD', { 'Fn::GetAtt': ['X', 'Password'] }), T)).toBe('compliant');
      expect(statusOf(EcsNoPlaintextSecrets, task({ 'Fn::ImportValue': 'Env' }), T)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(EcsNoPlaintextSecrets, env('stripeApiKey', 'sk_live_123'), { language: 'ja' }).T).toEqual({
        status: 'non-compliant',
        detail: 'コンテナ "app" の Environment stripeApiKey にテンプレート内のリテラル値が入っています。代わりに Secrets で渡してください',
      });
      const dynamic = env('GITHUB_TOKEN', '{{resolve:ssm:/app/token}}');
      expect(outcomes(EcsNoPlaintextSecrets, dynamic).T).toEqual({
        status: 'non-compliant',
        detail: 'container "app" Environment GITHUB_TOKEN is a dynamic reference that CloudFormation resolves into the task definition in plain text; pass it through Secrets instead',
      });
      expect(outcomes(EcsNoPlaintextSecrets, dynamic, { language: 'ja' }).T).toEqual({
        status: 'non-compliant',
        detail: 'コンテナ "app" の Environment GITHUB_TOKEN は動的参照で、CloudFormation が解決してタスク定義に平文で格納します。代わりに Secrets で渡してください',
      });
      const opaqueName = { ...env({ 'Fn::GetAtt': ['X', 'Name'] }, 'hunter2') };
      opaqueName.Resources.X = { Type: 'Custom::X' };
      expect(outcomes(EcsNoPlaintextSecrets, opaqueName, { language: 'ja' }).T).toEqual({
        status: 'unverifiable',
        detail: 'コンテナ "app" の Environment に、Name がデプロイ時にしか決まらず値がリテラルのエントリがあります',
      });
      expect(outcomes(EcsNoPlaintextSecrets, env({ Ref: 'N' }, 'hunter2'), { language: 'ja' }).T).toEqual({
        status: 'unverifiable',
        detail: 'コンテナ "app" の Environment のエントリ: Name: "N" への Ref ですが、テンプレートのパラメータでもリソースでもありません。値はリテラルです',
      });
    });
  });
});
