/**
 * Fixtures shared by the TLS-only rule tests (S3 buckets, SNS topics, SQS queues): a resource, its
 * resource policy, and the statement that denies everyone plain-HTTP access (aws:SecureTransport false).
 */
import { CfnTemplate } from '../../packs/engine/template';
import { cfn } from './rules';

/** A policy document with the given statements. */
export const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

export interface TlsOnlyFixture {
  /** The resource type the rule judges. */
  readonly type: string;
  /** The policy resource that protects it. */
  readonly policyType: string;
  /** Logical ID of the resource in `withPolicy`. */
  readonly id: string;
  /** Logical ID of its policy in `withPolicy`. */
  readonly policyId: string;
  /** The Deny statement the rule asks for (everyone, the actions that matter, aws:SecureTransport false), with `extra` merged in. */
  deny(extra?: Record<string, unknown>): Record<string, unknown>;
  /** A statement that allows one service or account something, and denies nothing. */
  readonly allow: Record<string, unknown>;
  /** The properties of a policy (of `policyType`) for the resource `target` (a logical ID), with the document. */
  policyFor(target: string, document: unknown): Record<string, unknown>;
  /** A template of the resource `id` and its policy `policyId` with the document (and parameters). */
  withPolicy(document: unknown, extra?: Partial<CfnTemplate>): CfnTemplate;
}

const secureTransportFalse = { Bool: { 'aws:SecureTransport': 'false' } };

function fixture(f: Omit<TlsOnlyFixture, 'withPolicy'>): TlsOnlyFixture {
  return {
    ...f,
    withPolicy: (document, extra = {}) => cfn({
      [f.id]: { Type: f.type },
      [f.policyId]: { Type: f.policyType, Properties: f.policyFor(f.id, document) },
    }, extra),
  };
}

export const S3_TLS = fixture({
  type: 'AWS::S3::Bucket',
  policyType: 'AWS::S3::BucketPolicy',
  id: 'B',
  policyId: 'BP',
  deny: (extra = {}) => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: secureTransportFalse, ...extra }),
  allow: { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' },
  policyFor: (target, document) => ({ Bucket: { Ref: target }, PolicyDocument: document }),
});

export const SNS_TLS = fixture({
  type: 'AWS::SNS::Topic',
  policyType: 'AWS::SNS::TopicPolicy',
  id: 'S',
  policyId: 'P',
  deny: (extra = {}) => ({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'S' }, Condition: secureTransportFalse, ...extra }),
  allow: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sns:Subscribe', Resource: { Ref: 'S' } },
  policyFor: (target, document) => ({ Topics: [{ Ref: target }], PolicyDocument: document }),
});

export const SQS_TLS = fixture({
  type: 'AWS::SQS::Queue',
  policyType: 'AWS::SQS::QueuePolicy',
  id: 'Q',
  policyId: 'P',
  deny: (extra = {}) => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: { 'Fn::GetAtt': ['Q', 'Arn'] }, Condition: secureTransportFalse, ...extra }),
  allow: { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Q', 'Arn'] } },
  policyFor: (target, document) => ({ Queues: [{ Ref: target }], PolicyDocument: document }),
});
