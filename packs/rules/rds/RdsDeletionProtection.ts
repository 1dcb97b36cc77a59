import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { isTrue } from '../../engine/resource-policy';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember } from './rdsHelpers';

/**
 * An RDS DB instance (not a cluster member: the cluster holds the setting) or DB cluster has
 * DeletionProtection: true.
 */
export const RdsDeletionProtection = defineRule({
  id: 'FTG-RDS-5',
  name: 'RdsDeletionProtection',
  items: ['OP-3'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  info: {
    en: 'The RDS database does not have deletion protection enabled.',
    ja: 'RDS データベースの削除保護が有効になっていません。',
  },
  explanation: {
    en: 'OP-3 (business continuity) asks that data and service can be kept and recovered. Without deletion protection one API call, a console click or a stack change that replaces or removes the database deletes it; with it, the protection must be turned off first, on purpose.',
    ja: 'OP-3（業務継続）はデータとサービスを維持・復旧できることを求めています。削除保護がないと、API 呼び出し 1 つ、コンソールの操作 1 つ、あるいはデータベースを置き換え・削除するスタック変更で削除されてしまいます。削除保護があれば、まず意図的に保護を外す必要があります。',
  },
  fix: {
    en: 'Set `deletionProtection: true` on `rds.DatabaseInstance` / `rds.DatabaseCluster`, or in CloudFormation set DeletionProtection: true on the AWS::RDS::DBInstance or AWS::RDS::DBCluster.',
    ja: '`rds.DatabaseInstance` / `rds.DatabaseCluster` に `deletionProtection: true` を指定するか、CloudFormation の AWS::RDS::DBInstance / AWS::RDS::DBCluster で DeletionProtection を true にしてください。',
  },
  check(db) {
    if (db.type !== DB_INSTANCE && db.type !== DB_CLUSTER) return NOT_APPLICABLE;
    if (isClusterMember(db)) return NOT_APPLICABLE;
    return judge(db.prop('DeletionProtection'), 'DeletionProtection', isTrue);
  },
});
