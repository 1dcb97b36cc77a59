import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { describeValue } from '../../engine/messages';
import { Alt, isOpaque } from '../../engine/values';
import { lookupOutcome, lookupValue, showHoles, textsOf } from '../../engine/lookup';
import { judgeList, launchTemplatesOf } from './helpers';

const POLICY = 'AmazonSSMManagedInstanceCore';
/**
 * The AWS managed policy (account `aws`), in any partition; or its deprecated predecessor
 * `service-role/AmazonEC2RoleforSSM`, which still lets the SSM agent register (Checkov and the Guard
 * Rules Registry accept it too).
 */
const POLICY_ARN = /:iam::aws:policy\/(?:[^/]*\/)*(?:AmazonSSMManagedInstanceCore|AmazonEC2RoleforSSM)$/;

function judgePolicyArn(role: Resource, value: unknown): Outcome {
  if (typeof value === 'string') return POLICY_ARN.test(value) ? COMPLIANT : nonCompliant();
  if (isOpaque(value)) {
    // An ARN written with Join/Sub: its literal parts say which policy it is (the partition is a variable).
    const texts = value.fn === 'Fn::Join' || value.fn === 'Fn::Sub' ? textsOf(role, value.raw).map((t) => showHoles(t)) : [];
    if (texts.length > 0 && texts.every((t) => t.includes(':policy/'))) return texts.every((t) => POLICY_ARN.test(t)) ? COMPLIANT : nonCompliant();
    // A customer managed policy of this template is not the AWS managed one.
    if (value.target && value.fn === 'Ref') return nonCompliant();
    return unverifiable('only-at-deployment', { what: { key: 'managed-policy-arn' }, value: describeValue(value) });
  }
  return nonCompliant();
}

function judgeRole(role: Resource): Outcome {
  const o = judgeList(role, role.prop('ManagedPolicyArns'), `${role.logicalId} ManagedPolicyArns`,
    { absent: nonCompliant(), mode: 'some', opaqueElements: true }, (v) => judgePolicyArn(role, v));
  return o.status === 'non-compliant' ? nonCompliant('no-policy', { role: role.logicalId, policy: POLICY }) : o;
}

function judgeProfile(profile: Resource): Outcome {
  return judgeList(profile, profile.prop('Roles'), `${profile.logicalId} Roles`,
    { absent: nonCompliant('no-role', { profile: profile.logicalId }), mode: 'some', opaqueElements: true },
    (v) => {
      const l = lookupValue(profile, { known: true, value: v }, `${profile.logicalId} Roles`, 'AWS::IAM::Role', { nameProp: 'RoleName' });
      return 'found' in l ? judgeRole(l.found) : lookupOutcome(l, nonCompliant('no-role', { profile: profile.logicalId }));
    });
}

/** An instance profile name, or the name at the end of an instance profile ARN. */
const profileName = (s: string) => (s.startsWith('arn:') ? s.slice(s.lastIndexOf('/') + 1) : s);

function judgeProfileRef(resource: Resource, alt: Alt, what: string, whenAbsent: () => Outcome): Outcome {
  const l = lookupValue(resource, alt, what, 'AWS::IAM::InstanceProfile', { nameProp: 'InstanceProfileName', literalToName: profileName });
  return 'found' in l ? judgeProfile(l.found) : 'absent' in l ? whenAbsent() : lookupOutcome(l, whenAbsent());
}

/** Resources that use a launch template but set the instance role themselves. */
const ROLE_GIVING_USERS = ['AWS::EKS::Nodegroup', 'AWS::Batch::ComputeEnvironment'];

const NO_PROFILE = (what: string) => nonCompliant('no-profile', { what });

function judgeLaunchTemplate(lt: Resource): Outcome {
  const what = `${lt.logicalId} LaunchTemplateData.IamInstanceProfile`;
  return worst(...lt.prop('LaunchTemplateData.IamInstanceProfile').map((spec): Outcome => {
    if (!spec.known) return unverifiable('at', { what, why: spec.why });
    if (spec.value === undefined) return NO_PROFILE(what);
    if (isOpaque(spec.value) || typeof spec.value !== 'object') return unverifiable('only-at-deployment', { what, value: describeValue(spec.value) });
    const refs = [...lt.resolve(spec.value, 'Arn'), ...lt.resolve(spec.value, 'Name')].filter((a) => !(a.known && a.value === undefined));
    if (refs.length === 0) return NO_PROFILE(what);
    return worst(...refs.map((a) => judgeProfileRef(lt, a, what, () => NO_PROFILE(what))));
  }));
}

/** EC2 servers have an instance role with AmazonSSMManagedInstanceCore, so that Patch Manager can patch them. */
export const InstanceManagedBySsm = defineRule({
  id: 'FTG-EC2-5',
  name: 'InstanceManagedBySsm',
  items: ['CF-3', 'CM-4'],
  resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  info: {
    en: 'The EC2 server has no instance role with the AWS managed policy AmazonSSMManagedInstanceCore, so Systems Manager (Patch Manager) cannot patch it.',
    ja: 'EC2 サーバーに AWS 管理ポリシー AmazonSSMManagedInstanceCore を持つインスタンスロールがないため、Systems Manager（Patch Manager）でパッチを適用できません。',
  },
  explanation: {
    en: 'CM-4 asks for a patching process and CF-3 for malware protection and patching. Patch Manager, Inventory and Session Manager only reach instances whose SSM agent can register, which needs an instance role with AmazonSSMManagedInstanceCore. Without it, patches depend on someone logging in by hand, which also needs open SSH ports. (Teams that enable Default Host Management Configuration for the whole account may acknowledge this rule with that reason.)',
    ja: 'CM-4 はパッチ適用のプロセスを、CF-3 はマルウェア対策とパッチ適用を求めています。Patch Manager、インベントリ、Session Manager は SSM エージェントが登録できたインスタンスにしか届かず、それには AmazonSSMManagedInstanceCore を持つインスタンスロールが必要です。これがないとパッチ適用は手作業のログインに頼ることになり、SSH ポートも開けることになります。（アカウント全体でデフォルトホスト管理設定を有効にしている場合は、その理由で承認（acknowledge）できます。）',
  },
  fix: {
    en: 'Give the server a role with the policy: `role: new iam.Role(this, \'Role\', { assumedBy: new iam.ServicePrincipal(\'ec2.amazonaws.com\'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(\'AmazonSSMManagedInstanceCore\')] })` on `ec2.Instance`, `ec2.LaunchTemplate` or `autoscaling.AutoScalingGroup` (or `ssmSessionPermissions: true` on `ec2.Instance`). In CloudFormation, set IamInstanceProfile (AWS::EC2::Instance, AWS::AutoScaling::LaunchConfiguration) or LaunchTemplateData.IamInstanceProfile (AWS::EC2::LaunchTemplate) to an AWS::IAM::InstanceProfile whose role has arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore in ManagedPolicyArns.',
    ja: 'ポリシーを持つロールをサーバーに付与してください: `ec2.Instance`、`ec2.LaunchTemplate`、`autoscaling.AutoScalingGroup` に `role: new iam.Role(this, \'Role\', { assumedBy: new iam.ServicePrincipal(\'ec2.amazonaws.com\'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(\'AmazonSSMManagedInstanceCore\')] })` を指定します（`ec2.Instance` では `ssmSessionPermissions: true` でも可）。CloudFormation では IamInstanceProfile（AWS::EC2::Instance、AWS::AutoScaling::LaunchConfiguration）または LaunchTemplateData.IamInstanceProfile（AWS::EC2::LaunchTemplate）に、ManagedPolicyArns に arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore を含むロールの AWS::IAM::InstanceProfile を指定してください。',
  },
  details: {
    'managed-policy-arn': { en: 'a managed policy ARN', ja: 'マネージドポリシーの ARN' },
    'no-policy': { en: 'role {role} does not have the AWS managed policy {policy} (or the older AmazonEC2RoleforSSM) in ManagedPolicyArns', ja: 'ロール {role} の ManagedPolicyArns に AWS 管理ポリシー {policy}（または旧来の AmazonEC2RoleforSSM）がありません' },
    'no-role': { en: 'instance profile {profile} has no role', ja: 'インスタンスプロファイル {profile} にロールがありません' },
    'no-profile': { en: '{what} is not set: the server has no instance role, so Systems Manager cannot manage or patch it', ja: '{what} が未設定です。サーバーにインスタンスロールがないため、Systems Manager で管理・パッチ適用できません' },
  },
  check(resource) {
    switch (resource.type) {
      case 'AWS::EC2::LaunchTemplate':
        // EKS managed node groups and Batch compute environments give the instance role themselves
        // (EKS even rejects a launch template with an instance profile).
        if (ROLE_GIVING_USERS.some((t) => resource.template.referrersOf(resource.logicalId, t).length > 0)) return NOT_APPLICABLE;
        return judgeLaunchTemplate(resource);
      case 'AWS::AutoScaling::LaunchConfiguration':
        return worst(...resource.prop('IamInstanceProfile').map((a) =>
          judgeProfileRef(resource, a, 'IamInstanceProfile', () => NO_PROFILE('IamInstanceProfile'))));
      case 'AWS::EC2::Instance': {
        // Without a profile of its own, an instance takes the one of its launch template.
        const fromLaunchTemplate = (): Outcome => worst(...launchTemplatesOf(resource).map((l) =>
          'found' in l ? judgeLaunchTemplate(l.found) : lookupOutcome(l, NO_PROFILE('IamInstanceProfile'))));
        return worst(...resource.prop('IamInstanceProfile').map((a) =>
          judgeProfileRef(resource, a, 'IamInstanceProfile', fromLaunchTemplate)));
      }
      default:
        return NOT_APPLICABLE;
    }
  },
});
