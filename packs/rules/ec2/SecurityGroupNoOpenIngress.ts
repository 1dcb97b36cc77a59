import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { Constrained, isOpaque } from '../../engine/values';
import { Detail, describeValue, reason } from '../../engine/messages';
import { describeRange, judgeIngressRules, portRanges, RuleReader } from './helpers';

/** Ports that may be open to the whole internet: HTTP and HTTPS, over TCP, one port each. */
const PUBLIC_PORTS = [80, 443];

/** Resources whose CIDR attributes are never the whole internet (a VPC CIDR block is /16 to /28). */
const NETWORK_TYPES = new Set(['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::VPCCidrBlock', 'AWS::EC2::IPAMPool']);

/** The ways to write the whole address space that a parameter's AllowedPattern could admit. */
const WHOLE_INTERNET = ['0.0.0.0/0', '::/0', '0::/0', '0:0:0:0:0:0:0:0/0'];

/** true: the CIDR is the whole address space (prefix length 0); false: it is not; undefined: unknown. */
function isWholeInternet(value: unknown, resource: Resource): boolean | undefined {
  if (value === undefined) return false;
  if (typeof value === 'string') {
    const [, prefix] = value.trim().split('/');
    return prefix !== undefined && Number(prefix) === 0;
  }
  // A parameter with an AllowedPattern: open only if the pattern admits a prefix length of 0.
  if (value instanceof Constrained) return WHOLE_INTERNET.some((c) => value.admits(c)) ? undefined : false;
  if (isOpaque(value)) {
    const ids = resource.referencedIds(value.raw);
    if (ids.length > 0 && ids.every((id) => NETWORK_TYPES.has(resource.template.resource(id)?.type ?? ''))) return false;
  }
  return undefined;
}

function judgeRule(resource: Resource, read: RuleReader, label: string): Outcome {
  const outcomes: Outcome[] = [];
  for (const prop of ['CidrIp', 'CidrIpv6']) {
    for (const alt of read(prop)) {
      // Is this source the whole internet?
      let source: { open: Detail } | { unknown: Detail } | undefined;
      if (!alt.known) source = { unknown: reason('at', { what: `${label}.${prop}`, why: alt.why }) };
      else {
        const verdict = isWholeInternet(alt.value, resource);
        if (verdict === true) source = { open: reason(alt.via ? 'source-via' : 'source', { prop, value: describeValue(alt.value), via: alt.via }) };
        else if (verdict === undefined) source = { unknown: reason('only-at-deployment', { what: `${label}.${prop}`, value: describeValue(alt.value) }) };
      }
      if (!source) { outcomes.push(COMPLIANT); continue; }
      // The source is (or may be) the internet: only TCP 80 and 443, one port at a time, are allowed.
      // Port alternatives from the other branch of the same Fn::If condition as the source are left out.
      for (const r of portRanges(read, alt)) {
        if (r.kind === 'unknown') outcomes.push(unverifiable('at', { what: label, why: r.why }));
        else if (r.kind === 'range' && r.protocol === 'tcp' && r.from === r.to && PUBLIC_PORTS.includes(r.from)) outcomes.push(COMPLIANT);
        else if ('open' in source) outcomes.push(nonCompliant('allows', { what: label, range: describeRange(r), source: source.open }));
        else outcomes.push(unverifiable('would-allow', { why: source.unknown, range: describeRange(r) }));
      }
    }
  }
  return worst(COMPLIANT, ...outcomes);
}

/** No security group rule lets the whole internet in, except TCP 80 and 443. */
export const SecurityGroupNoOpenIngress = defineRule({
  id: 'FTG-EC2-1',
  name: 'SecurityGroupNoOpenIngress',
  items: ['BP-1', 'CF-4'],
  resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  info: {
    en: 'The security group allows inbound traffic from the whole internet (0.0.0.0/0 or ::/0) on a port other than TCP 80 or 443.',
    ja: 'セキュリティグループがインターネット全体 (0.0.0.0/0 または ::/0) から TCP 80・443 以外のポートへの受信を許可しています。',
  },
  explanation: {
    en: 'BP-1 asks for defence in several layers and CF-4 for cyber defence: the network layer must not expose administration ports (SSH, RDP), databases or every port to the internet, where they are scanned and attacked within minutes. Only the web ports of a public service belong there; everything else is reached through a load balancer, Session Manager or a VPN.',
    ja: 'BP-1 は多重対策を、CF-4 はサイバー防衛を求めています。ネットワーク層で管理用ポート (SSH・RDP)、データベース、全ポートをインターネットに公開すると、数分で走査・攻撃の対象になります。インターネットに開けてよいのは公開 Web サービスのポートだけで、それ以外はロードバランサー、Session Manager、VPN 経由で到達させます。',
  },
  fix: {
    en: 'Restrict the peer: `securityGroup.addIngressRule(ec2.Peer.ipv4(\'203.0.113.0/24\'), ec2.Port.tcp(22))`, a prefix list (`ec2.Peer.prefixList(...)`) or another security group (`connections.allowFrom(otherGroup, port)`) instead of `ec2.Peer.anyIpv4()`/`anyIpv6()`; use Session Manager instead of SSH. In CloudFormation, SecurityGroupIngress[].CidrIp/CidrIpv6 must not be 0.0.0.0/0 or ::/0 unless IpProtocol is tcp and FromPort = ToPort = 80 or 443 (use SourcePrefixListId or SourceSecurityGroupId).',
    ja: '`ec2.Peer.anyIpv4()`/`anyIpv6()` ではなく、接続元を限定してください（`securityGroup.addIngressRule(ec2.Peer.ipv4(\'203.0.113.0/24\'), ec2.Port.tcp(22))`、プレフィックスリスト `ec2.Peer.prefixList(...)`、別のセキュリティグループからの `connections.allowFrom(otherGroup, port)`）。SSH の代わりに Session Manager を使ってください。CloudFormation では SecurityGroupIngress[].CidrIp/CidrIpv6 を 0.0.0.0/0 や ::/0 にしてよいのは IpProtocol が tcp で FromPort = ToPort = 80 または 443 の場合だけです（SourcePrefixListId か SourceSecurityGroupId を使ってください）。',
  },
  details: {
    source: { en: '{prop} {value}', ja: '{prop} {value}' },
    'source-via': { en: '{prop} {value} ({via})', ja: '{prop} {value}（{via}）' },
    allows: { en: '{what} allows {range} from {source}', ja: '{what} が {source} から {range} を許可しています' },
    'would-allow': { en: '{why}; it would allow {range}', ja: '{why}。インターネットからなら {range} を許可することになります' },
  },
  check(resource) {
    if (resource.type !== 'AWS::EC2::SecurityGroup' && resource.type !== 'AWS::EC2::SecurityGroupIngress') return NOT_APPLICABLE;
    return judgeIngressRules(resource, (read, label) => judgeRule(resource, read, label));
  },
});
