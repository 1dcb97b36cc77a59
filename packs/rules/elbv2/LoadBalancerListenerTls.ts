import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Detail, describeValue, viaNote } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { Alt, isOpaque } from '../../engine/values';
import { judgeList } from '../../engine/lists';
import { lookupOutcome, lookupValue } from '../../engine/lookup';

const TLS_PROTOCOLS = ['HTTPS', 'TLS'];
const CLASSIC_TLS_PROTOCOLS = ['HTTPS', 'SSL'];

/** The `Type` of the load balancer of a listener, per alternative (`application` when absent), or an outcome when unknown. */
export function loadBalancerTypes(listener: Resource): Array<string | Outcome> {
  return listener.prop('LoadBalancerArn').flatMap((alt): Array<string | Outcome> => {
    const l = lookupValue(listener, alt, 'LoadBalancerArn', 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    if (!('found' in l)) return [lookupOutcome(l, unverifiable('lb-arn-not-set', {}))];
    const what = `${l.found.logicalId} Type`;
    return l.found.prop('Type').map((t: Alt) => {
      if (!t.known) return unverifiable('at', { what, why: t.why });
      if (t.value === undefined) return 'application';
      return typeof t.value === 'string' ? t.value.toLowerCase() : unverifiable('value-is', { what, value: describeValue(t.value) });
    });
  });
}

/** Names a path of an action in details: `DefaultActions[0].Type`, or a detail for an action of a listener rule. */
type ActionLabel = (path: string) => string | Detail;

/** An action of an HTTP listener: only a redirect to HTTPS keeps the traffic off plain HTTP. */
function redirectsToHttps(owner: Resource, action: unknown, label: ActionLabel): Outcome {
  return worst(...owner.resolve(action, 'Type').map((t): Outcome => {
    if (!t.known) return unverifiable('at', { what: label('.Type'), why: t.why });
    if (typeof t.value !== 'string') return unverifiable('value-is', { what: label('.Type'), value: describeValue(t.value) });
    if (t.value.toLowerCase() !== 'redirect') return nonCompliant('plain-http-action', { action: label(''), type: t.value });
    return judge(owner.resolve(action, 'RedirectConfig.Protocol'), label('.RedirectConfig.Protocol'),
      (p) => (typeof p === 'string' ? p.toUpperCase() === 'HTTPS' : p === undefined ? false : undefined));
  }));
}

/** An HTTP listener is acceptable only when its default actions and its rules all redirect to HTTPS. */
function httpListener(listener: Resource): Outcome {
  const own = judgeList(listener, listener.prop('DefaultActions'), 'DefaultActions',
    { absent: nonCompliant('http-no-default-actions', {}), mode: 'every' },
    (a, i) => redirectsToHttps(listener, a, (path) => `DefaultActions[${i}]${path}`));
  const rules = listener.template.pointingAt(listener, 'AWS::ElasticLoadBalancingV2::ListenerRule', 'ListenerArn').map((rule) =>
    judgeList(rule, rule.prop('Actions'), `${rule.logicalId} Actions`, { absent: COMPLIANT, mode: 'every' },
      (a, i) => redirectsToHttps(rule, a, (path) => ({ key: 'rule-action', params: { rule: rule.logicalId, index: i, path } }))));
  return worst(own, ...rules);
}

/** Load balancer listeners use TLS (HTTPS/TLS), or only redirect HTTP to HTTPS. */
export const LoadBalancerListenerTls = defineRule({
  id: 'FTG-ELB-1',
  name: 'LoadBalancerListenerTls',
  items: ['DM-1'],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  info: {
    en: 'The load balancer listener accepts unencrypted traffic (HTTP, TCP or UDP) instead of HTTPS/TLS, or an HTTP listener does more than redirect to HTTPS.',
    ja: 'ロードバランサーのリスナーが HTTPS/TLS ではなく暗号化されていない通信 (HTTP・TCP・UDP) を受け付けているか、HTTP リスナーが HTTPS へのリダイレクト以外の処理をしています。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted in transit. A plain HTTP or TCP listener carries requests, session cookies and personal data in clear text over the internet. An HTTP listener is acceptable only when all it does is redirect to HTTPS.',
    ja: 'DM-1 は通信中のデータの暗号化を求めています。平文の HTTP や TCP のリスナーでは、リクエスト、セッション Cookie、個人情報がインターネット上を平文で流れます。HTTP リスナーが許されるのは、HTTPS へのリダイレクトだけを行う場合です。',
  },
  fix: {
    en: 'Use `protocol: elbv2.ApplicationProtocol.HTTPS` with `certificates` on `addListener` (NLB: `protocol: elbv2.Protocol.TLS`), and for port 80 use `alb.addRedirect()` (a redirect to HTTPS). In CloudFormation, set Protocol: HTTPS or TLS on AWS::ElasticLoadBalancingV2::Listener, or for HTTP make every DefaultActions entry (and every AWS::ElasticLoadBalancingV2::ListenerRule action) Type: redirect with RedirectConfig.Protocol: HTTPS; on a classic AWS::ElasticLoadBalancing::LoadBalancer set Listeners[].Protocol to HTTPS or SSL (`externalProtocol: elb.LoadBalancingProtocol.HTTPS`).',
    ja: '`addListener` で `protocol: elbv2.ApplicationProtocol.HTTPS` と `certificates` を指定し（NLB では `protocol: elbv2.Protocol.TLS`）、ポート 80 には `alb.addRedirect()`（HTTPS へのリダイレクト）を使ってください。CloudFormation では AWS::ElasticLoadBalancingV2::Listener の Protocol を HTTPS または TLS にするか、HTTP の場合はすべての DefaultActions（と AWS::ElasticLoadBalancingV2::ListenerRule のアクション）を Type: redirect、RedirectConfig.Protocol: HTTPS にしてください。Classic の AWS::ElasticLoadBalancing::LoadBalancer では Listeners[].Protocol を HTTPS または SSL にしてください（`externalProtocol: elb.LoadBalancingProtocol.HTTPS`）。',
  },
  details: {
    'lb-arn-not-set': { en: 'LoadBalancerArn is not set', ja: 'LoadBalancerArn が未設定です' },
    'plain-http-action': { en: '{action} is a "{type}" action served over plain HTTP', ja: '{action} は平文の HTTP で提供される "{type}" アクションです' },
    'rule-action': { en: 'listener rule {rule} Actions[{index}]{path}', ja: 'リスナールール {rule} の Actions[{index}]{path}' },
    'http-no-default-actions': { en: 'an HTTP listener without DefaultActions', ja: 'DefaultActions のない HTTP リスナーです' },
    'listeners-not-set': { en: 'Listeners is not set', ja: 'Listeners が未設定です' },
    'protocol-not-set': { en: 'Protocol is not set', ja: 'Protocol が未設定です' },
    'plain-protocol': { en: 'Protocol is {protocol}{via}', ja: 'Protocol が {protocol}{via} です' },
  },
  check(resource) {
    if (resource.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
      return judgeList(resource, resource.prop('Listeners'), 'Listeners', { absent: nonCompliant('listeners-not-set', {}), mode: 'every' },
        (l, i) => judge(resource.resolve(l, 'Protocol'), `Listeners[${i}].Protocol`,
          (p) => (typeof p === 'string' ? CLASSIC_TLS_PROTOCOLS.includes(p.toUpperCase()) : p === undefined ? false : undefined)));
    }
    if (resource.type !== 'AWS::ElasticLoadBalancingV2::Listener') return NOT_APPLICABLE;
    return worst(...resource.prop('Protocol').map((alt): Outcome => {
      if (!alt.known) return unverifiable('at', { what: 'Protocol', why: alt.why });
      if (alt.value === undefined) {
        // Gateway Load Balancer listeners have no protocol (GENEVE); others need one.
        return worst(...loadBalancerTypes(resource).map((t) => typeof t !== 'string' ? t
          : t === 'gateway' ? NOT_APPLICABLE : nonCompliant('protocol-not-set', {})));
      }
      if (typeof alt.value !== 'string' || isOpaque(alt.value)) return judge([alt], 'Protocol', () => undefined);
      const protocol = alt.value.toUpperCase();
      if (TLS_PROTOCOLS.includes(protocol)) return COMPLIANT;
      if (protocol === 'HTTP') return httpListener(resource);
      return nonCompliant('plain-protocol', { protocol: alt.value, via: viaNote(alt.via) });
    }));
  },
});
