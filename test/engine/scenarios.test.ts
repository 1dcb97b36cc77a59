/**
 * Conditions as scenarios: the Conditions section is evaluated, linked conditions are judged
 * together, conditional resources exist only where their condition holds, AllowedPattern narrows a
 * parameter, and region-dependent conditions follow the region when it is known.
 */
import { ConditionModel } from '../../packs/engine/scenario';
import { MAX_SCENARIOS } from '../../packs/engine/evaluate';
import { RdsStorageEncrypted } from '../../packs/rules/rds/RdsStorageEncrypted';
import { LoadBalancerDropInvalidHeaders } from '../../packs/rules/elbv2/LoadBalancerDropInvalidHeaders';
import { S3BucketTlsOnly } from '../../packs/rules/s3/S3BucketTlsOnly';
import { S3BucketEncrypted } from '../../packs/rules/s3/S3BucketEncrypted';
import { SecurityGroupNoOpenIngress } from '../../packs/rules/ec2/SecurityGroupNoOpenIngress';
import { KinesisStreamEncrypted } from '../../packs/rules/kinesis/KinesisStreamEncrypted';
import { SqsQueueEncrypted } from '../../packs/rules/sqs/SqsQueueEncrypted';
import { LogGroupRetention } from '../../packs/rules/logs/LogGroupRetention';
import { RdsMultiAz } from '../../packs/rules/rds/RdsMultiAz';
import { IamUserNoConsolePassword } from '../../packs/rules/iam/IamUserNoConsolePassword';
import { CloudTrailMultiRegion } from '../../packs/rules/cloudtrail/CloudTrailMultiRegion';
import { cfn, outcomes } from '../helpers/rules';
import { RuleDefinition } from '../../packs/engine/rule';

const ENV = { Env: { Type: 'String', AllowedValues: ['prod', 'dev'], Default: 'dev' } };
const IS_PROD = { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };

describe('the Conditions section', () => {
  test('static conditions, parameter domains and linked conditions', () => {
    const m = new ConditionModel({
      Parameters: { ...ENV, Free: { Type: 'String' }, WithDefault: { Type: 'String', Default: 'x' } },
      Conditions: {
        ...IS_PROD,
        IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
        NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
        Never: { 'Fn::Equals': ['a', 'b'] },
        Always: { 'Fn::Or': [{ 'Fn::Equals': ['a', 'a'] }, { Condition: 'Free1' }] },
        Free1: { 'Fn::Equals': [{ Ref: 'Free' }, 'on'] },
        Defaulted: { 'Fn::Equals': [{ Ref: 'WithDefault' }, 'x'] },
        Both: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'IsDev' }] },
      },
    });
    expect(m.staticValue('Never')).toBe(false);
    expect(m.staticValue('Always')).toBe(true);
    expect(m.staticValue('Both')).toBe(false); // Env cannot be prod and dev at once
    expect(m.staticValue('Defaulted')).toBe(true); // a parameter with only a default takes it
    expect(m.staticValue('IsProd')).toBeUndefined();
    expect(m.staticValue('Free1')).toBeUndefined();
    expect(m.consistent(new Map([['IsProd', true], ['IsDev', true]]))).toBe(false);
    expect(m.consistent(new Map([['IsProd', true], ['NotProd', true]]))).toBe(false);
    expect(m.consistent(new Map([['IsProd', false], ['IsDev', true]]))).toBe(true);
  });

  test('parameter values given for the deployment decide conditions', () => {
    const m = new ConditionModel({ Parameters: ENV, Conditions: IS_PROD }, { parameters: { Env: 'prod' } });
    expect(m.staticValue('IsProd')).toBe(true);
  });

  test('AllowedPattern leaves out literals the parameter cannot be', () => {
    const m = new ConditionModel({
      Parameters: { Stage: { Type: 'String', AllowedPattern: '[a-z]+' } },
      Conditions: { Numeric: { 'Fn::Equals': [{ Ref: 'Stage' }, '42'] }, Named: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    });
    expect(m.staticValue('Numeric')).toBe(false);
    expect(m.staticValue('Named')).toBeUndefined();
  });

  test('region conditions follow the known region, and stay open without one', () => {
    const tpl = { Conditions: { China: { 'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'cn-north-1'] }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'cn-northwest-1'] }] } } };
    expect(new ConditionModel(tpl, { regions: ['ap-northeast-1'] }).staticValue('China')).toBe(false);
    expect(new ConditionModel(tpl, { regions: ['cn-north-1'] }).staticValue('China')).toBe(true);
    expect(new ConditionModel(tpl, { regions: ['ap-northeast-1', 'cn-north-1'] }).staticValue('China')).toBeUndefined();
    expect(new ConditionModel(tpl).staticValue('China')).toBeUndefined();
    const part = { Conditions: { Commercial: { 'Fn::Equals': [{ Ref: 'AWS::Partition' }, 'aws'] } } };
    expect(new ConditionModel(part, { regions: ['ap-northeast-1'] }).staticValue('Commercial')).toBe(true);
    expect(new ConditionModel(part, { regions: ['cn-north-1'] }).staticValue('Commercial')).toBe(false);
  });
});

describe('linked conditions: properties under one condition are judged together', () => {
  test('a load balancer whose Type and attributes share a condition (ALB drops invalid headers, NLB has no such attribute)', () => {
    const t = cfn({
      LB: {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: {
          Type: { 'Fn::If': ['IsAlb', 'application', 'network'] },
          LoadBalancerAttributes: { 'Fn::If': ['IsAlb', [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }], []] },
        },
      },
    }, { Parameters: { Kind: { Type: 'String', AllowedValues: ['alb', 'nlb'] } }, Conditions: { IsAlb: { 'Fn::Equals': [{ Ref: 'Kind' }, 'alb'] } } });
    expect(outcomes(LoadBalancerDropInvalidHeaders, t).LB.status).toBe('compliant');
  });

  test('an RDS instance that is either a member of an encrypted cluster or encrypted itself', () => {
    const t = cfn({
      Cluster: { Type: 'AWS::RDS::DBCluster', Condition: 'InCluster', Properties: { Engine: 'aurora-postgresql', StorageEncrypted: true } },
      Db: {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          Engine: { 'Fn::If': ['InCluster', 'aurora-postgresql', 'postgres'] },
          DBClusterIdentifier: { 'Fn::If': ['InCluster', { Ref: 'Cluster' }, { Ref: 'AWS::NoValue' }] },
          StorageEncrypted: { 'Fn::If': ['InCluster', { Ref: 'AWS::NoValue' }, true] },
        },
      },
    }, { Parameters: { Mode: { Type: 'String', AllowedValues: ['cluster', 'single'] } }, Conditions: { InCluster: { 'Fn::Equals': [{ Ref: 'Mode' }, 'cluster'] } } });
    expect(outcomes(RdsStorageEncrypted, t).Db.status).toBe('compliant');
  });

  test('opposite branches of one condition are never combined; the failing scenario is named', () => {
    const t = cfn({
      U: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, { Password: 'x' }] } } },
    }, { Parameters: ENV, Conditions: IS_PROD });
    expect(outcomes(IamUserNoConsolePassword, t).U).toMatchObject({ status: 'non-compliant', scenario: 'when IsProd = false' });
    expect(outcomes(IamUserNoConsolePassword, t, { deployment: { parameters: { Env: 'prod' } } }).U.status).toBe('compliant');
    expect(outcomes(IamUserNoConsolePassword, t, { language: 'ja' }).U).toMatchObject({ scenario: 'IsProd = false の場合' });
  });

  test('the scenario named is what the failing scenarios share, without what the rest implies', () => {
    const password = { Password: 'x' };
    // Fails whenever IsProd = false, whatever Other is: "when IsProd = false", not "IsProd = false and Other = ...".
    const split = cfn({
      U: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, { 'Fn::If': ['Other', password, { Password: 'y' }] }] } } },
    }, { Parameters: { ...ENV, Flag: { Type: 'String', AllowedValues: ['on', 'off'] } }, Conditions: { ...IS_PROD, Other: { 'Fn::Equals': [{ Ref: 'Flag' }, 'on'] } } });
    expect(outcomes(IamUserNoConsolePassword, split).U).toMatchObject({ status: 'non-compliant', scenario: 'when IsProd = false' });
    // Fails only when Other = true and IsProd = false: both stay named.
    const both = cfn({
      U: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, { 'Fn::If': ['Other', password, { Ref: 'AWS::NoValue' }] }] } } },
    }, { Parameters: { ...ENV, Flag: { Type: 'String', AllowedValues: ['on', 'off'] } }, Conditions: { ...IS_PROD, Other: { 'Fn::Equals': [{ Ref: 'Flag' }, 'on'] } } });
    expect(outcomes(IamUserNoConsolePassword, both).U).toMatchObject({ status: 'non-compliant', scenario: 'when IsProd = false and Other = true' });
    // NeedsAny = Or(IsProd, ...) is implied by IsProd = true: "when IsProd = true" alone.
    const implied = cfn({
      U: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { 'Fn::If': ['IsProd', { 'Fn::If': ['NeedsAny', password, { Ref: 'AWS::NoValue' }] }, { Ref: 'AWS::NoValue' }] } } },
    }, { Parameters: { ...ENV, Flag: { Type: 'String', AllowedValues: ['on', 'off'] } }, Conditions: { ...IS_PROD, Other: { 'Fn::Equals': [{ Ref: 'Flag' }, 'on'] }, NeedsAny: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'Other' }] } } });
    expect(outcomes(IamUserNoConsolePassword, implied).U).toMatchObject({ status: 'non-compliant', scenario: 'when IsProd = true' });
  });

  test('a parameter compared in an assumed condition takes only the values of that scenario', () => {
    const m = new ConditionModel({ Parameters: { Spec: { Type: 'String', AllowedValues: ['SYM', 'RSA', 'ECC'] } }, Conditions: { IsSym: { 'Fn::Equals': [{ Ref: 'Spec' }, 'SYM'] } } });
    expect(m.admits('Spec', 'RSA')).toBe(true);
    m.assume(new Map([['IsSym', false]]));
    expect([m.admits('Spec', 'SYM'), m.admits('Spec', 'RSA'), m.admits('Other', 'x')]).toEqual([false, true, true]);
    m.assume(new Map([['IsSym', true]]));
    expect([m.admits('Spec', 'SYM'), m.admits('Spec', 'ECC')]).toEqual([true, false]);
  });

  test('a statically false condition does not count', () => {
    const t = cfn({
      T: { Type: 'AWS::CloudTrail::Trail', Properties: { IsMultiRegionTrail: { 'Fn::If': ['Never', false, true] }, IncludeGlobalServiceEvents: true, IsLogging: true, S3BucketName: 'b' } },
    }, { Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } } });
    expect(outcomes(CloudTrailMultiRegion, t).T.status).toBe('compliant');
  });

  test('a statically true condition decides as well', () => {
    const t = cfn({
      T: { Type: 'AWS::CloudTrail::Trail', Properties: { IsMultiRegionTrail: { 'Fn::If': ['Yes', false, true] }, IncludeGlobalServiceEvents: true, IsLogging: true, S3BucketName: 'b' } },
    }, { Conditions: { Yes: { 'Fn::Equals': ['a', 'a'] } } });
    expect(outcomes(CloudTrailMultiRegion, t).T.status).toBe('non-compliant');
  });
});

describe('conditional resources exist only where their condition holds', () => {
  const policy = {
    Type: 'AWS::S3::BucketPolicy',
    Condition: 'IsProd',
    Properties: {
      Bucket: { Ref: 'B' },
      PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }, { 'Fn::Sub': '${B.Arn}/*' }], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    },
  };
  test('a bucket whose TLS policy exists only in prod fails in the other scenario (default: dev)', () => {
    const t = cfn({ B: { Type: 'AWS::S3::Bucket' }, P: policy }, { Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } }, Conditions: IS_PROD });
    expect(outcomes(S3BucketTlsOnly, t).B).toMatchObject({ status: 'non-compliant', scenario: 'when IsProd = false' });
  });
  test('... and passes when the deployment is prod', () => {
    const t = cfn({ B: { Type: 'AWS::S3::Bucket' }, P: policy }, { Parameters: ENV, Conditions: IS_PROD });
    expect(outcomes(S3BucketTlsOnly, t, { deployment: { parameters: { Env: 'prod' } } }).B.status).toBe('compliant');
    // With only its default (dev) and allowed values, both scenarios remain: dev has no policy.
    expect(outcomes(S3BucketTlsOnly, t).B.status).toBe('non-compliant');
  });
  test('a resource whose own condition is false is not judged; one under an open condition names it', () => {
    const t = cfn({ B: { Type: 'AWS::S3::Bucket', Condition: 'Never' }, C: { Type: 'AWS::S3::Bucket', Condition: 'IsProd' } },
      { Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } }, Conditions: { ...IS_PROD, Never: { 'Fn::Equals': ['a', 'b'] } } });
    const o = outcomes(S3BucketEncrypted, t);
    expect(o.B.status).toBe('not-applicable');
    expect(o.C).toMatchObject({ status: 'non-compliant', scenario: 'when IsProd = true' });
  });
});

describe('AllowedPattern', () => {
  const sg = (pattern: string) => cfn({
    G: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: { Ref: 'Cidr' } }] } },
  }, { Parameters: { Cidr: { Type: 'String', AllowedPattern: pattern } } });
  test('a CIDR that can only be 10.x/16-28 is not the internet: compliant', () => {
    expect(outcomes(SecurityGroupNoOpenIngress, sg('10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}/(1[6-9]|2[0-8])')).G.status).toBe('compliant');
  });
  test('a pattern that admits 0.0.0.0/0 stays "cannot be verified"', () => {
    expect(outcomes(SecurityGroupNoOpenIngress, sg('(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}')).G.status).toBe('unverifiable');
  });
});

describe('region-dependent conditions (CDK defaults)', () => {
  const stream = cfn({
    K: { Type: 'AWS::Kinesis::Stream', Properties: { StreamEncryption: { 'Fn::If': ['China', { Ref: 'AWS::NoValue' }, { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }] } } },
  }, { Conditions: { China: { 'Fn::Or': [{ 'Fn::Equals': ['cn-north-1', { Ref: 'AWS::Region' }] }, { 'Fn::Equals': ['cn-northwest-1', { Ref: 'AWS::Region' }] }] } } });
  test.each([
    [['ap-northeast-1'], 'compliant'],
    [['ap-northeast-1', 'ap-northeast-3'], 'compliant'],
    [['cn-north-1'], 'non-compliant'],
    [undefined, 'non-compliant'],
  ])('regions %j → %s', (regions, status) => {
    expect(outcomes(KinesisStreamEncrypted, stream, { deployment: regions ? { regions } : {} }).K.status).toBe(status);
  });
  test('without a region the finding names the China scenario', () => {
    expect(outcomes(KinesisStreamEncrypted, stream).K).toMatchObject({ scenario: 'when China = true' });
  });
});

describe.each<[string, RuleDefinition, Record<string, unknown>, Record<string, unknown>, string]>([
  ['SQS', SqsQueueEncrypted, { SqsManagedSseEnabled: true }, { SqsManagedSseEnabled: false }, 'AWS::SQS::Queue'],
  ['Logs', LogGroupRetention, { RetentionInDays: 365 }, { RetentionInDays: 1 }, 'AWS::Logs::LogGroup'],
  ['RDS', RdsMultiAz, { MultiAZ: true, Engine: 'postgres' }, { MultiAZ: false, Engine: 'postgres' }, 'AWS::RDS::DBInstance'],
])('%s: every rule family follows conditions', (_name, rule, good, bad, type) => {
  const conditional = (props: (b: boolean) => Record<string, unknown>) => {
    const merged: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(good), ...Object.keys(bad)])) merged[k] = { 'Fn::If': ['IsProd', props(true)[k], props(false)[k]] };
    return merged;
  };
  const tpl = (props: Record<string, unknown>, conditions: Record<string, unknown>) =>
    cfn({ R: { Type: type, Properties: props } }, { Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } }, Conditions: conditions });
  test('good in prod, bad in dev: non-compliant, named "when IsProd = false"', () => {
    expect(outcomes(rule, tpl(conditional((p) => (p ? good : bad)), IS_PROD)).R).toMatchObject({ status: 'non-compliant', scenario: 'when IsProd = false' });
  });
  test('good in both branches: compliant', () => {
    expect(outcomes(rule, tpl(conditional(() => good), IS_PROD)).R.status).toBe('compliant');
  });
  test('bad branch under a statically false condition: compliant', () => {
    expect(outcomes(rule, tpl(conditional((p) => (p ? bad : good)), { IsProd: { 'Fn::Equals': ['x', 'y'] } })).R.status).toBe('compliant');
  });
});

describe('the scenario cap', () => {
  const rules = (n: number) => {
    const conditions: Record<string, unknown> = {};
    const params: Record<string, unknown> = {};
    const ingress: unknown[] = [];
    for (let i = 0; i < n; i++) {
      params[`P${i}`] = { Type: 'String' };
      conditions[`C${i}`] = { 'Fn::Equals': [{ Ref: `P${i}` }, 'on'] };
      ingress.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: { 'Fn::If': [`C${i}`, '10.0.0.0/8', '0.0.0.0/0'] } });
    }
    return cfn({ G: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', SecurityGroupIngress: ingress } } }, { Parameters: params, Conditions: conditions });
  };
  test('below the cap every scenario is judged and the failing one is named', () => {
    const o = outcomes(SecurityGroupNoOpenIngress, rules(3)).G;
    expect(o).toMatchObject({ status: 'non-compliant', scenario: "when C0 = true and C1 = true and C2 = false" });
    expect(o.status === 'non-compliant' && o.notes).toBeFalsy();
  });
  test(`past ${MAX_SCENARIOS} scenarios the rule is judged branch by branch, and the finding says so`, () => {
    const o = outcomes(SecurityGroupNoOpenIngress, rules(7)).G;
    expect(o.status).toBe('non-compliant');
    expect(o.status === 'non-compliant' && o.notes).toEqual([expect.stringContaining(`more than ${MAX_SCENARIOS} combinations of conditions`)]);
  });
});
