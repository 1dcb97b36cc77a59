import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import type { Detail } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { intrinsicName } from '../../engine/values';
import { judgeList } from '../ec2/helpers';
import { CONTAINER_DETAILS, containerProp, eachContainer } from './common';

/** Environment variable names that hold a secret. */
export const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
/**
 * Names that point to a secret instead of holding it (`DB_SECRET_ARN`, `TOKEN_URL`, `PASSWORD_FILE`)
 * or describe it (`TOKEN_TTL`): their values are not secrets.
 */
const POINTER_SUFFIX = /_(ARN|NAME|ID|PATH|PARAM|PARAMETER|URL|URI|ENDPOINT|HEADER|FILE|REGION|TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRATION|LENGTH|ENABLED)$/i;
/**
 * Dynamic references that CloudFormation resolves at deployment. In an Environment entry the resolved
 * secret is stored in the task definition in plain text (readable with ecs:DescribeTaskDefinition),
 * as FTG-LAMBDA-2 says for functions: only the task definition's `Secrets` keeps it out.
 */
const DYNAMIC_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure|ssm):/;
const NOT_A_SECRET = /^(true|false|yes|no|on|off|enabled|disabled)$/i;

/**
 * The values written literally in the template that an environment value can take (both branches
 * of an Fn::If, a mapping entry, a Join/Sub of literals). References (Ref to a parameter or resource,
 * GetAtt, Sub/Join with variables, imports) are not literal: their value is not in the template.
 */
function literals(task: Resource, raw: unknown, depth = 0): string[] {
  if (depth > 10) return [];
  if (typeof raw === 'number') return [String(raw)];
  if (typeof raw === 'string') return [raw];
  const fn = intrinsicName(raw);
  if (!fn) return [];
  const arg = (raw as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Fn::If':
      return Array.isArray(arg) && arg.length === 3 ? [...literals(task, arg[1], depth + 1), ...literals(task, arg[2], depth + 1)] : [];
    case 'Fn::FindInMap':
    case 'Fn::Sub':
    case 'Fn::Join':
      // Literal only when the engine resolves it to a string (a mapping entry, a Sub without variables, a Join of strings).
      return task.resolve(raw).flatMap((a) => (a.known && typeof a.value === 'string' ? [a.value] : []));
    default:
      return [];
  }
}

/** The problem with a literal value of a secret-looking variable (a key of the rule's details), or undefined when it is not a secret. */
function literalProblem(value: string): 'env-dynamic-reference' | 'env-literal' | undefined {
  const v = value.trim();
  if (v === '' || v.startsWith('arn:') || NOT_A_SECRET.test(v)) return undefined;
  if (DYNAMIC_REFERENCE.test(v)) return 'env-dynamic-reference';
  return 'env-literal';
}

function judgeEntry(task: Resource, entry: unknown, container: Detail): Outcome {
  const rawValue = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).Value : undefined;
  const problems = literals(task, rawValue).map(literalProblem).filter((p): p is NonNullable<typeof p> => p !== undefined);
  if (problems.length === 0) return COMPLIANT;
  return worst(...task.resolve(entry, 'Name').map((n): Outcome => {
    if (!n.known) return unverifiable('env-name-at', { container, why: n.why });
    if (typeof n.value !== 'string') return unverifiable('env-name-unknown', { container });
    if (!SECRET_NAME.test(n.value) || POINTER_SUFFIX.test(n.value)) return COMPLIANT;
    return nonCompliant(problems[0], { container, name: n.value });
  }));
}

/** Secrets reach containers through Secrets Manager or SSM SecureString, not as plaintext environment variables. */
export const EcsNoPlaintextSecrets = defineRule({
  id: 'FTG-ECS-3',
  name: 'EcsNoPlaintextSecrets',
  items: ['DM-1', 'LA-5'],
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: {
    en: 'A container of the ECS task definition gets a secret (a password, token, API key or private key) as a plaintext environment variable.',
    ja: 'ECS タスク定義のコンテナが、秘密情報（パスワード、トークン、API キー、秘密鍵）を平文の環境変数で受け取っています。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted at rest, and LA-5 forbids sensitive data in logs. A secret in Environment is stored in clear text in the template, in version control, in the task definition (readable with ecs:DescribeTaskDefinition) and in CloudTrail records of the API calls. Secrets passed through `Secrets` stay encrypted in Secrets Manager or as SSM SecureString parameters and are injected only into the running container.',
    ja: 'DM-1 は保管時のデータ暗号化を求め、LA-5 はセンシティブデータをログに記録しないことを求めています。Environment に書いた秘密情報は、テンプレート、バージョン管理、タスク定義（ecs:DescribeTaskDefinition で読める）、API 呼び出しの CloudTrail 記録に平文で残ります。`Secrets` で渡せば、Secrets Manager や SSM の SecureString パラメータで暗号化されたまま保管され、実行中のコンテナにだけ注入されます。',
  },
  fix: {
    en: 'Move the value to Secrets Manager (or an SSM SecureString parameter) and pass it with `secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, \'password\') }` instead of `environment` on `taskDefinition.addContainer(...)`. In CloudFormation, remove the entry from ContainerDefinitions[].Environment and add ContainerDefinitions[].Secrets[] { Name, ValueFrom: <secret or parameter ARN> } on the AWS::ECS::TaskDefinition (the execution role needs permission to read it).',
    ja: '値を Secrets Manager（または SSM の SecureString パラメータ）に移し、`taskDefinition.addContainer(...)` の `environment` ではなく `secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, \'password\') }` で渡してください。CloudFormation では AWS::ECS::TaskDefinition の ContainerDefinitions[].Environment からその項目を削除し、ContainerDefinitions[].Secrets[] { Name, ValueFrom: <シークレットまたはパラメータの ARN> } を追加してください（実行ロールに読み取り権限が必要です）。',
  },
  details: {
    ...CONTAINER_DETAILS,
    'env-name-at': {
      en: '{container} Environment entry: Name: {why}; its value is a literal',
      ja: '{container} の Environment のエントリ: Name: {why}。値はリテラルです',
    },
    'env-name-unknown': {
      en: '{container} Environment entry has a Name only known at deployment and a literal value',
      ja: '{container} の Environment に、Name がデプロイ時にしか決まらず値がリテラルのエントリがあります',
    },
    'env-dynamic-reference': {
      en: '{container} Environment {name} is a dynamic reference that CloudFormation resolves into the task definition in plain text; pass it through Secrets instead',
      ja: '{container} の Environment {name} は動的参照で、CloudFormation が解決してタスク定義に平文で格納します。代わりに Secrets で渡してください',
    },
    'env-literal': {
      en: '{container} Environment {name} has a literal value in the template; pass it through Secrets instead',
      ja: '{container} の Environment {name} にテンプレート内のリテラル値が入っています。代わりに Secrets で渡してください',
    },
  },
  check(task) {
    if (task.type !== 'AWS::ECS::TaskDefinition') return NOT_APPLICABLE;
    return eachContainer(task, (c, container) =>
      judgeList(task, task.resolve(c, 'Environment'), containerProp(container, 'Environment'), { absent: COMPLIANT, mode: 'every' },
        (entry) => judgeEntry(task, entry, container)));
  },
});
