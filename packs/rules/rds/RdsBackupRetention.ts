import { defineRule, judge, nonCompliant, NOT_APPLICABLE, worst } from '../../engine/rule';
import { asNumber } from '../../engine/values';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isReadReplica } from './rdsHelpers';

/** The shortest automated-backup retention the rule accepts, in days. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/**
 * An RDS DB instance or DB cluster keeps automated backups for at least 7 days
 * (BackupRetentionPeriod ≥ 7). Absent means the CloudFormation default of 1 day: non-compliant.
 * Not applicable: cluster members (the cluster keeps the backups) and read replicas (the source does).
 */
export const RdsBackupRetention = defineRule({
  id: 'FTG-RDS-2',
  name: 'RdsBackupRetention',
  items: ['OP-3', 'CF-2'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  info: {
    en: `The RDS database keeps automated backups for fewer than ${MIN_BACKUP_RETENTION_DAYS} days (BackupRetentionPeriod).`,
    ja: `RDS データベースの自動バックアップ保持期間（BackupRetentionPeriod）が ${MIN_BACKUP_RETENTION_DAYS} 日未満です。`,
  },
  explanation: {
    en: `OP-3 (business continuity: backups and recovery) and CF-2 (disaster recovery) ask that data can be restored. The default of 1 day means a corruption or a bad deployment noticed after a weekend can no longer be undone with point-in-time recovery; ${MIN_BACKUP_RETENTION_DAYS} days is the minimum this pack accepts.`,
    ja: `OP-3（業務継続：バックアップと復旧）と CF-2（災害対策）はデータを復元できることを求めています。既定の 1 日では、週末明けに気づいたデータ破損や誤ったデプロイをポイントインタイムリカバリで戻せません。本パックは最低 ${MIN_BACKUP_RETENTION_DAYS} 日を求めます。`,
  },
  fix: {
    en: `Set \`backupRetention: Duration.days(${MIN_BACKUP_RETENTION_DAYS})\` (or more) on \`rds.DatabaseInstance\`, or \`backup: { retention: Duration.days(${MIN_BACKUP_RETENTION_DAYS}) }\` on \`rds.DatabaseCluster\`; in CloudFormation set BackupRetentionPeriod to ${MIN_BACKUP_RETENTION_DAYS} or more.`,
    ja: `\`rds.DatabaseInstance\` に \`backupRetention: Duration.days(${MIN_BACKUP_RETENTION_DAYS})\` 以上を、\`rds.DatabaseCluster\` に \`backup: { retention: Duration.days(${MIN_BACKUP_RETENTION_DAYS}) }\` 以上を指定するか、CloudFormation の BackupRetentionPeriod を ${MIN_BACKUP_RETENTION_DAYS} 以上にしてください。`,
  },
  details: {
    notSet: { en: 'BackupRetentionPeriod is not set (the default is 1 day)', ja: 'BackupRetentionPeriod が未設定です（既定値は 1 日）' },
  },
  check(db) {
    if (db.type !== DB_INSTANCE && db.type !== DB_CLUSTER) return NOT_APPLICABLE;
    if (isClusterMember(db) || isReadReplica(db)) return NOT_APPLICABLE;
    return worst(...db.prop('BackupRetentionPeriod').map((alt) => {
      if (alt.known && alt.value === undefined) return nonCompliant('notSet', {});
      return judge([alt], 'BackupRetentionPeriod', (v) => {
        const n = asNumber(v);
        return n === undefined ? undefined : n >= MIN_BACKUP_RETENTION_DAYS;
      });
    }));
  },
});
