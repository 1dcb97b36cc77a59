/**
 * What the RDS rules need to know about a DB instance or cluster: whether an instance belongs to a
 * cluster (its storage, backups and deletion protection are then the cluster's), whether it is a read
 * replica, which instances in the template belong to a cluster. Not a rule.
 */
import { Detail, detailOf } from '../../engine/messages';
import { Outcome } from '../../engine/rule';
import { namesOf, Resource, TemplateModel } from '../../engine/template';
import { Alt } from '../../engine/values';

export const DB_INSTANCE = 'AWS::RDS::DBInstance';
export const DB_CLUSTER = 'AWS::RDS::DBCluster';

/** Present in every alternative (a value that is only known at deployment is still present). */
export function alwaysPresent(alts: readonly Alt[]): boolean {
  return alts.length > 0 && alts.every((a) => !a.known || a.value !== undefined);
}

/** Present in at least one alternative. */
export function maybePresent(alts: readonly Alt[]): boolean {
  return alts.some((a) => !a.known || a.value !== undefined);
}

/**
 * A DB instance that is a member of a cluster (DBClusterIdentifier set in every alternative): Aurora
 * instances, whose storage encryption, backups and deletion protection belong to the cluster.
 */
export function isClusterMember(instance: Resource): boolean {
  return instance.type === DB_INSTANCE && alwaysPresent(instance.prop('DBClusterIdentifier'));
}

/**
 * A DB instance that is a read replica: SourceDBInstanceIdentifier set without RestoreTime or
 * UseLatestRestorableTime (with those it is a point-in-time restore, a standalone instance).
 */
export function isReadReplica(instance: Resource): boolean {
  return instance.type === DB_INSTANCE && alwaysPresent(instance.prop('SourceDBInstanceIdentifier')) &&
    !maybePresent(instance.prop('RestoreTime')) &&
    !instance.prop('UseLatestRestorableTime').some((a) => a.known && (a.value === true || a.value === 'true'));
}

/** An Aurora Serverless v1 cluster (EngineMode: serverless in every alternative). */
export function isServerlessV1(cluster: Resource): boolean {
  const mode = cluster.prop('EngineMode');
  return mode.length > 0 && mode.every((a) => a.known && typeof a.value === 'string' && a.value.toLowerCase() === 'serverless');
}

/** A Multi-AZ DB cluster (not Aurora): DBClusterInstanceClass is set in every alternative. */
export function isMultiAzDbCluster(cluster: Resource): boolean {
  return cluster.type === DB_CLUSTER && alwaysPresent(cluster.prop('DBClusterInstanceClass'));
}

/** The DB instances of the template that belong to `cluster` (by Ref, or by its literal identifier). */
export function membersOf(cluster: Resource, template: TemplateModel): Resource[] {
  const names = namesOf(cluster, 'DBClusterIdentifier');
  return template.pointingAt(cluster, DB_INSTANCE, 'DBClusterIdentifier', names);
}

/** The same outcome with a prefix (a detail of the rule's) on its detail: "{prefix}: {detail}". */
export function prefixed(outcome: Outcome, prefix: string | Detail): Outcome {
  if (outcome.status === 'non-compliant') return { status: 'non-compliant', detail: outcome.detail ? { key: 'at', params: { what: prefix, why: outcome.detail } } : detailOf(prefix) };
  if (outcome.status === 'unverifiable') return { status: 'unverifiable', detail: { key: 'at', params: { what: prefix, why: outcome.detail } } };
  return outcome;
}
