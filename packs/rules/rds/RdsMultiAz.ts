import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { isTrue } from '../../engine/resource-policy';
import { DB_CLUSTER, DB_INSTANCE, isClusterMember, isMultiAzDbCluster, membersOf } from './rdsHelpers';

/**
 * An RDS database survives the loss of an Availability Zone.
 *
 * - DB instance (not a cluster member): MultiAZ: true.
 * - Multi-AZ DB cluster (DBClusterInstanceClass set): always three instances in three AZs: compliant.
 * - Aurora cluster: at least two DB instances of the template refer to it (a writer and a reader that
 *   Aurora can fail over to), not all pinned to the same AvailabilityZone. Aurora storage spans three
 *   AZs, but with one instance a zone failure stops the database until a new instance is created.
 * - Aurora Serverless v1 (EngineMode: serverless) runs its capacity in one AZ: non-compliant.
 */
export const RdsMultiAz = defineRule({
  id: 'FTG-RDS-3',
  name: 'RdsMultiAz',
  items: ['CF-1', 'BP-6'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  info: {
    en: 'The RDS database runs in a single Availability Zone (no Multi-AZ standby or Aurora reader to fail over to).',
    ja: 'RDS データベースが単一のアベイラビリティーゾーンで稼働しています（フェイルオーバー先の Multi-AZ スタンバイや Aurora リーダーがありません）。',
  },
  explanation: {
    en: 'CF-1 asks for redundancy against failure, and BP-6 forbids a single point of failure. A single-AZ database stops with its zone or its host; a Multi-AZ standby or an Aurora reader in another zone takes over in a minute or two.',
    ja: 'CF-1 は障害に備えた冗長化を求め、BP-6 は単一障害点（SPOF）を許さないとしています。単一 AZ のデータベースは、その AZ やホストの障害で停止します。別 AZ の Multi-AZ スタンバイや Aurora リーダーがあれば 1〜2 分で引き継ぎます。',
  },
  fix: {
    en: 'Set `multiAz: true` on `rds.DatabaseInstance` (CloudFormation MultiAZ: true on the AWS::RDS::DBInstance); for `rds.DatabaseCluster` add `readers: [rds.ClusterInstance.serverlessV2(...)]` or a provisioned reader (CloudFormation: a second AWS::RDS::DBInstance with DBClusterIdentifier referring to the cluster).',
    ja: '`rds.DatabaseInstance` に `multiAz: true` を指定してください（CloudFormation では AWS::RDS::DBInstance の MultiAZ: true）。`rds.DatabaseCluster` には `readers: [rds.ClusterInstance.serverlessV2(...)]` などのリーダーを追加してください（CloudFormation ではクラスターを DBClusterIdentifier で参照する 2 台目の AWS::RDS::DBInstance）。',
  },
  details: {
    serverlessV1: {
      en: 'EngineMode is serverless (Aurora Serverless v1 runs in a single Availability Zone)',
      ja: 'EngineMode が serverless です（Aurora Serverless v1 は単一のアベイラビリティーゾーンで動作します）',
    },
    noMembers: {
      en: '0 DB instance(s) in the template refer to the cluster; Aurora needs a reader in another Availability Zone to fail over to',
      ja: 'テンプレートにこのクラスターを参照する DB インスタンスがありません。Aurora がフェイルオーバーするには、別のアベイラビリティーゾーンにリーダーインスタンスが必要です',
    },
    oneMember: {
      en: '{count} DB instance(s) in the template refer to the cluster; Aurora needs a reader in another Availability Zone to fail over to',
      ja: 'テンプレートでこのクラスターを参照する DB インスタンスは {count} 個だけです。Aurora がフェイルオーバーするには、別のアベイラビリティーゾーンにリーダーインスタンスが必要です',
    },
    sameZone: {
      en: 'all DB instances of the cluster are pinned to AvailabilityZone {zone}',
      ja: 'クラスターのすべての DB インスタンスが AvailabilityZone {zone} に固定されています',
    },
  },
  check(db, ctx) {
    if (db.type === DB_INSTANCE) {
      if (isClusterMember(db)) return NOT_APPLICABLE;
      return judge(db.prop('MultiAZ'), 'MultiAZ', isTrue);
    }
    if (db.type !== DB_CLUSTER) return NOT_APPLICABLE;
    if (isMultiAzDbCluster(db)) return COMPLIANT;
    const serverlessV1 = db.prop('EngineMode').some((a) => a.known && typeof a.value === 'string' && a.value.toLowerCase() === 'serverless');
    const v1: Outcome = serverlessV1 ? nonCompliant('serverlessV1', {}) : COMPLIANT;
    return worst(v1, auroraMembers(membersOf(db, ctx.template)));
  },
});

function auroraMembers(members: readonly Resource[]): Outcome {
  if (members.length < 2) {
    return nonCompliant(members.length === 0 ? 'noMembers' : 'oneMember', { count: members.length });
  }
  const zones = members.map((m) => {
    const alts = m.prop('AvailabilityZone');
    return alts.length === 1 && alts[0].known && typeof alts[0].value === 'string' ? alts[0].value : undefined;
  });
  if (zones.every((z) => z !== undefined && z === zones[0])) {
    return nonCompliant('sameZone', { zone: zones[0] });
  }
  return COMPLIANT;
}
