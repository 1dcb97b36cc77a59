import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, RuleContext, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { isTrue } from '../../engine/resource-policy';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isServerlessV1, maybePresent, prefixed } from './rdsHelpers';

/**
 * An RDS DB instance (not a cluster member) or DB cluster has StorageEncrypted: true.
 *
 * Aurora Serverless v1 clusters (EngineMode: serverless) are always encrypted: compliant. A read
 * replica, a point-in-time restore or a clone without StorageEncrypted inherits the encryption of its
 * source: the source is judged when it is in the template, otherwise the outcome is unverifiable; a
 * restore from a snapshot is encrypted only if the snapshot is: unverifiable.
 */
export const RdsStorageEncrypted = defineRule({
  id: 'FTG-RDS-1',
  name: 'RdsStorageEncrypted',
  items: ['DM-1'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  info: {
    en: 'The RDS database storage is not encrypted (StorageEncrypted is not true).',
    ja: 'RDS データベースのストレージが暗号化されていません（StorageEncrypted が true ではありません）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted at rest, which in the cloud is usually a setting. RDS encryption also covers automated backups, snapshots and read replicas, and cannot be turned on later without copying the data to a new instance.',
    ja: 'DM-1 は保管時のデータ暗号化を求めており、クラウドでは多くの場合設定で実現できます。RDS の暗号化は自動バックアップ・スナップショット・リードレプリカにも及び、後から有効にするにはデータを新しいインスタンスへ移す必要があります。',
  },
  fix: {
    en: 'Set `storageEncrypted: true` (or `storageEncryptionKey`) on `rds.DatabaseInstance` / `rds.DatabaseCluster`, or in CloudFormation set StorageEncrypted: true (and KmsKeyId) on the AWS::RDS::DBInstance or AWS::RDS::DBCluster.',
    ja: '`rds.DatabaseInstance` / `rds.DatabaseCluster` に `storageEncrypted: true`（または `storageEncryptionKey`）を指定するか、CloudFormation の AWS::RDS::DBInstance / AWS::RDS::DBCluster で StorageEncrypted を true（と KmsKeyId）にしてください。',
  },
  details: {
    inheritedFrom: { en: 'StorageEncrypted is inherited from {source}', ja: 'StorageEncrypted は {source} から引き継がれます' },
    sourceOutside: {
      en: 'StorageEncrypted is not set and the database is created from {prop}, whose encryption is not in this template',
      ja: 'StorageEncrypted が未設定で、データベースは {prop} から作成されますが、作成元の暗号化はこのテンプレートからは分かりません',
    },
    fromSnapshot: {
      en: 'StorageEncrypted is not set and the database is restored from {prop}: it is encrypted only if the snapshot is',
      ja: 'StorageEncrypted が未設定で、データベースは {prop} から復元されます。スナップショットが暗号化されている場合にだけ暗号化されます',
    },
    notSet: { en: 'StorageEncrypted is not set (the default is false)', ja: 'StorageEncrypted が未設定です（既定値は false）' },
  },
  check(db, ctx) {
    if (db.type !== DB_INSTANCE && db.type !== DB_CLUSTER) return NOT_APPLICABLE;
    if (isClusterMember(db)) return NOT_APPLICABLE;
    return storageEncryption(db, ctx, 0);
  },
});

function storageEncryption(db: Resource, ctx: RuleContext, depth: number): Outcome {
  if (db.type === DB_CLUSTER && isServerlessV1(db)) return COMPLIANT;
  return worst(...db.prop('StorageEncrypted').map((alt) => {
    if (alt.known && alt.value === undefined) return inherited(db, ctx, depth);
    return judge([alt], 'StorageEncrypted', isTrue);
  }));
}

/** StorageEncrypted is absent: the source decides, or the default (false) applies. */
function inherited(db: Resource, ctx: RuleContext, depth: number): Outcome {
  const instance = db.type === DB_INSTANCE;
  const sourceProp = instance ? 'SourceDBInstanceIdentifier' : 'SourceDBClusterIdentifier';
  const snapshotProp = instance ? 'DBSnapshotIdentifier' : 'SnapshotIdentifier';
  if (maybePresent(db.prop(sourceProp))) {
    const sources = db.referencedIds(db.properties[sourceProp])
      .map((id) => ctx.template.resource(id))
      .filter((r): r is Resource => r !== undefined && r.type === db.type && r !== db);
    if (sources.length > 0 && depth < 5) {
      return worst(...sources.map((s) => prefixed(storageEncryption(s, ctx, depth + 1), { key: 'inheritedFrom', params: { source: s.logicalId } })));
    }
    return unverifiable('sourceOutside', { prop: sourceProp });
  }
  if (maybePresent(db.prop(snapshotProp))) {
    return unverifiable('fromSnapshot', { prop: snapshotProp });
  }
  return nonCompliant('notSet', {});
}
