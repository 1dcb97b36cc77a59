import { isOpaque } from '../../engine/values';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { describeValue, viaNote } from '../../engine/messages';
import { OPENAPI_OPERATIONS } from '../../engine/sam';
import { Resource } from '../../engine/template';

/**
 * The authorization of the operations an API defines in its OpenAPI body (`Body` of
 * AWS::ApiGateway::RestApi / AWS::ApiGatewayV2::Api, which is also where the SAM transform writes the
 * routes of `Api` / `HttpApi` function events). An operation is authorized when a security requirement
 * that applies to it (its own `security`, else the body's) names a scheme that API Gateway enforces: an
 * `x-amazon-apigateway-authtype` / `x-amazon-apigateway-authorizer` (IAM, Cognito, Lambda, JWT). A
 * scheme of type apiKey with neither is an API key, which is not authorization. CORS preflight (OPTIONS)
 * operations are exempt.
 */

/** The operations judged: all but CORS preflight (OPTIONS), which carries no credentials. */
const OPERATIONS = OPENAPI_OPERATIONS.filter((m) => m !== 'options');

/** The finding details the rules that call {@link bodyAuthorization} must declare. */
export const BODY_DETAILS = {
  bodyRoutes: {
    en: 'the OpenAPI body{via} defines operations without authorization: {routes}{apiKey}',
    ja: 'OpenAPI 本文{via}に認可のない操作があります: {routes}{apiKey}',
  },
  bodyApiKeyOnly: { en: '; an API key alone is not authorization', ja: '。API キーだけでは認可になりません' },
  bodyScheme: {
    en: 'the OpenAPI body{via} protects {routes} with security scheme(s) it does not define, so whether they are authorized cannot be verified',
    ja: 'OpenAPI 本文{via}は {routes} を本文で定義されていないセキュリティスキームで保護しているため、認可されているか検証できません',
  },
  bodyValue: {
    en: 'Body is {value}: the operations of the API, and whether they are authorized, are known only at deployment',
    ja: 'Body が {value} のため、API の操作とその認可はデプロイ時にしか分かりません',
  },
  bodyElsewhere: {
    en: 'the OpenAPI definition is in a file outside the template ({where}), so whether its operations are authorized cannot be verified',
    ja: 'OpenAPI 定義がテンプレート外のファイル（{where}）にあるため、その操作が認可されているか検証できません',
  },
} as const;

type State = 'auth' | 'apiKey' | 'none' | 'unknown';

const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v) && !isOpaque(v);

/** The outcome for the operations of the API's body; not applicable when the API has no body at all. */
export function bodyAuthorization(api: Resource): Outcome {
  return worst(...api.prop('Body').map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: 'Body', why: alt.why });
    const body = alt.value;
    if (body === undefined || body === null) {
      const s3 = api.prop('BodyS3Location').some((a) => !a.known || a.value !== undefined);
      return s3 ? unverifiable('bodyElsewhere', { where: 'BodyS3Location' }) : NOT_APPLICABLE;
    }
    if (isOpaque(body) && isObject(body.raw) && isObject(body.raw['Fn::Transform'])) {
      const t = body.raw['Fn::Transform'];
      const where = typeof t.Parameters?.Location === 'string' ? `${t.Name} of ${t.Parameters.Location}` : String(t.Name);
      return unverifiable('bodyElsewhere', { where });
    }
    if (!isObject(body)) return unverifiable('bodyValue', { value: describeValue(body) });
    const paths = isObject(body.paths) ? body.paths : {};
    const schemes: Record<string, unknown> = {
      ...(isObject(body.securityDefinitions) ? body.securityDefinitions : {}),
      ...(isObject(body.components) && isObject(body.components.securitySchemes) ? body.components.securitySchemes : {}),
    };
    const open: string[] = [];
    const unknown: string[] = [];
    let apiKey = false;
    let any = false;
    for (const [path, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      for (const m of OPERATIONS) {
        const op = item[m];
        if (!isObject(op)) continue;
        any = true;
        const route = `${m === 'x-amazon-apigateway-any-method' ? 'ANY' : m.toUpperCase()} ${path}`;
        const state = operationState(op.security !== undefined ? op.security : body.security, schemes);
        if (state === 'none' || state === 'apiKey') open.push(route);
        if (state === 'apiKey') apiKey = true;
        if (state === 'unknown') unknown.push(route);
      }
    }
    if (!any) return NOT_APPLICABLE;
    const via = viaNote(alt.via);
    if (open.length) return nonCompliant('bodyRoutes', { via, routes: list(open), apiKey: apiKey ? { key: 'bodyApiKeyOnly' } : undefined });
    if (unknown.length) return unverifiable('bodyScheme', { via, routes: list(unknown) });
    return COMPLIANT;
  }));
}

function list(routes: string[]): string {
  return routes.length > 5 ? `${routes.slice(0, 5).join(', ')} (+${routes.length - 5} more)` : routes.join(', ');
}

function operationState(security: unknown, schemes: Record<string, unknown>): State {
  if (security === undefined || security === null) return 'none';
  if (!Array.isArray(security)) return 'unknown';
  const states: State[] = [];
  for (const requirement of security) {
    if (!isObject(requirement)) { states.push('unknown'); continue; }
    for (const name of Object.keys(requirement)) {
      if (name === 'NONE') { states.push('none'); continue; }
      const s = schemes[name];
      if (!isObject(s)) states.push('unknown');
      else if (s['x-amazon-apigateway-authtype'] !== undefined || s['x-amazon-apigateway-authorizer'] !== undefined) states.push('auth');
      else if (s.type === 'apiKey') states.push('apiKey');
      else states.push('unknown');
    }
  }
  if (states.includes('auth')) return 'auth';
  if (states.includes('unknown')) return 'unknown';
  return states.includes('apiKey') ? 'apiKey' : 'none';
}
