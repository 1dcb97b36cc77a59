import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, nonCompliant, Outcome, worst } from '../../engine/rule';
import { namesOf, Resource, TemplateModel } from '../../engine/template';

const SCHEDULE = 'AWS::SecretsManager::RotationSchedule';
const ATTACHMENT = 'AWS::SecretsManager::SecretTargetAttachment';

/** A Secrets Manager secret is rotated: an AWS::SecretsManager::RotationSchedule of the template refers to it. */
export const SecretRotation = defineRule({
  id: 'FTG-SM-1',
  name: 'SecretRotation',
  items: ['DM-2'],
  resourceTypes: ['AWS::SecretsManager::Secret'],
  info: {
    en: 'The secret has no rotation schedule (no AWS::SecretsManager::RotationSchedule refers to it).',
    ja: 'シークレットにローテーションのスケジュールがありません（参照する AWS::SecretsManager::RotationSchedule がありません）。',
  },
  explanation: {
    en: 'DM-2 asks for keys and credentials changed regularly. A database password or API key that never changes stays valid in every copy ever made (old laptops, CI logs, former employees); automatic rotation by Secrets Manager limits how long a leaked value works, without anyone handling the value.',
    ja: 'DM-2 は鍵や認証情報を定期的に交換することを求めています。変わらないデータベースのパスワードや API キーは、過去に作られたすべてのコピー（古い PC、CI のログ、退職者の手元）で有効なままです。Secrets Manager の自動ローテーションなら、誰も値に触れずに、漏えいした値が使える期間を限定できます。',
  },
  fix: {
    en: 'Call `secret.addRotationSchedule("Rotation", { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser(), automaticallyAfter: Duration.days(30) })` or `rotationLambda`, or `instance.addRotationSingleUser()` for an RDS secret (CloudFormation: an AWS::SecretsManager::RotationSchedule whose SecretId refers to the secret, with HostedRotationLambda or RotationLambdaARN and RotationRules). A secret that cannot be rotated automatically (e.g. a third-party API key) is acknowledged with the manual rotation procedure as the reason.',
    ja: '`secret.addRotationSchedule("Rotation", { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser(), automaticallyAfter: Duration.days(30) })` または `rotationLambda` を、RDS のシークレットなら `instance.addRotationSingleUser()` を呼んでください（CloudFormation では SecretId でシークレットを参照し、HostedRotationLambda または RotationLambdaARN と RotationRules を持つ AWS::SecretsManager::RotationSchedule）。自動ローテーションできないシークレット（外部サービスの API キーなど）は、手動ローテーションの手順を理由に書いてこのルールを承認（acknowledge）してください。',
  },
  details: {
    'no-schedule': { en: 'no AWS::SecretsManager::RotationSchedule refers to the secret', ja: 'このシークレットを参照する AWS::SecretsManager::RotationSchedule がありません' },
    'schedule-empty': {
      en: 'RotationSchedule {schedule} sets no RotationLambdaARN, HostedRotationLambda or RotationRules',
      ja: 'RotationSchedule {schedule} に RotationLambdaARN、HostedRotationLambda、RotationRules のいずれも設定されていません',
    },
  },
  check(secret, ctx) {
    if (secret.type !== 'AWS::SecretsManager::Secret') return NOT_APPLICABLE;
    const schedules = schedulesOf(secret, ctx.template);
    if (schedules.length === 0) return nonCompliant('no-schedule', {});
    const outcomes = schedules.map((s) => scheduleOutcome(s));
    // One rotating schedule is enough.
    return outcomes.some((o) => o.status === 'compliant') ? COMPLIANT : worst(...outcomes);
  },
});

/** Rotation schedules whose SecretId refers to the secret, directly or through a SecretTargetAttachment (as CDK's RDS rotation does). */
function schedulesOf(secret: Resource, template: TemplateModel): Resource[] {
  const names = namesOf(secret, 'Name');
  const direct = template.pointingAt(secret, SCHEDULE, 'SecretId', names);
  const viaAttachments = template.pointingAt(secret, ATTACHMENT, 'SecretId', names)
    .flatMap((att) => template.pointingAt(att, SCHEDULE, 'SecretId'));
  return [...new Set([...direct, ...viaAttachments])];
}

function scheduleOutcome(schedule: Resource): Outcome {
  const set = (v: unknown) => v !== undefined && v !== '';
  const parts = [
    judge(schedule.prop('RotationLambdaARN'), 'RotationLambdaARN', set),
    judge(schedule.prop('HostedRotationLambda'), 'HostedRotationLambda', set),
    judge(schedule.prop('RotationRules'), 'RotationRules', set),
  ];
  if (!parts.some((p) => p.status === 'compliant')) {
    return parts.some((p) => p.status === 'unverifiable')
      ? parts.find((p) => p.status === 'unverifiable')!
      : nonCompliant('schedule-empty', { schedule: schedule.logicalId });
  }
  // A schedule that exists only under a condition is judged per scenario by the engine: where the
  // condition is false the template has no schedule for the secret.
  return COMPLIANT;
}
