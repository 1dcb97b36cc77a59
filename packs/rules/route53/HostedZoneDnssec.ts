import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, nonCompliant, worst } from '../../engine/rule';
import { best } from '../ec2/helpers';
import { forPublicZone, PUBLIC_ZONE_DETAILS } from './common';

/** Public hosted zones are signed with DNSSEC. */
export const HostedZoneDnssec = defineRule({
  id: 'FTG-R53-1',
  name: 'HostedZoneDnssec',
  items: ['BP-5', 'CF-4'],
  resourceTypes: ['AWS::Route53::HostedZone'],
  info: {
    en: 'The public hosted zone is not signed with DNSSEC (no AWS::Route53::DNSSEC with an active key-signing key).',
    ja: 'パブリックホストゾーンが DNSSEC で署名されていません（AWS::Route53::DNSSEC と有効な鍵署名鍵がありません）。',
  },
  explanation: {
    en: 'BP-5 asks for DNSSEC where it applies, and CF-4 names DNS cache poisoning as a threat to defend against. DNSSEC signs the zone\'s records so that validating resolvers reject forged answers that would send customers to an attacker\'s server.',
    ja: 'BP-5 は該当する場合に DNSSEC を利用することを求め、CF-4 は DNS キャッシュポイズニングを防御すべき脅威に挙げています。DNSSEC はゾーンのレコードに署名し、検証を行うリゾルバーが、利用者を攻撃者のサーバーに誘導する偽の応答を拒否できるようにします。',
  },
  fix: {
    en: 'Call `zone.enableDnssec({ kmsKey })` on `route53.PublicHostedZone` with an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY, in us-east-1), then add the DS record at the parent zone or registrar. In CloudFormation, add an AWS::Route53::KeySigningKey (Status ACTIVE) and an AWS::Route53::DNSSEC whose HostedZoneId is a Ref to the AWS::Route53::HostedZone.',
    ja: '`route53.PublicHostedZone` で非対称 KMS キー（ECC_NIST_P256、SIGN_VERIFY、us-east-1）を指定して `zone.enableDnssec({ kmsKey })` を呼び、親ゾーンまたはレジストラに DS レコードを登録してください。CloudFormation では、HostedZoneId が AWS::Route53::HostedZone への Ref である AWS::Route53::KeySigningKey（Status ACTIVE）と AWS::Route53::DNSSEC を追加してください。',
  },
  details: {
    ...PUBLIC_ZONE_DETAILS,
    noDnssec: {
      en: 'no AWS::Route53::DNSSEC in the template has this zone as HostedZoneId',
      ja: 'テンプレートに、このホストゾーンを HostedZoneId とする AWS::Route53::DNSSEC がありません',
    },
    noKeySigningKey: {
      en: 'no AWS::Route53::KeySigningKey in the template has this zone as HostedZoneId',
      ja: 'テンプレートに、このホストゾーンを HostedZoneId とする AWS::Route53::KeySigningKey（鍵署名鍵）がありません',
    },
  },
  check(zone) {
    if (zone.type !== 'AWS::Route53::HostedZone') return NOT_APPLICABLE;
    return forPublicZone(zone, () => {
      const dnssec = zone.template.pointingAt(zone, 'AWS::Route53::DNSSEC', 'HostedZoneId');
      const keys = zone.template.pointingAt(zone, 'AWS::Route53::KeySigningKey', 'HostedZoneId');
      if (dnssec.length === 0) return nonCompliant('noDnssec', {});
      if (keys.length === 0) return nonCompliant('noKeySigningKey', {});
      const active = best(...keys.map((k) => judge(k.prop('Status'), `${k.logicalId} Status`,
        (s) => (typeof s === 'string' ? s.toUpperCase() === 'ACTIVE' : s === undefined ? false : undefined))));
      return worst(COMPLIANT, active);
    });
  },
});
