import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, unverifiable, worst } from '../../engine/rule';
import { asBoolean } from '../../engine/values';
import { DB_CLUSTER, DB_INSTANCE, isMultiAzDbCluster } from './rdsHelpers';

/**
 * An RDS DB instance (cluster members included: Aurora sets public access per instance) or Multi-AZ
 * DB cluster is not publicly accessible: PubliclyAccessible is false.
 *
 * An absent PubliclyAccessible is unverifiable, not compliant: RDS then decides at creation from the
 * VPC, and makes the database public when its subnets' VPC (or the default VPC) has an internet
 * gateway. Aurora clusters (no DBClusterInstanceClass) are not applicable: their instances are judged.
 */
export const RdsNotPublic = defineRule({
  id: 'FTG-RDS-4',
  name: 'RdsNotPublic',
  items: ['DM-4', 'BP-1'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  info: {
    en: 'The RDS database is, or may be, publicly accessible (PubliclyAccessible is not false).',
    ja: 'RDS データベースがパブリックアクセス可能、またはその可能性があります（PubliclyAccessible が false ではありません）。',
  },
  explanation: {
    en: 'DM-4 asks that data is stored only where its sensitivity allows; a database with a public endpoint is reachable from the internet, guarded by its security group alone. BP-1 asks for defence in several layers: keep the database in private subnets and not publicly accessible, so that one wrong security-group rule does not expose it.',
    ja: 'DM-4 はデータを機微性に応じた場所にのみ保管することを求めています。パブリックエンドポイントを持つデータベースはインターネットから到達でき、守りはセキュリティグループだけになります。BP-1 は多層防御を求めています。データベースはプライベートサブネットに置き、パブリックアクセスを無効にして、セキュリティグループの設定ミス 1 つで露出しないようにしてください。',
  },
  fix: {
    en: 'Set `publiclyAccessible: false` and private `vpcSubnets` on `rds.DatabaseInstance` / the cluster instances (`rds.ClusterInstance.provisioned(..., { publiclyAccessible: false })`), or in CloudFormation set PubliclyAccessible: false explicitly on the AWS::RDS::DBInstance (or Multi-AZ AWS::RDS::DBCluster).',
    ja: '`rds.DatabaseInstance` やクラスターのインスタンス（`rds.ClusterInstance.provisioned(..., { publiclyAccessible: false })`）に `publiclyAccessible: false` とプライベートな `vpcSubnets` を指定するか、CloudFormation の AWS::RDS::DBInstance（または Multi-AZ の AWS::RDS::DBCluster）で PubliclyAccessible: false を明示してください。',
  },
  details: {
    notSet: {
      en: 'PubliclyAccessible is not set: RDS makes the database public when the VPC of its subnets has an internet gateway; set it to false',
      ja: 'PubliclyAccessible が未設定です。サブネットの VPC にインターネットゲートウェイがあると、RDS はデータベースをパブリックにします。false を指定してください',
    },
  },
  check(db) {
    if (db.type !== DB_INSTANCE && db.type !== DB_CLUSTER) return NOT_APPLICABLE;
    if (db.type === DB_CLUSTER && !isMultiAzDbCluster(db)) return NOT_APPLICABLE;
    return worst(...db.prop('PubliclyAccessible').map((alt) => {
      if (alt.known && alt.value === undefined) {
        return unverifiable('notSet', {});
      }
      return judge([alt], 'PubliclyAccessible', (v) => {
        const b = asBoolean(v);
        return b === undefined ? undefined : !b;
      });
    }), COMPLIANT);
  },
});

