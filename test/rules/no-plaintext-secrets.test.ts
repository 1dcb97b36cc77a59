import { App, CfnParameter, SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { NoPlaintextSecrets } from '../../packs/rules/general/NoPlaintextSecrets';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const DB = 'AWS::RDS::DBInstance';
const db = (MasterUserPassword: unknown, extra = {}) => cfn({ D: { Type: DB, Properties: { Engine: 'postgres', MasterUsername: 'admin', MasterUserPassword } } }, extra);
const SM_REF = '{{resolve:secretsmanager:prod/db:SecretString:password}}';

describe('NoPlaintextSecrets (FTG-GEN-1)', () => {
  describe('non-compliance', () => {
    test('L2 secret with a plain-text value', () => {
      const stack = new Stack(new App());
      new secretsmanager.Secret(stack, 'S', { secretStringValue: SecretValue.unsafePlainText('hunter2') });
      expect(statusOf(NoPlaintextSecrets, stack, 'AWS::SecretsManager::Secret')).toBe('non-compliant');
    });
    test('L2 user with a plain-text password; the detail does not print it', () => {
      const stack = new Stack(new App());
      new iam.User(stack, 'U', { password: SecretValue.unsafePlainText('hunter2') });
      const o = Object.values(outcomes(NoPlaintextSecrets, stack))[0];
      expect(o).toEqual({ status: 'non-compliant', detail: 'LoginProfile.Password is a literal value in the template' });
      expect(JSON.stringify(o)).not.toContain('hunter2');
    });
    test('L1 literal master password, and one from a parameter without NoEcho', () => {
      expect(statusOf(NoPlaintextSecrets, db('Passw0rd!'), DB)).toBe('non-compliant');
      const o = outcomes(NoPlaintextSecrets, db({ Ref: 'Pw' }, { Parameters: { Pw: { Type: 'String' } } })).D;
      expect(o).toEqual({ status: 'non-compliant', detail: expect.stringContaining('parameter "Pw" without NoEcho') });
    });
    test('a NoEcho parameter with a Default (the default is in the template)', () => {
      expect(statusOf(NoPlaintextSecrets, db({ Ref: 'Pw' }, { Parameters: { Pw: { Type: 'String', NoEcho: true, Default: 'Passw0rd!' } } }), DB)).toBe('non-compliant');
    });
    test('every covered resource type with a literal secret', () => {
      const t = cfn({
        Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { MasterUserPassword: 'x1' } },
        DocDb: { Type: 'AWS::DocDB::DBCluster', Properties: { MasterUserPassword: 'x2' } },
        Redshift: { Type: 'AWS::Redshift::Cluster', Properties: { MasterUserPassword: 'x3' } },
        Redis: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { AuthToken: 'x4' } },
        Search: { Type: 'AWS::OpenSearchService::Domain', Properties: { AdvancedSecurityOptions: { MasterUserOptions: { MasterUserName: 'a', MasterUserPassword: 'x5' } } } },
        Es: { Type: 'AWS::Elasticsearch::Domain', Properties: { AdvancedSecurityOptions: { MasterUserOptions: { MasterUserPassword: 'x6' } } } },
        Mq: { Type: 'AWS::AmazonMQ::Broker', Properties: { Users: [{ Username: 'a', Password: SM_REF }, { Username: 'b', Password: 'x7' }] } },
        Ad: { Type: 'AWS::DirectoryService::MicrosoftAD', Properties: { Password: 'x8' } },
        Simple: { Type: 'AWS::DirectoryService::SimpleAD', Properties: { Password: 'x9' } },
        Dms: { Type: 'AWS::DMS::Endpoint', Properties: { Password: 'x10' } },
        Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Name: '/app/db/password', Value: 'x11' } },
      });
      expect(new Set(Object.values(statuses(NoPlaintextSecrets, t)))).toEqual(new Set(['non-compliant']));
      expect(outcomes(NoPlaintextSecrets, t).Mq).toEqual({ status: 'non-compliant', detail: 'Users[1].Password is a literal value in the template' });
    });
    test('an SSM parameter whose logical ID says it holds a token', () => {
      expect(statusOf(NoPlaintextSecrets, cfn({ ApiTokenParam: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'abc' } } }), 'AWS::SSM::Parameter')).toBe('non-compliant');
    });
    test('values from Fn::ImportValue and from Mappings', () => {
      expect(statusOf(NoPlaintextSecrets, db({ 'Fn::ImportValue': 'DbPassword' }), DB)).toBe('non-compliant');
      expect(statusOf(NoPlaintextSecrets, db({ 'Fn::FindInMap': ['Pw', 'prod', 'db'] }, { Mappings: { Pw: { prod: { db: 'x' } } } }), DB)).toBe('non-compliant');
    });
    test('a plain SSM dynamic reference (not encrypted)', () => {
      expect(statusOf(NoPlaintextSecrets, db({ 'Fn::Join': ['', ['{{resolve:ssm:', '/db/pw', '}}']] }), DB)).toBe('non-compliant');
    });
    test('escape hatch writes a literal password', () => {
      const stack = new Stack(new App());
      const u = new iam.User(stack, 'U', { password: SecretValue.secretsManager('prod/console') });
      (u.node.defaultChild as iam.CfnUser).addPropertyOverride('LoginProfile.Password', 'hunter2');
      expect(statusOf(NoPlaintextSecrets, stack, 'AWS::IAM::User')).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 generated secret, dynamic references and a NoEcho parameter', () => {
      const stack = new Stack(new App());
      new secretsmanager.Secret(stack, 'S');
      new iam.User(stack, 'U1', { password: SecretValue.secretsManager('arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:pw') });
      new iam.User(stack, 'U2', { password: SecretValue.ssmSecure('/console/pw') });
      new iam.User(stack, 'U3', { password: SecretValue.cfnParameter(new CfnParameter(stack, 'Pw', { noEcho: true })) });
      expect(new Set(Object.values(statuses(NoPlaintextSecrets, stack)))).toEqual(new Set(['compliant']));
    });
    test('L2 secret object with a plain username and a referenced password (Join)', () => {
      const stack = new Stack(new App());
      const pw = new CfnParameter(stack, 'Pw', { noEcho: true });
      new secretsmanager.Secret(stack, 'S', { secretObjectValue: { username: SecretValue.unsafePlainText('admin'), password: SecretValue.cfnParameter(pw) } });
      expect(statusOf(NoPlaintextSecrets, stack, 'AWS::SecretsManager::Secret')).toBe('compliant');
    });
    test('RDS with a dynamic reference built with Join (as CDK writes it) and with ManageMasterUserPassword', () => {
      const t = cfn({
        S: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { GenerateStringKey: 'password', SecretStringTemplate: '{"username":"admin"}' } } },
        D: { Type: DB, Properties: { MasterUserPassword: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'S' }, ':SecretString:password::}}']] } } },
        M: { Type: DB, Properties: { ManageMasterUserPassword: true } },
      });
      expect(statuses(NoPlaintextSecrets, t, DB)).toEqual({ D: 'compliant', M: 'compliant' });
    });
    test('literal dynamic reference and Sub with a NoEcho parameter', () => {
      expect(statusOf(NoPlaintextSecrets, db(SM_REF), DB)).toBe('compliant');
      const t = cfn({ S: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: { 'Fn::Sub': '{"username":"admin","password":"${Pw}"}' } } } }, { Parameters: { Pw: { Type: 'String', NoEcho: 'true' } } });
      expect(statusOf(NoPlaintextSecrets, t, 'AWS::SecretsManager::Secret')).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('an SSM parameter that does not hold a secret', () => {
      expect(statusOf(NoPlaintextSecrets, cfn({ P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Name: '/app/feature-flags', Value: 'on' } } }), 'AWS::SSM::Parameter')).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(NoPlaintextSecrets, cfn({ B: { Type: 'AWS::S3::Bucket' } }), 'AWS::S3::Bucket')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    const ssm = (Name: unknown, Parameters: Record<string, unknown> = {}) =>
      cfn({ P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Name, Value: 'abc' } } }, { Parameters });
    test('SSM parameter name from a parameter whose default is a secret name is non-compliant', () => {
      expect(statusOf(NoPlaintextSecrets, ssm({ Ref: 'N' }, { N: { Type: 'String', Default: '/app/api-key' } }), 'AWS::SSM::Parameter')).toBe('non-compliant');
    });
    test('SSM parameter name from allowed values including a secret name is non-compliant', () => {
      expect(statusOf(NoPlaintextSecrets, ssm({ Ref: 'N' }, { N: { Type: 'String', AllowedValues: ['/app/colour', '/app/password'] } }), 'AWS::SSM::Parameter')).toBe('non-compliant');
    });
    test('SSM parameter name from a parameter without default is unverifiable', () => {
      expect(statusOf(NoPlaintextSecrets, ssm({ Ref: 'N' }, { N: { Type: 'String' } }), 'AWS::SSM::Parameter')).toBe('unverifiable');
    });
    test('SSM parameter name from GetAtt is unverifiable', () => {
      expect(statusOf(NoPlaintextSecrets, cfn({ P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Name: { 'Fn::GetAtt': ['X', 'N'] }, Value: 'abc' } }, X: { Type: 'Custom::X' } }), 'AWS::SSM::Parameter')).toBe('unverifiable');
    });
    test('Fn::If with a literal password in one branch is non-compliant', () => {
      expect(statusOf(NoPlaintextSecrets, db({ 'Fn::If': ['Dev', 'devpass', SM_REF] }), DB)).toBe('non-compliant');
    });
    test('Fn::If around the whole LoginProfile with a literal in one branch is non-compliant', () => {
      const t = cfn({ U: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { 'Fn::If': ['Dev', { Password: 'devpass' }, { Ref: 'AWS::NoValue' }] } } } });
      expect(statusOf(NoPlaintextSecrets, t, 'AWS::IAM::User')).toBe('non-compliant');
    });
    test('Fn::If with dynamic references in both branches is compliant', () => {
      expect(statusOf(NoPlaintextSecrets, db({ 'Fn::If': ['Dev', SM_REF, '{{resolve:ssm-secure:/db/pw:1}}'] }), DB)).toBe('compliant');
    });
    test('a password from GetAtt of another resource is compliant', () => {
      expect(statusOf(NoPlaintextSecrets, cfn({ D: { Type: DB, Properties: { MasterUserPassword: { 'Fn::GetAtt': ['Gen', 'Password'] } } }, Gen: { Type: 'Custom::Gen' } }), DB)).toBe('compliant');
    });
    test('a password built with Fn::Base64 is unverifiable', () => {
      expect(statusOf(NoPlaintextSecrets, db({ 'Fn::Base64': { Ref: 'AWS::StackName' } }), DB)).toBe('unverifiable');
    });
  });
  describe('details', () => {
    test('in English and Japanese', () => {
      expect(outcomes(NoPlaintextSecrets, db('hunter2')).D).toEqual({ status: 'non-compliant', detail: 'MasterUserPassword is a literal value in the template' });
      expect(outcomes(NoPlaintextSecrets, db('hunter2'), { language: 'ja' }).D)
        .toEqual({ status: 'non-compliant', detail: 'MasterUserPassword がテンプレートにリテラル値で書かれています' });
      const param = db({ Ref: 'Pw' }, { Parameters: { Pw: { Type: 'String' } } });
      expect(outcomes(NoPlaintextSecrets, param, { language: 'ja' }).D).toEqual({
        status: 'non-compliant',
        detail: 'MasterUserPassword は NoEcho のないパラメータ "Pw" から取得されており、その値は CloudFormation のコンソールと API で表示されます',
      });
      expect(outcomes(NoPlaintextSecrets, db({ 'Fn::Base64': 'x' }), { language: 'ja' }).D)
        .toEqual({ status: 'unverifiable', detail: 'MasterUserPassword は Fn::Base64 で組み立てられており、デプロイ前には検証できません' });
      const ssm = cfn({ P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Name: { 'Fn::GetAtt': ['X', 'Name'] }, Value: 'abc' } } });
      expect(outcomes(NoPlaintextSecrets, ssm, { language: 'ja' }).P).toEqual({
        status: 'unverifiable',
        detail: 'Name がデプロイ時にしか決まらないため、リテラルの Value がシークレットかどうか判断できません（Value がテンプレートにリテラル値で書かれています）',
      });
    });
  });
});
