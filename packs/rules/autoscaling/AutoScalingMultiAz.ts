import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { Alt, isOpaque, Opaque } from '../../engine/values';
import { describeValue, viaNote } from '../../engine/messages';

/**
 * A key that is the same for two list entries that are the same subnet (or the same Availability
 * Zone). Entries whose value is only known at deployment (a Ref to a subnet or a parameter) count as
 * distinct; subnets of the template are compared by their AvailabilityZone when it is written.
 * `undefined` when the entry may be absent (`AWS::NoValue` in a branch).
 */
function entryKey(group: Resource, raw: unknown, subnets: boolean): string | undefined {
  const alts: Alt[] = group.resolve(raw);
  if (alts.some((a) => a.known && (a.value === undefined || a.value === null))) return undefined;
  if (alts.length !== 1) return `raw:${JSON.stringify(raw)}`;
  const a = alts[0];
  if (!a.known) return `raw:${JSON.stringify(raw)}`;
  if (typeof a.value === 'string') return `value:${a.value.trim()}`;
  if (subnets && a.value instanceof Opaque && a.value.target) {
    const subnet = group.template.resource(a.value.target);
    if (subnet?.type === 'AWS::EC2::Subnet') {
      for (const prop of ['AvailabilityZone', 'AvailabilityZoneId']) {
        const az = subnet.prop(prop);
        if (az.length === 1 && az[0].known && az[0].value !== undefined) {
          const v = az[0].value;
          return `${prop}:${v instanceof Opaque ? JSON.stringify(v.raw) : String(v)}`;
        }
      }
    }
  }
  return `raw:${JSON.stringify(raw)}`;
}

function countDistinct(group: Resource, alt: Alt, what: string, subnets: boolean): Outcome {
  if (!alt.known) return unverifiable('at', { what, why: alt.why });
  const via = viaNote(alt.via);
  let keys: Set<string>;
  if (typeof alt.value === 'string') {
    // A comma-delimited list parameter (its default or allowed value).
    keys = new Set(alt.value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
  } else if (Array.isArray(alt.value)) {
    keys = new Set(alt.value.map((raw) => entryKey(group, raw, subnets)).filter((k): k is string => k !== undefined));
  } else if (isOpaque(alt.value) && !subnets && alt.value.fn === 'Fn::GetAZs') {
    return COMPLIANT; // every Availability Zone of the region: at least two in every region
  } else {
    return unverifiable('listUnknown', { what, value: describeValue(alt.value), via });
  }
  if (keys.size >= 2) return COMPLIANT;
  const sameAz = subnets && Array.isArray(alt.value) && alt.value.length >= 2;
  // English needs the singular for one: the keys ending in "One".
  const one = keys.size === 1;
  if (sameAz) return nonCompliant(one ? 'sameZoneOne' : 'sameZone', { what, subnets: (alt.value as unknown[]).length, count: keys.size, via });
  return nonCompliant(subnets ? (one ? 'subnetsOne' : 'subnets') : (one ? 'zonesOne' : 'zones'), { what, count: keys.size, via });
}

/** An Auto Scaling group spans at least two Availability Zones. */
export const AutoScalingMultiAz = defineRule({
  id: 'FTG-ASG-2',
  name: 'AutoScalingMultiAz',
  items: ['CF-1', 'BP-6'],
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  info: {
    en: 'The Auto Scaling group runs in a single subnet or Availability Zone.',
    ja: 'Auto Scaling グループが単一のサブネットまたはアベイラビリティーゾーンで稼働しています。',
  },
  explanation: {
    en: 'CF-1 asks for redundancy against failure, and BP-6 forbids a single point of failure. A group confined to one Availability Zone stops with that zone; with two or more, Auto Scaling rebalances and replaces servers in the zones that still work.',
    ja: 'CF-1 は障害に備えた冗長化を求め、BP-6 は単一障害点（SPOF）を許さないとしています。1 つのアベイラビリティーゾーンに閉じたグループはそのゾーンの障害で停止します。2 つ以上にまたがれば、Auto Scaling が稼働中のゾーンでサーバーを置き換え、再配置します。',
  },
  fix: {
    en: 'Give the group subnets in at least two Availability Zones: `vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }` on `autoscaling.AutoScalingGroup` with a VPC of `maxAzs` ≥ 2 (or `availabilityZones` in the subnet selection). In CloudFormation, set VPCZoneIdentifier to two or more subnets in different Availability Zones (or AvailabilityZones to two or more zones).',
    ja: '2 つ以上のアベイラビリティーゾーンのサブネットを指定してください: `maxAzs` が 2 以上の VPC で、`autoscaling.AutoScalingGroup` に `vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }`（またはサブネット選択の `availabilityZones`）を指定します。CloudFormation では VPCZoneIdentifier に異なるアベイラビリティーゾーンのサブネットを 2 つ以上（または AvailabilityZones に 2 つ以上のゾーン）を指定してください。',
  },
  details: {
    listUnknown: { en: '{what} is {value}{via}, a list only known at deployment', ja: '{what} は {value}{via} で、デプロイ時にしか決まらないリストです' },
    sameZone: {
      en: '{what} lists {subnets} subnets in only {count} Availability Zones{via}',
      ja: '{what} の {subnets} 個のサブネットが {count} つのアベイラビリティーゾーンにしかありません{via}',
    },
    sameZoneOne: {
      en: '{what} lists {subnets} subnets in only {count} Availability Zone{via}',
      ja: '{what} の {subnets} 個のサブネットが {count} つのアベイラビリティーゾーンにしかありません{via}',
    },
    subnets: { en: '{what} has {count} subnets{via}', ja: '{what} のサブネットが {count} 個しかありません{via}' },
    subnetsOne: { en: '{what} has {count} subnet{via}', ja: '{what} のサブネットが {count} 個しかありません{via}' },
    zones: { en: '{what} has {count} Availability Zones{via}', ja: '{what} のアベイラビリティーゾーンが {count} 個しかありません{via}' },
    zonesOne: { en: '{what} has {count} Availability Zone{via}', ja: '{what} のアベイラビリティーゾーンが {count} 個しかありません{via}' },
    noPlacement: { en: 'neither VPCZoneIdentifier nor AvailabilityZones is set', ja: 'VPCZoneIdentifier も AvailabilityZones も未設定です' },
  },
  check(group) {
    if (group.type !== 'AWS::AutoScaling::AutoScalingGroup') return NOT_APPLICABLE;
    const zones = (): Outcome => worst(...group.prop('AvailabilityZones').map((alt) =>
      alt.known && alt.value === undefined
        ? nonCompliant('noPlacement', {})
        : countDistinct(group, alt, 'AvailabilityZones', false)));
    return worst(...group.prop('VPCZoneIdentifier').map((alt) =>
      alt.known && alt.value === undefined ? zones() : countDistinct(group, alt, 'VPCZoneIdentifier', true)));
  },
});
