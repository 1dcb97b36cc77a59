import { defineRule, judge, NOT_APPLICABLE, nonCompliant, Outcome, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { lookupOutcome } from '../../engine/lookup';
import { launchTemplatesOf } from './helpers';

/** `HttpTokens` absent means the default, `optional` (IMDSv1 allowed) for most AMIs. */
const required = (v: unknown) => (v === undefined ? false : typeof v === 'string' ? v.trim().toLowerCase() === 'required' : undefined);

function launchTemplateTokens(lt: Resource): Outcome {
  return judge(lt.prop('LaunchTemplateData.MetadataOptions.HttpTokens'), `${lt.logicalId} LaunchTemplateData.MetadataOptions.HttpTokens`, required);
}

/** What the launch template of an instance says about IMDSv2 (the instance itself sets no HttpTokens). */
function viaLaunchTemplate(instance: Resource): Outcome {
  return worst(...launchTemplatesOf(instance).map((l) => 'found' in l
    ? launchTemplateTokens(l.found)
    : lookupOutcome(l, nonCompliant('no-tokens', {}))));
}

/** Instances, launch templates and launch configurations require IMDSv2 (session tokens). */
export const Imdsv2Required = defineRule({
  id: 'FTG-EC2-2',
  name: 'Imdsv2Required',
  items: ['CF-4', 'BP-1'],
  resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  info: {
    en: 'The EC2 instance metadata service does not require IMDSv2 session tokens (HttpTokens is not "required").',
    ja: 'EC2 インスタンスメタデータサービスで IMDSv2 のセッショントークンが必須になっていません（HttpTokens が "required" ではありません）。',
  },
  explanation: {
    en: 'CF-4 asks for defence against cyber attacks and BP-1 for several layers of defence. With IMDSv1, a server-side request forgery (SSRF) or an open proxy in the application is enough to read the instance role\'s temporary credentials from 169.254.169.254; IMDSv2 requires a session token obtained with a PUT request, which blocks these attacks.',
    ja: 'CF-4 はサイバー攻撃への防御を、BP-1 は多重対策を求めています。IMDSv1 ではアプリケーションの SSRF やオープンプロキシだけで 169.254.169.254 からインスタンスロールの一時認証情報を読み取られます。IMDSv2 は PUT で取得したセッショントークンを必須にするため、この攻撃を防げます。',
  },
  fix: {
    en: 'Set `requireImdsv2: true` on `ec2.Instance`, `ec2.LaunchTemplate` or `autoscaling.AutoScalingGroup` (or `httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED` on the launch template). In CloudFormation, set LaunchTemplateData.MetadataOptions.HttpTokens: required on AWS::EC2::LaunchTemplate, MetadataOptions.HttpTokens: required on AWS::EC2::Instance (or a LaunchTemplate that sets it) and on AWS::AutoScaling::LaunchConfiguration.',
    ja: '`ec2.Instance`、`ec2.LaunchTemplate`、`autoscaling.AutoScalingGroup` に `requireImdsv2: true` を指定してください（起動テンプレートでは `httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED` でも可）。CloudFormation では AWS::EC2::LaunchTemplate の LaunchTemplateData.MetadataOptions.HttpTokens、AWS::EC2::Instance の MetadataOptions.HttpTokens（またはそれを設定した LaunchTemplate）、AWS::AutoScaling::LaunchConfiguration の MetadataOptions.HttpTokens を required にしてください。',
  },
  details: {
    'no-tokens': { en: 'the instance sets no MetadataOptions.HttpTokens and has no LaunchTemplate that requires tokens, so IMDSv1 stays enabled', ja: 'インスタンスに MetadataOptions.HttpTokens がなく、トークンを必須にする LaunchTemplate もないため、IMDSv1 が有効なままです' },
  },
  check(resource) {
    switch (resource.type) {
      case 'AWS::EC2::LaunchTemplate':
        return judge(resource.prop('LaunchTemplateData.MetadataOptions.HttpTokens'), 'LaunchTemplateData.MetadataOptions.HttpTokens', required);
      case 'AWS::AutoScaling::LaunchConfiguration':
        return judge(resource.prop('MetadataOptions.HttpTokens'), 'MetadataOptions.HttpTokens', required);
      case 'AWS::EC2::Instance': {
        // MetadataOptions on the instance override those of its launch template.
        let fromTemplate: Outcome | undefined;
        return worst(...resource.prop('MetadataOptions.HttpTokens').map((alt) => {
          if (alt.known && alt.value === undefined) return (fromTemplate ??= viaLaunchTemplate(resource));
          return judge([alt], 'MetadataOptions.HttpTokens', required);
        }));
      }
      default:
        return NOT_APPLICABLE;
    }
  },
});
