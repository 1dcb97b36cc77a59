import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Detail, describeValue, viaNote } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { Alt, asBoolean, asNumber } from '../../engine/values';
import { judgeList } from '../ec2/helpers';

/** Predefined ELB security policies whose lowest protocol is TLS 1.2 (or TLS 1.3). */
export const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;
const DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

function judgePolicyName(alt: Alt, what: string | Detail): Outcome {
  if (!alt.known) return unverifiable('at', { what, why: alt.why });
  if (alt.value === undefined) return nonCompliant('policy-not-set', { what, default: DEFAULT_POLICY });
  if (typeof alt.value !== 'string') return judge([alt], what, () => undefined);
  return TLS12_POLICY.test(alt.value) ? COMPLIANT : nonCompliant('policy-old', { what, policy: alt.value, via: viaNote(alt.via) });
}

/** For each alternative of a protocol: not TLS → not applicable; TLS → `ifTls()`. */
function whenTls(alts: readonly Alt[], what: string, tls: readonly string[], ifTls: () => Outcome): Outcome {
  return worst(...alts.map((p): Outcome => {
    if (!p.known) return unverifiable('at', { what, why: p.why });
    if (typeof p.value !== 'string') return p.value === undefined ? NOT_APPLICABLE : unverifiable('value-is', { what, value: describeValue(p.value) });
    return tls.includes(p.value.toUpperCase()) ? ifTls() : NOT_APPLICABLE;
  }));
}

interface ClassicPolicy { name?: string; type?: string; ports: number[]; attributes: Record<string, unknown> }

/** A policy of a classic load balancer, or undefined when its name or type is only known at deployment. */
function readClassicPolicy(lb: Resource, raw: unknown): ClassicPolicy | undefined {
  const one = (path: string): unknown => {
    const a = lb.resolve(raw, path);
    return a.length === 1 && a[0].known ? a[0].value : Symbol.for('unknown');
  };
  const name = one('PolicyName');
  const type = one('PolicyType');
  if (typeof name === 'symbol' || typeof type === 'symbol') return undefined;
  const ports = one('LoadBalancerPorts');
  const attributes: Record<string, unknown> = {};
  const attrs = one('Attributes');
  if (Array.isArray(attrs)) {
    for (const a of attrs) {
      const n = lb.resolve(a, 'Name');
      const v = lb.resolve(a, 'Value');
      if (n.length === 1 && n[0].known && typeof n[0].value === 'string') attributes[n[0].value] = v.length === 1 && v[0].known ? v[0].value : undefined;
    }
  }
  return {
    name: typeof name === 'string' ? name : undefined,
    type: typeof type === 'string' ? type : undefined,
    ports: Array.isArray(ports) ? ports.map((p) => asNumber(p)).filter((p): p is number => p !== undefined) : [],
    attributes,
  };
}

/** A classic SSL negotiation policy: a predefined reference policy, or custom protocol attributes. */
function judgeClassicPolicy(p: ClassicPolicy, policy: Detail): Outcome {
  const ref = p.attributes['Reference-Security-Policy'];
  if (ref !== undefined) return judgePolicyName({ known: true, value: ref }, { key: 'policy-attribute', params: { policy, attribute: 'Reference-Security-Policy' } });
  const on = (k: string) => asBoolean(p.attributes[k]) === true;
  const old = ['Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'].filter(on);
  if (old.length > 0) return nonCompliant('policy-enables', { policy, protocols: old.join(', ') });
  return on('Protocol-TLSv1.2') ? COMPLIANT : unverifiable('policy-no-tls12', { policy });
}

function classic(lb: Resource): Outcome {
  return worst(...lb.prop('Policies').map((policiesAlt): Outcome => {
    if (!policiesAlt.known) return unverifiable('at', { what: 'Policies', why: policiesAlt.why });
    const rawPolicies = policiesAlt.value === undefined ? [] : policiesAlt.value;
    if (!Array.isArray(rawPolicies)) return unverifiable('known-at-deployment', { what: 'Policies' });
    const policies: ClassicPolicy[] = [];
    for (const raw of rawPolicies) {
      const p = readClassicPolicy(lb, raw);
      if (p === undefined) return unverifiable('at', { what: 'Policies', why: { key: 'policy-name-unknown' } });
      if (p.type === 'SSLNegotiationPolicyType') policies.push(p);
    }
    return judgeList(lb, lb.prop('Listeners'), 'Listeners', { absent: NOT_APPLICABLE, mode: 'every' }, (listener, i) =>
      whenTls(lb.resolve(listener, 'Protocol'), `Listeners[${i}].Protocol`, ['HTTPS', 'SSL'], () => {
        const names = lb.resolve(listener, 'PolicyNames').flatMap((a) => (a.known && Array.isArray(a.value) ? a.value : []));
        const ports = lb.resolve(listener, 'LoadBalancerPort').map((a) => (a.known ? asNumber(a.value) : undefined));
        const applied = policies.filter((p) => (p.name !== undefined && names.includes(p.name)) || p.ports.some((port) => ports.includes(port)));
        if (applied.length === 0) return nonCompliant('listener-no-policy', { index: i, default: DEFAULT_POLICY });
        return worst(...applied.map((p) => judgeClassicPolicy(p, p.name
          ? { key: 'listener-policy', params: { index: i, name: p.name } }
          : { key: 'listener-policy-unnamed', params: { index: i } })));
      }));
  }));
}

/** HTTPS/TLS listeners use a security policy whose lowest protocol is TLS 1.2. */
export const LoadBalancerTlsPolicy = defineRule({
  id: 'FTG-ELB-2',
  name: 'LoadBalancerTlsPolicy',
  items: ['DM-1'],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  info: {
    en: 'The HTTPS/TLS listener\'s security policy allows protocols older than TLS 1.2 (or no SslPolicy is set, and the default ELBSecurityPolicy-2016-08 allows TLS 1.0).',
    ja: 'HTTPS/TLS リスナーのセキュリティポリシーが TLS 1.2 より古いプロトコルを許可しています（または SslPolicy が未設定で、デフォルトの ELBSecurityPolicy-2016-08 が TLS 1.0 を許可しています）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit, which only holds with a sound protocol. TLS 1.0 and 1.1 are deprecated (RFC 8996), have known weaknesses and are not allowed by PCI DSS; a listener that still offers them lets a client or an attacker in the middle negotiate them.',
    ja: 'DM-1 は通信中のデータの暗号化を求めており、それは安全なプロトコルを使って初めて成り立ちます。TLS 1.0 と 1.1 は廃止され（RFC 8996）、既知の弱点があり、PCI DSS でも認められていません。それらを提供するリスナーでは、クライアントや中間者がそれらのプロトコルを選ばせることができます。',
  },
  fix: {
    en: 'Set `sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS` (ELBSecurityPolicy-TLS13-1-2-2021-06) or `elbv2.SslPolicy.TLS12` on the HTTPS/TLS listener. In CloudFormation, set SslPolicy to an ELBSecurityPolicy-TLS13-1-2-*, ELBSecurityPolicy-TLS-1-2-* or ELBSecurityPolicy-FS-1-2-* policy on AWS::ElasticLoadBalancingV2::Listener; on a classic AWS::ElasticLoadBalancing::LoadBalancer add an SSLNegotiationPolicyType policy with Reference-Security-Policy ELBSecurityPolicy-TLS-1-2-2017-01 to the listener\'s PolicyNames.',
    ja: 'HTTPS/TLS リスナーに `sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS`（ELBSecurityPolicy-TLS13-1-2-2021-06）または `elbv2.SslPolicy.TLS12` を指定してください。CloudFormation では AWS::ElasticLoadBalancingV2::Listener の SslPolicy を ELBSecurityPolicy-TLS13-1-2-*、ELBSecurityPolicy-TLS-1-2-*、ELBSecurityPolicy-FS-1-2-* のいずれかにしてください。Classic の AWS::ElasticLoadBalancing::LoadBalancer では、Reference-Security-Policy が ELBSecurityPolicy-TLS-1-2-2017-01 の SSLNegotiationPolicyType ポリシーをリスナーの PolicyNames に追加してください。',
  },
  details: {
    'policy-not-set': {
      en: '{what} is not set: the default {default} allows TLS 1.0 and 1.1',
      ja: '{what} が未設定です。デフォルトの {default} は TLS 1.0 と 1.1 を許可します',
    },
    'policy-old': {
      en: '{what} is {policy}{via}, which allows protocols older than TLS 1.2',
      ja: '{what} が {policy}{via} で、TLS 1.2 より古いプロトコルを許可します',
    },
    'policy-name-unknown': { en: 'a policy name or type is only known at deployment', ja: 'ポリシーの名前または種類がデプロイ時にしか決まりません' },
    'listener-policy': { en: 'Listeners[{index}] policy {name}', ja: 'Listeners[{index}] のポリシー {name}' },
    'listener-policy-unnamed': { en: 'Listeners[{index}] policy', ja: 'Listeners[{index}] のポリシー' },
    'policy-attribute': { en: '{policy} {attribute}', ja: '{policy} の {attribute}' },
    'policy-enables': { en: '{policy} enables {protocols}', ja: '{policy} で {protocols} が有効です' },
    'policy-no-tls12': {
      en: '{policy} names no Reference-Security-Policy and does not enable Protocol-TLSv1.2',
      ja: '{policy} は Reference-Security-Policy を指定しておらず、Protocol-TLSv1.2 も有効にしていません',
    },
    'listener-no-policy': {
      en: 'Listeners[{index}] has no SSLNegotiationPolicyType policy: the default {default} allows TLS 1.0 and 1.1',
      ja: 'Listeners[{index}] に SSLNegotiationPolicyType のポリシーがありません。デフォルトの {default} は TLS 1.0 と 1.1 を許可します',
    },
  },
  check(resource) {
    if (resource.type === 'AWS::ElasticLoadBalancing::LoadBalancer') return classic(resource);
    if (resource.type !== 'AWS::ElasticLoadBalancingV2::Listener') return NOT_APPLICABLE;
    return whenTls(resource.prop('Protocol'), 'Protocol', ['HTTPS', 'TLS'],
      () => worst(...resource.prop('SslPolicy').map((a) => judgePolicyName(a, 'SslPolicy'))));
  },
});
