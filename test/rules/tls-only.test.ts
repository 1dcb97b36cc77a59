/**
 * The rules that ask a resource policy to deny plain-HTTP access (S3 buckets, SNS topics, SQS queues)
 * share one shape: these cases are written once, over a table of the rules. Each rule's own cases
 * (literal names, inline policies, other escape hatches, details) stay in its own file, <service>-*-tls-only.test.ts.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { RuleDefinition } from '../../packs/engine/rule';
import { S3BucketTlsOnly } from '../../packs/rules/s3/S3BucketTlsOnly';
import { SnsTopicTlsOnly } from '../../packs/rules/sns/SnsTopicTlsOnly';
import { SqsQueueTlsOnly } from '../../packs/rules/sqs/SqsQueueTlsOnly';
import { cfn, outcomes, statusOf } from '../helpers/rules';
import { doc, S3_TLS, SNS_TLS, SQS_TLS, TlsOnlyFixture } from '../helpers/tls-only';

/** An L2 resource that can take statements into its resource policy. */
type WithResourcePolicy = { addToResourcePolicy(statement: iam.PolicyStatement): unknown };

interface TlsOnlyRule {
  readonly rule: RuleDefinition;
  readonly f: TlsOnlyFixture;
  /** The L2 resource, with or without `enforceSSL`. */
  readonly l2: (stack: Stack, enforceSSL: boolean) => WithResourcePolicy;
  /** An Allow statement for the L2 resource. */
  readonly l2Allow: (resource: WithResourcePolicy) => iam.PolicyStatement;
  /** A Deny that covers too few actions. */
  readonly narrowAction: string;
  /** Other spellings of the Deny that the rule accepts (each merged into `f.deny()`). */
  readonly otherDenies: readonly Record<string, unknown>[];
  /** The English detail when no policy names the resource. */
  readonly noPolicy: string;
  /** How the detail names a policy ("bucket policy"). */
  readonly policyKind: string;
}

const RULES: TlsOnlyRule[] = [
  {
    rule: S3BucketTlsOnly,
    f: S3_TLS,
    l2: (stack, enforceSSL) => new s3.Bucket(stack, 'B', { enforceSSL }),
    l2Allow: (b) => new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['s3:GetObject'], resources: [(b as s3.Bucket).arnForObjects('*')] }),
    narrowAction: 's3:GetObject',
    otherDenies: [{ Action: '*' }, { Principal: '*', Action: '*' }],
    noPolicy: 'the bucket has no bucket policy (AWS::S3::BucketPolicy), so nothing denies plain-HTTP requests',
    policyKind: 'bucket policy',
  },
  {
    rule: SnsTopicTlsOnly,
    f: SNS_TLS,
    l2: (stack, enforceSSL) => new sns.Topic(stack, 'S', { enforceSSL }),
    l2Allow: (t) => new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sns:Publish'], resources: [(t as sns.Topic).topicArn] }),
    narrowAction: 'sns:Subscribe',
    otherDenies: [{ Action: ['sns:Publish', 'sns:Subscribe'] }, { Action: 'sns:*' }],
    noPolicy: 'no topic policy (AWS::SNS::TopicPolicy) lists the topic, so nothing denies plain-HTTP publishing',
    policyKind: 'topic policy',
  },
  {
    rule: SqsQueueTlsOnly,
    f: SQS_TLS,
    l2: (stack, enforceSSL) => new sqs.Queue(stack, 'Q', { enforceSSL }),
    l2Allow: (q) => new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sqs:SendMessage'], resources: [(q as sqs.Queue).queueArn] }),
    narrowAction: 'sqs:SendMessage',
    otherDenies: [{ Principal: '*' }, { Action: '*' }],
    noPolicy: 'no queue policy (AWS::SQS::QueuePolicy) lists the queue, so nothing denies plain-HTTP requests',
    policyKind: 'queue policy',
  },
];

describe.each(RULES)('$rule.name ($rule.id), like the other TLS-only rules', ({ rule, f, ...r }) => {
  /** The L2 resource in a new stack, and the outcome of the rule on it. */
  const l2 = (enforceSSL: boolean, change: (stack: Stack, resource: WithResourcePolicy) => void = () => undefined) => {
    const stack = new Stack(new App());
    const resource = r.l2(stack, enforceSSL);
    change(stack, resource);
    const found = Object.values(outcomes(rule, stack)).filter((o) => o.status !== 'not-applicable');
    expect(found).toHaveLength(1);
    return { stack, outcome: found[0] };
  };
  const status = (document: unknown, extra?: Parameters<TlsOnlyFixture['withPolicy']>[1]) => statusOf(rule, f.withPolicy(document, extra), f.type);

  describe('non-compliance', () => {
    test('L2 without enforceSSL: no policy', () => {
      expect(l2(false).outcome).toEqual({ status: 'non-compliant', detail: r.noPolicy });
    });
    test('L2 with a policy that only allows', () => {
      expect(l2(false, (_, res) => res.addToResourcePolicy(r.l2Allow(res))).outcome.status).toBe('non-compliant');
    });
    test('escape hatch turns the condition into SecureTransport true', () => {
      const { outcome } = l2(true, (stack) => {
        const policy = stack.node.findAll().find((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === f.policyType)!;
        policy.addPropertyOverride('PolicyDocument.Statement.0.Condition.Bool.aws:SecureTransport', 'true');
      });
      expect(outcome.status).toBe('non-compliant');
    });
    test('L1 policy that only allows', () => {
      expect(outcomes(rule, f.withPolicy(doc(f.allow)))[f.id])
        .toEqual({ status: 'non-compliant', detail: `${r.policyKind} ${f.policyId} has no Deny statement for everyone on aws:SecureTransport false` });
    });
    test('L1 deny of too few actions', () => {
      expect(status(doc(f.deny({ Action: r.narrowAction })))).toBe('non-compliant');
    });
    test('L1 deny for one account only is not a deny for everyone', () => {
      expect(status(doc(f.deny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })))).toBe('non-compliant');
    });
    test('L1 deny with the condition under a different key', () => {
      expect(status(doc(f.deny({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })))).toBe('non-compliant');
    });
    test('a policy of another resource does not count', () => {
      const t = cfn({ [f.id]: { Type: f.type }, O: { Type: f.type }, [f.policyId]: { Type: f.policyType, Properties: f.policyFor('O', doc(f.deny())) } });
      const o = outcomes(rule, t);
      expect([o[f.id].status, o.O.status]).toEqual(['non-compliant', 'compliant']);
    });
  });
  describe('compliance', () => {
    test('L2 with enforceSSL', () => {
      expect(l2(true).outcome.status).toBe('compliant');
    });
    test('L2 with enforceSSL and an Allow statement', () => {
      expect(l2(true, (_, res) => res.addToResourcePolicy(r.l2Allow(res))).outcome.status).toBe('compliant');
    });
    test('L1 policy with the deny among other statements', () => {
      expect(status(doc(f.allow, f.deny()))).toBe('compliant');
    });
    test.each(r.otherDenies.map((d) => [JSON.stringify(d), d]))('L1 deny written with %s', (_, d) => {
      expect(status(doc(f.deny(d)))).toBe('compliant');
    });
    test('L1 policy given as a JSON string', () => {
      expect(status(JSON.stringify(doc(f.deny())))).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test('L2: the policy that enforceSSL adds', () => {
      const stack = new Stack(new App());
      r.l2(stack, true);
      expect(statusOf(rule, stack, f.policyType)).toBe('not-applicable');
    });
    test('other resource types (the policy itself)', () => {
      expect(statusOf(rule, f.withPolicy(doc(f.deny())), f.policyType)).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => status(doc(f.deny({ Condition: { Bool: { 'aws:SecureTransport': { Ref: 'Tls' } } } })), { Parameters: { Tls: { Type: 'String', ...p } } });
    test('parameter with default false is compliant', () => {
      expect(param({ Default: 'false' })).toBe('compliant');
    });
    test('parameter with allowed values including true is non-compliant', () => {
      expect(param({ AllowedValues: ['false', 'true'] })).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(param({})).toBe('unverifiable');
    });
    test('Fn::If around the document with one branch lacking the deny is non-compliant', () => {
      expect(status({ 'Fn::If': ['Prod', doc(f.deny()), doc(f.allow)] })).toBe('non-compliant');
      expect(status({ 'Fn::If': ['Prod', doc(f.allow), doc(f.deny())] })).toBe('non-compliant');
      expect(status({ 'Fn::If': ['Prod', doc(f.deny()), doc()] })).toBe('non-compliant');
    });
    test('Fn::If around the deny statement with AWS::NoValue is non-compliant', () => {
      expect(outcomes(rule, f.withPolicy(doc(f.allow, { 'Fn::If': ['Prod', f.deny(), { Ref: 'AWS::NoValue' }] })))[f.id])
        .toEqual(expect.objectContaining({ status: 'non-compliant', detail: expect.stringContaining('only in some branches') }));
    });
    test.each(r.otherDenies.map((d) => [JSON.stringify(d), d]))('Fn::If with a deny in both branches (one written with %s) is compliant', (_, d) => {
      expect(status({ 'Fn::If': ['Prod', doc(f.deny()), doc(f.allow, f.deny(d))] })).toBe('compliant');
      expect(status(doc({ 'Fn::If': ['Prod', f.deny(), f.deny(d)] }))).toBe('compliant');
    });
    test('GetAtt for the document is unverifiable', () => {
      const t = f.withPolicy({ 'Fn::GetAtt': ['X', 'Doc'] });
      t.Resources.X = { Type: 'Custom::Doc' };
      expect(statusOf(rule, t, f.type)).toBe('unverifiable');
    });
  });
});
