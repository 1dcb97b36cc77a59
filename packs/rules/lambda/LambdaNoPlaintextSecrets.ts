import { isOpaque } from '../../engine/values';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { describeValue, viaNote } from '../../engine/messages';
import { Resource } from '../../engine/template';

/** Environment variable names that say they hold a secret. */
export const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/**
 * Names that say the variable holds a *reference* to a secret (its ARN, name, ID, parameter path,
 * endpoint) or a setting about it (lifetime, length), not the secret itself.
 */
export const REFERENCE_NAME = /(_ARN|_NAME|_ID|_PATH|_PARAM|_PARAMETER|_URL|_URI|_ENDPOINT|_HEADER|_TTL|_EXPIRY|_EXPIRATION|_LENGTH|_REGION|_ENABLED)$/i;

/**
 * Attributes whose value is a secret itself (not its ARN or name): a variable set from one holds the
 * secret in plain text, whatever the variable is called.
 */
const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'AWS::Cognito::UserPoolClient': ['ClientSecret'],
  'AWS::IAM::AccessKey': ['SecretAccessKey'],
  'AWS::AppSync::ApiKey': ['ApiKey'],
};

/** Template text of a dynamic reference that CloudFormation resolves into the property value. */
const DYNAMIC_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure|ssm):/i;

/**
 * A Lambda function keeps no secret in plain text in its environment variables: a variable named
 * like a secret must hold a reference (an ARN, a secret name, an SSM parameter path) that the code
 * resolves at run time, not the value.
 */
export const LambdaNoPlaintextSecrets = defineRule({
  id: 'FTG-LAMBDA-2',
  name: 'LambdaNoPlaintextSecrets',
  items: ['DM-1', 'LA-5'],
  resourceTypes: ['AWS::Lambda::Function'],
  info: {
    en: 'An environment variable of the Lambda function holds a secret value (password, token, API key...) in plain text in the function configuration.',
    ja: 'Lambda 関数の環境変数に、秘密情報（パスワード、トークン、API キーなど）の値が関数設定の中に平文で入っています。',
  },
  explanation: {
    en: 'DM-1 asks for data at rest to be protected and LA-5 says not to write sensitive data where it is logged. Environment variables are part of the function configuration: they are returned by GetFunctionConfiguration, shown in the console, copied into the template, CloudFormation events and CloudTrail, and cannot be rotated without a redeploy. A dynamic reference {{resolve:secretsmanager:...}} does not help: CloudFormation resolves it at deployment and stores the secret in the configuration in plain text.',
    ja: 'DM-1 は保管時のデータ保護を、LA-5 は機微なデータを記録しないことを求めています。環境変数は関数設定の一部で、GetFunctionConfiguration の応答やコンソールに表示され、テンプレート・CloudFormation のイベント・CloudTrail にも残り、再デプロイなしにローテーションできません。動的参照 {{resolve:secretsmanager:...}} でも解決になりません。CloudFormation がデプロイ時に値を解決し、秘密情報を平文のまま関数設定に格納するためです。',
  },
  fix: {
    en: 'Store the secret in AWS Secrets Manager (`secretsmanager.Secret`) or an SSM SecureString parameter, pass only its ARN or name (`environment: { DB_SECRET_ARN: secret.secretArn }`), grant read access (`secret.grantRead(fn)`) and read it at run time (e.g. with the AWS Parameters and Secrets Lambda Extension, `paramsAndSecrets` prop); never `secretValue.unsafeUnwrap()`. In CloudFormation, Environment.Variables must hold the ARN/name, not the value or a {{resolve:...}} reference.',
    ja: '秘密情報は AWS Secrets Manager（`secretsmanager.Secret`）または SSM の SecureString パラメータに保存し、環境変数にはその ARN か名前だけを渡してください（`environment: { DB_SECRET_ARN: secret.secretArn }`）。`secret.grantRead(fn)` で読み取り権限を付与し、実行時に取得します（例: `paramsAndSecrets` プロパティで AWS Parameters and Secrets Lambda Extension を使用）。`secretValue.unsafeUnwrap()` は使わないでください。CloudFormation では Environment.Variables に値や {{resolve:...}} 参照ではなく ARN/名前を設定します。',
  },
  details: {
    'variable-at': {
      en: 'environment variable {name}: {why}; if the value is the secret itself it is stored in plain text',
      ja: '環境変数 {name}: {why}。値が秘密情報そのものなら平文で保存されます',
    },
    'variable-dynamic-reference': {
      en: 'environment variable {name} is a dynamic reference{via}: CloudFormation resolves it and stores the secret in the function configuration in plain text',
      ja: '環境変数 {name} が動的参照です{via}。CloudFormation がこれを解決し、秘密情報を関数設定に平文で格納します',
    },
    'variable-is': { en: 'environment variable {name} is {value}', ja: '環境変数 {name} が {value} です' },
    'variable-literal': { en: 'environment variable {name} holds a literal value{via}', ja: '環境変数 {name} にリテラルの値が入っています{via}' },
    'variable-no-echo': {
      en: 'environment variable {name} is the NoEcho parameter "{parameter}": the value the template hides is stored in the function configuration in plain text',
      ja: '環境変数 {name} が NoEcho パラメータ "{parameter}" です。テンプレートが隠している値が関数設定に平文で格納されます',
    },
    'variable-secret-attribute': {
      en: 'environment variable {name} is {attribute} of {resource}, the secret value itself, stored in the function configuration in plain text',
      ja: '環境変数 {name} が {resource} の {attribute}（秘密情報の値そのもの）で、関数設定に平文で格納されます',
    },
  },
  check(fn) {
    if (fn.type !== 'AWS::Lambda::Function') return NOT_APPLICABLE;
    return worst(...fn.prop('Environment.Variables').map((alt): Outcome => {
      if (!alt.known) return unverifiable('at', { what: 'Environment.Variables', why: alt.why });
      if (alt.value === undefined || alt.value === null) return COMPLIANT;
      if (isOpaque(alt.value) || typeof alt.value !== 'object' || Array.isArray(alt.value)) {
        return unverifiable('only-at-deployment', { what: 'Environment.Variables', value: describeValue(alt.value) });
      }
      const outcomes = Object.entries(alt.value as Record<string, unknown>).map(([name, raw]) => {
        // A NoEcho parameter or a secret-valued attribute is a secret whatever the variable is called.
        const source = secretSource(fn, raw, name);
        if (source) return source;
        return SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) ? variable(fn, name, raw) : COMPLIANT;
      });
      return worst(COMPLIANT, ...outcomes);
    }));
  },
});

/** The non-compliant outcome when `value` (as written, or the Opaque it resolved to) is a NoEcho parameter or a secret-valued attribute. */
function secretSource(fn: Resource, value: unknown, name: string): Outcome | undefined {
  const raw = isOpaque(value) ? value.raw : value;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const ref = (raw as Record<string, unknown>).Ref;
  if (typeof ref === 'string') {
    const p = fn.template.scope.parameters[ref];
    const noEcho = p && typeof p === 'object' ? (p as Record<string, unknown>).NoEcho : undefined;
    return noEcho === true || noEcho === 'true' ? nonCompliant('variable-no-echo', { name, parameter: ref }) : undefined;
  }
  const getAtt = (raw as Record<string, unknown>)['Fn::GetAtt'];
  const [target, attribute] = typeof getAtt === 'string' ? getAtt.split(/\.(.*)/s) : Array.isArray(getAtt) ? getAtt : [];
  if (typeof target !== 'string' || typeof attribute !== 'string') return undefined;
  const type = fn.template.resource(target)?.type;
  return type && SECRET_ATTRIBUTES[type]?.includes(attribute)
    ? nonCompliant('variable-secret-attribute', { name, resource: target, attribute })
    : undefined;
}

function variable(fn: Resource, name: string, raw: unknown): Outcome {
  return worst(...fn.resolve(raw).map((alt): Outcome => {
    if (!alt.known) return unverifiable('variable-at', { name, why: alt.why });
    const via = viaNote(alt.via);
    const v = alt.value;
    if (v === undefined || v === null || v === '') return COMPLIANT;
    if (isOpaque(v)) {
      // A Ref/GetAtt/Sub/Join yields an ARN or a name, unless it builds a dynamic reference.
      return DYNAMIC_REFERENCE.test(JSON.stringify(v.raw))
        ? nonCompliant('variable-dynamic-reference', { name, via })
        : COMPLIANT;
    }
    if (typeof v !== 'string' && typeof v !== 'number') return unverifiable('variable-is', { name, value: describeValue(v) });
    const s = String(v).trim();
    if (DYNAMIC_REFERENCE.test(s)) return nonCompliant('variable-dynamic-reference', { name, via });
    if (isReferenceValue(s)) return COMPLIANT;
    return nonCompliant('variable-literal', { name, via });
  }));
}

/** Values that point at a secret instead of being one: ARNs, SSM parameter paths, flags. */
function isReferenceValue(s: string): boolean {
  return /^arn:aws[a-z-]*:/i.test(s) || /^\/[\w.\-/]+$/.test(s) || /^(true|false)$/i.test(s);
}
