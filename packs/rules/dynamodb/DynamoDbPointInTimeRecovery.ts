import { defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';
import { isTrue } from '../../engine/resource-policy';

const PITR = 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled';

/**
 * A DynamoDB table has point-in-time recovery on: AWS::DynamoDB::Table
 * PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled, and for AWS::DynamoDB::GlobalTable
 * (which has no table-level setting) the same property on every replica.
 */
export const DynamoDbPointInTimeRecovery = defineRule({
  id: 'FTG-DDB-1',
  name: 'DynamoDbPointInTimeRecovery',
  items: ['OP-3', 'CF-2'],
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  info: {
    en: 'The DynamoDB table does not have point-in-time recovery enabled.',
    ja: 'DynamoDB テーブルのポイントインタイムリカバリ（PITR）が有効になっていません。',
  },
  explanation: {
    en: 'OP-3 (business continuity: backups and recovery) and CF-2 (disaster recovery) ask that data can be restored. Without point-in-time recovery a bad write, a buggy deployment or a deleted table cannot be rolled back to the second before it happened (up to 35 days back).',
    ja: 'OP-3（業務継続：バックアップと復旧）と CF-2（災害対策）はデータを復元できることを求めています。PITR がないと、誤った書き込み、不具合のあるデプロイ、テーブル削除を、発生直前の時点（最大 35 日前まで）に戻せません。',
  },
  fix: {
    en: 'Set `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` on `dynamodb.Table` / `dynamodb.TableV2` (and on each replica), or in CloudFormation set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true (on every Replicas[] entry of an AWS::DynamoDB::GlobalTable).',
    ja: '`dynamodb.Table` / `dynamodb.TableV2`（と各レプリカ）に `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` を指定するか、CloudFormation の PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled を true にしてください（AWS::DynamoDB::GlobalTable では Replicas[] のすべての要素）。',
  },
  check(table) {
    if (table.type === 'AWS::DynamoDB::Table') return judge(table.prop(PITR), PITR, isTrue);
    if (table.type !== 'AWS::DynamoDB::GlobalTable') return NOT_APPLICABLE;
    return eachReplica(table, (replica, where) => judge(table.resolve(replica, PITR), `${where}.${PITR}`, isTrue));
  },
});

/** The worst outcome of `check` over every replica of a global table, in every alternative of the list. */
export function eachReplica(table: Resource, check: (replica: unknown, where: string) => Outcome): Outcome {
  return worst(...table.prop('Replicas').map((alt): Outcome => {
    if (!alt.known) return judge([alt], 'Replicas', () => undefined);
    if (isOpaque(alt.value)) return judge([alt], 'Replicas', () => undefined);
    if (!Array.isArray(alt.value) || alt.value.length === 0) return nonCompliant('list-empty', { what: 'Replicas' });
    return worst(...alt.value.flatMap((raw, i) => table.resolve(raw).map((r): Outcome => {
      if (!r.known) return judge([r], `Replicas[${i}]`, () => undefined);
      if (r.value === undefined) return NOT_APPLICABLE;
      const region = table.resolve(r.value, 'Region');
      const name = region.length === 1 && region[0].known && typeof region[0].value === 'string' ? ` (${region[0].value})` : '';
      return check(r.value, `Replicas[${i}]${name}`);
    })));
  }));
}
