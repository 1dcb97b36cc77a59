import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { Alt } from '../../engine/values';
import { Lookup, lookupValue } from '../../engine/lookup';
import { judgeIngressRules, portRanges, RuleReader } from './helpers';

/** Default ports of database engines that have a managed AWS service. */
const DATABASE_PORTS: ReadonlyArray<[number, string]> = [
  [3306, 'MySQL/MariaDB'], [5432, 'PostgreSQL'], [1433, 'SQL Server'], [1521, 'Oracle'],
  [27017, 'MongoDB'], [6379, 'Redis'], [9042, 'Cassandra'], [5984, 'CouchDB'],
];

/** Resources that run servers with a security group. */
const SERVER_TYPES = ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'];

function serversUsing(group: Resource): Resource[] {
  return SERVER_TYPES.flatMap((t) => [...group.template.referrersOf(group.logicalId, t)]);
}

/**
 * Whether a rule opens a database port. A rule that opens every port (IpProtocol -1, or TCP 0-65535)
 * is not counted: it says nothing about a database (FTG-EC2-1 judges it when it is open to the internet).
 */
function opensDatabasePort(read: RuleReader, label: string): Outcome {
  return worst(...portRanges(read).map((r): Outcome => {
    if (r.kind === 'unknown') return unverifiable('at', { what: label, why: r.why });
    if (r.kind === 'all' || r.protocol !== 'tcp' || (r.from <= 1 && r.to >= 65535)) return COMPLIANT;
    const hits = DATABASE_PORTS.filter(([p]) => r.from <= p && p <= r.to);
    if (hits.length === 0) return COMPLIANT;
    return nonCompliant('opens', { what: label, ports: hits.map(([p, n]) => `TCP ${p} (${n})`).join(', ') });
  }), COMPLIANT);
}

interface Attachment { readonly group: string; readonly servers: string }

function onGroup(group: Resource, judgeRules: (where: Attachment) => Outcome): Outcome {
  const servers = serversUsing(group);
  if (servers.length === 0) return NOT_APPLICABLE;
  const names = servers.map((s) => `${s.logicalId} (${s.type})`).slice(0, 3).join(', ');
  return judgeRules({ group: group.logicalId, servers: names });
}

function withSuffix(o: Outcome, where: Attachment): Outcome {
  return o.status === 'non-compliant' ? nonCompliant('on-group', { what: o.detail ?? { key: 'port-open' }, ...where }) : o;
}

/** The group that a standalone ingress rule belongs to, per alternative (GroupId, or GroupName in a default VPC). */
function groupsOf(ingress: Resource): Lookup[] {
  return ingress.prop('GroupId').flatMap((alt): Lookup[] => {
    if (alt.known && alt.value === undefined) {
      return ingress.prop('GroupName').map((n: Alt) => lookupValue(ingress, n, 'GroupName', 'AWS::EC2::SecurityGroup', { nameProp: 'GroupName' }));
    }
    return [lookupValue(ingress, alt, 'GroupId', 'AWS::EC2::SecurityGroup')];
  });
}

/** A security group of EC2 servers does not open database ports: databases run as managed services. */
export const SelfManagedDatabasePort = defineRule({
  id: 'FTG-EC2-4',
  name: 'SelfManagedDatabasePort',
  items: ['DM-3', 'BP-3'],
  resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  info: {
    en: 'A security group attached to EC2 servers opens a database port (3306, 5432, 1433, 1521, 27017, 6379, 9042 or 5984): a self-run database.',
    ja: 'EC2 サーバーに付与されたセキュリティグループがデータベースのポート (3306, 5432, 1433, 1521, 27017, 6379, 9042, 5984) を開けています。自前で運用するデータベースと思われます。',
  },
  explanation: {
    en: 'DM-3 says to prefer a managed database (DBaaS) over a self-run one unless it is needed, and BP-3 to hand the lower layers of the stack to a trusted cloud vendor. A database on EC2 leaves encryption, patching, backups, failover and access logging to the team; RDS, Aurora, DynamoDB, ElastiCache or DocumentDB provide them. If a self-run database is really needed, acknowledge the finding with the reason.',
    ja: 'DM-3 は「必要がある時以外、ローカルの DB より DBaaS を活用する」ことを、BP-3 は技術スタックの下の層を信頼できるクラウドベンダーに任せることを求めています。EC2 上のデータベースでは暗号化、パッチ適用、バックアップ、フェイルオーバー、アクセスログをすべて自前で担うことになります。RDS、Aurora、DynamoDB、ElastiCache、DocumentDB ならこれらが提供されます。自前のデータベースが本当に必要な場合は、理由を添えて承認（acknowledge）してください。',
  },
  fix: {
    en: 'Move the database to a managed service: `rds.DatabaseCluster` (Aurora), `rds.DatabaseInstance`, `dynamodb.TableV2`, `elasticache.CfnReplicationGroup` or `docdb.DatabaseCluster`, and open its port on the database\'s own security group (`db.connections.allowDefaultPortFrom(appServer)`). Then remove the rule from the servers\' group: in CloudFormation, no SecurityGroupIngress (inline or AWS::EC2::SecurityGroupIngress) with FromPort-ToPort covering a database port on a group used by AWS::EC2::Instance, AWS::EC2::LaunchTemplate or AWS::AutoScaling::LaunchConfiguration.',
    ja: 'データベースをマネージドサービスに移してください: `rds.DatabaseCluster`（Aurora）、`rds.DatabaseInstance`、`dynamodb.TableV2`、`elasticache.CfnReplicationGroup`、`docdb.DatabaseCluster`。ポートはデータベース自身のセキュリティグループで開けます（`db.connections.allowDefaultPortFrom(appServer)`）。そのうえでサーバー側のグループからルールを削除してください。CloudFormation では、AWS::EC2::Instance、AWS::EC2::LaunchTemplate、AWS::AutoScaling::LaunchConfiguration が使うグループに、データベースのポートを含む FromPort-ToPort の SecurityGroupIngress（インラインまたは AWS::EC2::SecurityGroupIngress）を置かないでください。',
  },
  details: {
    'opens': { en: '{what} opens {ports}', ja: '{what} が {ports} を開けています' },
    'port-open': { en: 'a database port is open', ja: 'データベースのポートが開いています' },
    'on-group': { en: '{what} on security group {group}, which is attached to {servers}', ja: 'セキュリティグループ {group}（{servers} に付与）で {what}' },
    'group-outside': { en: '{what}; {why}, so whether it is attached to EC2 servers cannot be verified', ja: '{what}。{why} のため、EC2 サーバーに付与されているかを検証できません' },
  },
  check(resource) {
    if (resource.type === 'AWS::EC2::SecurityGroup') {
      return onGroup(resource, (suffix) =>
        withSuffix(judgeIngressRules(resource, (read, label) => opensDatabasePort(read, label)), suffix));
    }
    if (resource.type !== 'AWS::EC2::SecurityGroupIngress') return NOT_APPLICABLE;
    const own = (): Outcome => opensDatabasePort((path) => resource.prop(path), 'ingress');
    return worst(...groupsOf(resource).map((g): Outcome => {
      if ('found' in g) return onGroup(g.found, (suffix) => withSuffix(own(), suffix));
      if ('absent' in g) return NOT_APPLICABLE;
      const o = own();
      // The group is not in this template: whether EC2 servers use it cannot be seen.
      return o.status === 'non-compliant'
        ? unverifiable('group-outside', { what: o.detail, why: 'outside' in g ? g.outside : g.unknown })
        : o;
    }));
  },
});
