import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { asBoolean, intrinsicName, isOpaque } from '../../engine/values';
import { reason } from '../../engine/messages';

/** The properties that hold a secret, per resource type (`[]` steps into every element of a list). */
const SECRET_PROPERTIES: Record<string, readonly (readonly string[])[]> = {
  'AWS::RDS::DBInstance': [['MasterUserPassword']],
  'AWS::RDS::DBCluster': [['MasterUserPassword']],
  'AWS::DocDB::DBCluster': [['MasterUserPassword']],
  'AWS::Redshift::Cluster': [['MasterUserPassword']],
  'AWS::SecretsManager::Secret': [['SecretString']],
  'AWS::SSM::Parameter': [['Value']],
  'AWS::IAM::User': [['LoginProfile', 'Password']],
  'AWS::ElastiCache::ReplicationGroup': [['AuthToken']],
  'AWS::OpenSearchService::Domain': [['AdvancedSecurityOptions', 'MasterUserOptions', 'MasterUserPassword']],
  'AWS::Elasticsearch::Domain': [['AdvancedSecurityOptions', 'MasterUserOptions', 'MasterUserPassword']],
  'AWS::AmazonMQ::Broker': [['Users', '[]', 'Password']],
  'AWS::DirectoryService::MicrosoftAD': [['Password']],
  'AWS::DirectoryService::SimpleAD': [['Password']],
  'AWS::DMS::Endpoint': [['Password']],
};

/** Names of SSM parameters that hold a secret. */
const SECRET_NAME = /(password|passwd|passphrase|pwd|secret|token|api[-_.]?key|private[-_.]?key|credential)/i;
/** Dynamic references resolved by CloudFormation at deployment, never stored in the template. */
const DYNAMIC_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;
const PSEUDO = /^AWS::/;

/**
 * No secret is written in the template: passwords, auth tokens and secret strings come from a
 * dynamic reference (`{{resolve:secretsmanager:...}}`, `{{resolve:ssm-secure:...}}`), a generated
 * secret, another resource, or a NoEcho parameter without a default.
 */
export const NoPlaintextSecrets = defineRule({
  id: 'FTG-GEN-1',
  name: 'NoPlaintextSecrets',
  items: ['DM-1', 'AA-4', 'LA-5'],
  resourceTypes: Object.keys(SECRET_PROPERTIES),
  info: {
    en: 'A password, token or secret is written in plain text in the template (a literal, a parameter without NoEcho, a parameter default, a Mappings entry or a stack export).',
    ja: 'パスワード、トークン、シークレットがテンプレートに平文で書かれています（リテラル、NoEcho のないパラメータ、パラメータの既定値、Mappings の値、スタックのエクスポート）。',
  },
  explanation: {
    en: 'DM-1 asks for data encrypted at rest, AA-4 forbids keeping passwords raw, and LA-5 forbids logging sensitive data. A secret in a template is stored unencrypted in the repository, in cdk.out, in the S3 copy CloudFormation keeps, and it is shown by the console and by describe-stacks (parameters without NoEcho, exports) to everyone who can read the stack. Dynamic references and generated secrets keep the value out of all of them.',
    ja: 'DM-1 は保管データの暗号化を求め、AA-4 はパスワードを生のまま格納することを、LA-5 はセンシティブなデータのログ記録を禁じています。テンプレートに書かれたシークレットは、リポジトリ、cdk.out、CloudFormation が保持する S3 上のコピーに暗号化されずに残り、NoEcho のないパラメータやエクスポートはコンソールや describe-stacks でスタックを読めるすべての人に表示されます。動的参照や自動生成のシークレットを使えば、値はそのどれにも残りません。',
  },
  fix: {
    en: 'Use a generated secret: `rds.Credentials.fromGeneratedSecret("admin")`, `new secretsmanager.Secret(this, "S", { generateSecretString: {...} })` (CloudFormation: GenerateSecretString), or pass the value as `SecretValue.secretsManager(...)` / `SecretValue.ssmSecure(...)` (CloudFormation: "{{resolve:secretsmanager:...}}" / "{{resolve:ssm-secure:...}}" in MasterUserPassword, SecretString, LoginProfile.Password, AuthToken, MasterUserOptions.MasterUserPassword...). A parameter must have NoEcho: true and no Default. For RDS, `manageMasterUserPassword` (ManageMasterUserPassword: true) lets RDS keep the password in Secrets Manager. Keep secrets out of AWS::SSM::Parameter (String): use Secrets Manager.',
    ja: '自動生成のシークレットを使ってください: `rds.Credentials.fromGeneratedSecret("admin")`、`new secretsmanager.Secret(this, "S", { generateSecretString: {...} })`（CloudFormation では GenerateSecretString）。または値を `SecretValue.secretsManager(...)` / `SecretValue.ssmSecure(...)` で渡します（CloudFormation では MasterUserPassword、SecretString、LoginProfile.Password、AuthToken、MasterUserOptions.MasterUserPassword などに "{{resolve:secretsmanager:...}}" / "{{resolve:ssm-secure:...}}"）。パラメータを使う場合は NoEcho: true とし、Default を付けないでください。RDS では `manageMasterUserPassword`（ManageMasterUserPassword: true）で RDS にパスワードを Secrets Manager で管理させられます。AWS::SSM::Parameter（String）にはシークレットを置かず、Secrets Manager を使ってください。',
  },
  details: {
    'literal': { en: '{label} is a literal value in the template', ja: '{label} がテンプレートにリテラル値で書かれています' },
    'malformed': { en: '{label}: malformed {fn}', ja: '{label}: {fn} の形式が正しくありません' },
    'import': {
      en: '{label} comes from Fn::ImportValue: stack exports are readable in plain text by anyone who can list exports',
      ja: '{label} は Fn::ImportValue から取得されています。スタックのエクスポートは、エクスポートを一覧できる人なら誰でも平文で読めます',
    },
    'mapping': { en: '{label} comes from a Mappings entry, which is written in the template', ja: '{label} は Mappings のエントリから取得されており、その値はテンプレートに書かれています' },
    'built-with': { en: '{label} is built with {fn}, which cannot be verified before deployment', ja: '{label} は {fn} で組み立てられており、デプロイ前には検証できません' },
    'weak-reference': {
      en: '{label} uses a dynamic reference that is not secretsmanager or ssm-secure (plain SSM parameters are not encrypted)',
      ja: '{label} は secretsmanager でも ssm-secure でもない動的参照を使っています（通常の SSM パラメータは暗号化されません）',
    },
    'pseudo': { en: '{label} is the pseudo parameter {name}, which is not secret', ja: '{label} は擬似パラメータ {name} で、秘密の値ではありません' },
    'no-echo': {
      en: '{label} comes from parameter "{name}" without NoEcho: its value is shown by the CloudFormation console and API',
      ja: '{label} は NoEcho のないパラメータ "{name}" から取得されており、その値は CloudFormation のコンソールと API で表示されます',
    },
    'echo-default': {
      en: '{label} comes from NoEcho parameter "{name}" whose Default is written in the template',
      ja: '{label} は NoEcho パラメータ "{name}" から取得されていますが、その Default がテンプレートに書かれています',
    },
    'unknown-name': {
      en: '{label} refers to "{name}", which is neither a parameter nor a resource of the template',
      ja: '{label} は "{name}" を参照していますが、これはテンプレートのパラメータでもリソースでもありません',
    },
    'name-unknown': {
      en: 'Name is only known at deployment: cannot tell whether the literal Value is a secret ({detail})',
      ja: 'Name がデプロイ時にしか決まらないため、リテラルの Value がシークレットかどうか判断できません（{detail}）',
    },
  },
  check(resource) {
    const paths = SECRET_PROPERTIES[resource.type];
    if (!paths) return NOT_APPLICABLE;
    const outcomes: Outcome[] = [COMPLIANT];
    for (const path of paths) {
      for (const leaf of rawAt(resource, resource.json.Properties, path, '')) outcomes.push(secretOutcome(resource, leaf.raw, leaf.label));
    }
    const result = worst(...outcomes);
    if (resource.type !== 'AWS::SSM::Parameter') return result;
    // An SSM parameter is in scope only when its name says it holds a secret.
    const name = secretLikeName(resource);
    if (name === true) return result;
    if (name === undefined && result.status === 'non-compliant') {
      return unverifiable('name-unknown', { detail: result.detail });
    }
    return NOT_APPLICABLE;
  },
});

/** The raw values at `path`, stepping through `Fn::If` branches and list elements; labels name where each came from. */
function rawAt(resource: Resource, raw: unknown, path: readonly string[], label: string): { raw: unknown; label: string }[] {
  if (path.length === 0) return [{ raw, label }];
  if (raw === undefined || raw === null) return [];
  const fn = intrinsicName(raw);
  if (fn === 'Fn::If') {
    const arg = (raw as Record<string, unknown>)[fn];
    if (!Array.isArray(arg) || arg.length !== 3) return [{ raw, label }];
    return [...rawAt(resource, arg[1], path, label), ...rawAt(resource, arg[2], path, label)];
  }
  if (fn === 'Ref' && (raw as Record<string, unknown>).Ref === 'AWS::NoValue') return [];
  if (fn) return []; // a container given by another intrinsic holds no literal we can see
  const [key, ...rest] = path;
  if (key === '[]') {
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((e, i) => rawAt(resource, e, rest, `${label}[${i}]`));
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) return [];
  return rawAt(resource, (raw as Record<string, unknown>)[key], rest, label ? `${label}.${key}` : key);
}

/** Whether a raw secret value keeps the secret out of the template. */
function secretOutcome(resource: Resource, raw: unknown, label: string, depth = 0): Outcome {
  if (depth > 10) return unverifiable('at', { what: label, why: reason('nested-too-deeply') });
  if (raw === undefined || raw === null || raw === '') return COMPLIANT;
  if (typeof raw === 'string') {
    return DYNAMIC_REFERENCE.test(raw) ? COMPLIANT : nonCompliant('literal', { label });
  }
  const fn = intrinsicName(raw);
  if (!fn) return nonCompliant('literal', { label });
  const arg = (raw as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Ref':
      return typeof arg === 'string' ? nameOutcome(resource, arg, label) : unverifiable('malformed', { label, fn });
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3) return unverifiable('malformed', { label, fn });
      return worst(secretOutcome(resource, arg[1], label, depth + 1), secretOutcome(resource, arg[2], label, depth + 1));
    }
    case 'Fn::GetAtt':
      return COMPLIANT; // produced by another resource at deployment
    case 'Fn::ImportValue':
      return nonCompliant('import', { label });
    case 'Fn::FindInMap': {
      const values = resource.resolve(raw);
      if (values.every((a) => a.known && typeof a.value === 'string' && DYNAMIC_REFERENCE.test(a.value))) return COMPLIANT;
      return nonCompliant('mapping', { label });
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2) return unverifiable('malformed', { label, fn });
      const parts = arg[1];
      if (!Array.isArray(parts)) return secretOutcome(resource, parts, label, depth + 1);
      if (parts.some((p) => typeof p === 'string' && p.includes('{{resolve:'))) return joinedReference(parts.filter((p) => typeof p === 'string').join(''), label);
      return pieces(parts.filter((p) => typeof p !== 'string').map((p) => secretOutcome(resource, p, label, depth + 1)), label);
    }
    case 'Fn::Sub': {
      const text = Array.isArray(arg) ? arg[0] : arg;
      const vars = (Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' ? arg[1] : {}) as Record<string, unknown>;
      if (typeof text !== 'string') return unverifiable('malformed', { label, fn });
      if (text.includes('{{resolve:')) return joinedReference(text, label);
      const outcomes: Outcome[] = [];
      for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        const name = m[1];
        if (name in vars) outcomes.push(secretOutcome(resource, vars[name], label, depth + 1));
        else if (name.includes('.')) outcomes.push(COMPLIANT); // ${Resource.Attribute}
        else outcomes.push(nameOutcome(resource, name, label));
      }
      if (outcomes.length === 0) return nonCompliant('literal', { label });
      return pieces(outcomes, label);
    }
    default:
      return unverifiable('built-with', { label, fn });
  }
}

/**
 * A value assembled from parts: the variable parts decide (the literal text around them is taken to be
 * structure, such as the JSON keys of a secret string); a value with only literal parts is a literal.
 */
function pieces(outcomes: Outcome[], label: string): Outcome {
  return outcomes.length === 0 ? nonCompliant('literal', { label }) : worst(...outcomes);
}

/** A dynamic reference assembled with Join/Sub (as CDK writes `SecretValue.secretsManager`). */
function joinedReference(text: string, label: string): Outcome {
  return DYNAMIC_REFERENCE.test(text) ? COMPLIANT : nonCompliant('weak-reference', { label });
}

/** A `Ref` (or `${Name}` in a Sub) in a secret value: a NoEcho parameter without default, or another resource. */
function nameOutcome(resource: Resource, name: string, label: string): Outcome {
  if (name === 'AWS::NoValue') return COMPLIANT;
  if (PSEUDO.test(name)) return nonCompliant('pseudo', { label, name });
  const param = resource.template.scope.parameters[name];
  if (param !== undefined) {
    if (asBoolean(param?.NoEcho) !== true) {
      return nonCompliant('no-echo', { label, name });
    }
    if (param?.Default !== undefined) return nonCompliant('echo-default', { label, name });
    return COMPLIANT;
  }
  if (resource.template.scope.resourceIds.has(name)) return COMPLIANT;
  return unverifiable('unknown-name', { label, name });
}

/** Whether an SSM parameter's name (or logical ID) says it holds a secret; undefined when the name is unknown. */
function secretLikeName(param: Resource): boolean | undefined {
  if (SECRET_NAME.test(param.logicalId)) return true;
  let unknown = false;
  for (const a of param.prop('Name')) {
    if (!a.known) { unknown = true; continue; }
    // A name built with Sub/Join is judged by its literal text; a GetAtt or an import could be anything.
    if (isOpaque(a.value) && a.value.fn !== 'Fn::Sub' && a.value.fn !== 'Fn::Join') { unknown = true; continue; }
    const text = isOpaque(a.value) ? JSON.stringify(a.value.raw) : typeof a.value === 'string' ? a.value : '';
    if (SECRET_NAME.test(text)) return true;
  }
  return unknown ? undefined : false;
}
