import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import type { Detail } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { Alt, isOpaque } from '../../engine/values';
import { isTrue } from '../../engine/resource-policy';
import { launchTemplatesOf as launchTemplateLookups } from '../ec2/helpers';

const VOLUME = 'AWS::EC2::Volume';
const INSTANCE = 'AWS::EC2::Instance';
const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';

/** No EBS mapping at all: the root volume's encryption is left to the AMI or the account default. */
const rootFromAmi = (): Outcome => nonCompliant('root-from-ami', {});

/**
 * EBS volumes are encrypted: AWS::EC2::Volume Encrypted; AWS::EC2::Instance
 * BlockDeviceMappings[].Ebs.Encrypted; AWS::EC2::LaunchTemplate
 * LaunchTemplateData.BlockDeviceMappings[].Ebs.Encrypted; AWS::AutoScaling::LaunchConfiguration
 * BlockDeviceMappings[].Ebs.Encrypted. Instance-store (VirtualName) and NoDevice entries are ignored.
 *
 * Decision on "no mapping at all": non-compliant, not unverifiable. The root volume then takes its
 * encryption from the AMI's snapshot or from the account's "EBS encryption by default", neither of
 * which is in the template nor fixed by it; but the template can state it (one mapping for the root
 * device with Encrypted: true), so it is a fixable gap in the code, not a value unknown before
 * deployment. The same holds for an absent Encrypted (only the snapshot or the account default
 * would encrypt the volume).
 *
 * An instance whose launch template is in the template is judged with that template's mappings (they
 * merge with the instance's), and a launch template used only by instances of this template is not
 * applicable (the instances carry the finding, so a CDK `requireImdsv2` template does not report
 * twice). A launch template from outside the template makes an instance without mappings unverifiable.
 * Limitation: which device is the root device depends on the AMI; mappings for data volumes only are
 * accepted when they are all encrypted.
 */
export const EbsEncrypted = defineRule({
  id: 'FTG-EBS-1',
  name: 'EbsEncrypted',
  items: ['DM-1'],
  resourceTypes: [VOLUME, INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
  info: {
    en: 'An EBS volume is not, or not stated to be, encrypted.',
    ja: 'EBS ボリュームが暗号化されていない、または暗号化がテンプレートで明示されていません。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted at rest. An unencrypted EBS volume, and every snapshot taken from it, can be read by anyone who can copy or share the snapshot. Encryption is a setting at creation and cannot be added to an existing volume.',
    ja: 'DM-1 は保管時のデータ暗号化を求めています。暗号化されていない EBS ボリュームとそのスナップショットは、スナップショットをコピー・共有できる人なら誰でも読めます。暗号化は作成時の設定で、既存のボリュームに後から付けることはできません。',
  },
  fix: {
    en: 'Use `ec2.BlockDeviceVolume.ebs(size, { encrypted: true })` in `blockDevices` of `ec2.Instance` / `ec2.LaunchTemplate` (including the root device, e.g. /dev/xvda), and `encrypted: true` on `ec2.Volume`; in CloudFormation set Ebs.Encrypted: true in BlockDeviceMappings (LaunchTemplateData.BlockDeviceMappings for a launch template) and Encrypted: true on AWS::EC2::Volume.',
    ja: '`ec2.Instance` / `ec2.LaunchTemplate` の `blockDevices` でルートデバイス（例: /dev/xvda）を含めて `ec2.BlockDeviceVolume.ebs(size, { encrypted: true })` を使い、`ec2.Volume` には `encrypted: true` を指定してください。CloudFormation では BlockDeviceMappings（起動テンプレートでは LaunchTemplateData.BlockDeviceMappings）の Ebs.Encrypted と AWS::EC2::Volume の Encrypted を true にしてください。',
  },
  details: {
    'volume-encrypted-not-set': {
      en: 'Encrypted is not set: the volume is encrypted only if its snapshot or the account default (EBS encryption by default) says so; state it',
      ja: 'Encrypted が未設定です。ボリュームが暗号化されるのは、スナップショットかアカウントの既定（EBS のデフォルト暗号化）がそう定めている場合だけです。明示してください',
    },
    'root-from-ami': {
      en: 'no block device mapping is stated, so root volume encryption depends on the AMI or on the account default (EBS encryption by default); state it with a mapping whose Ebs.Encrypted is true',
      ja: 'ブロックデバイスマッピングが指定されていないため、ルートボリュームの暗号化は AMI かアカウントの既定（EBS のデフォルト暗号化）次第です。Ebs.Encrypted が true のマッピングで明示してください',
    },
    'instance-and-lt-no-mappings': {
      en: 'neither the instance nor launch template {launchTemplate} states BlockDeviceMappings: {why}',
      ja: 'インスタンスにも起動テンプレート {launchTemplate} にも BlockDeviceMappings がありません。{why}',
    },
    'lt-outside': {
      en: 'BlockDeviceMappings is not set and the block devices come from a launch template that is not in this template',
      ja: 'BlockDeviceMappings が未設定で、ブロックデバイスはこのテンプレートにない起動テンプレートから決まります',
    },
    'lt-prop': { en: 'launch template {launchTemplate} {path}', ja: '起動テンプレート {launchTemplate} の {path}' },
  },
  check(resource, ctx) {
    switch (resource.type) {
      case VOLUME:
        return worst(...resource.prop('Encrypted').map((alt) => (alt.known && alt.value === undefined
          ? nonCompliant('volume-encrypted-not-set', {})
          : judge([alt], 'Encrypted', isTrue))));
      case LAUNCH_CONFIGURATION:
        return mappings(resource, resource.prop('BlockDeviceMappings'), (path) => path, rootFromAmi);
      case LAUNCH_TEMPLATE: {
        const users = ctx.template.referrersOf(resource.logicalId);
        if (users.length > 0 && users.every((u) => u.type === INSTANCE)) return NOT_APPLICABLE;
        return ltMappings(resource, rootFromAmi);
      }
      case INSTANCE:
        return instance(resource);
      default:
        return NOT_APPLICABLE;
    }
  },
});

function instance(inst: Resource): Outcome {
  const ltSet = inst.prop('LaunchTemplate').some((a) => !a.known || a.value !== undefined);
  const lts = launchTemplatesOf(inst);
  const fromLaunchTemplate = (): Outcome => {
    if (lts.length > 0) return worst(...lts.map((lt) => ltMappings(lt, () => nonCompliant('instance-and-lt-no-mappings', { launchTemplate: lt.logicalId, why: { key: 'root-from-ami' } }))));
    if (ltSet) return unverifiable('lt-outside', {});
    return rootFromAmi();
  };
  const own = mappings(inst, inst.prop('BlockDeviceMappings'), (path) => path, fromLaunchTemplate);
  // The launch template's mappings merge with the instance's: an unencrypted one there is created too.
  const merged = lts.map((lt) => ltMappings(lt, () => COMPLIANT));
  return worst(own, ...merged);
}

/** Launch templates of this template that an instance uses (by reference, or by literal name). */
function launchTemplatesOf(inst: Resource): Resource[] {
  if (inst.properties.LaunchTemplate === undefined) return [];
  return [...new Set(launchTemplateLookups(inst).flatMap((l) => ('found' in l ? [l.found] : [])))];
}

function ltMappings(lt: Resource, onNone: () => Outcome): Outcome {
  return mappings(lt, lt.prop('LaunchTemplateData.BlockDeviceMappings'), (path) => ({ key: 'lt-prop', params: { launchTemplate: lt.logicalId, path } }), onNone);
}

/**
 * Judge a BlockDeviceMappings list (every alternative). `onNone` decides when there is no EBS mapping
 * at all (absent, empty, or only instance-store/NoDevice entries). `where` names a path under the
 * list in details (`BlockDeviceMappings[0].Ebs.Encrypted`, or that of a launch template).
 */
function mappings(resource: Resource, alts: readonly Alt[], where: (path: string) => string | Detail, onNone: () => Outcome): Outcome {
  return worst(...alts.map((alt): Outcome => {
    if (!alt.known || isOpaque(alt.value)) return judge([alt], where('BlockDeviceMappings'), () => undefined);
    if (alt.value === undefined || !Array.isArray(alt.value)) return onNone();
    const outcomes: Outcome[] = [];
    alt.value.forEach((raw, i) => {
      for (const m of resource.resolve(raw)) {
        if (!m.known || isOpaque(m.value)) { outcomes.push(judge([m], where(`BlockDeviceMappings[${i}]`), () => undefined)); continue; }
        const entry = m.value;
        if (entry === undefined || entry === null || typeof entry !== 'object') continue;
        if (ignored(resource, entry)) continue;
        outcomes.push(judge(resource.resolve(entry, 'Ebs.Encrypted'), where(`BlockDeviceMappings[${i}].Ebs.Encrypted`), isTrue));
      }
    });
    return outcomes.length ? worst(...outcomes) : onNone();
  }));
}

/** Instance-store (VirtualName) and suppressed (NoDevice) entries carry no EBS volume. */
function ignored(resource: Resource, entry: object): boolean {
  const e = entry as Record<string, unknown>;
  if (e.Ebs !== undefined) return false;
  if (e.VirtualName !== undefined) return true;
  if (e.NoDevice !== undefined) {
    // Instance: {} / LaunchTemplate: "" / LaunchConfiguration: true. Only an explicit false keeps the device.
    return !resource.resolve(e.NoDevice).every((a) => a.known && (a.value === false || a.value === 'false'));
  }
  return true;
}
