import { defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { Alt } from '../../engine/values';
import { referencedResource } from '../../engine/lookup';
import { describeValue, viaNote } from '../../engine/messages';
import { BODY_DETAILS, bodyAuthorization } from './openApiAuthorization';

const HTTP_ROUTE = /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\//i;

/**
 * An API Gateway v2 route requires authorization. HTTP APIs: every route but CORS preflight
 * (OPTIONS). WebSocket APIs: only `$connect` can carry an authorizer (the connection is authorized
 * once), so the other routes are not applicable. The routes of an HTTP API's OpenAPI `Body` (where
 * the SAM transform writes the routes of `HttpApi` function events) are judged on the Api resource.
 */
export const HttpApiAuthorization = defineRule({
  id: 'FTG-APIGW-2',
  name: 'HttpApiAuthorization',
  items: ['BP-2', 'DP-1'],
  resourceTypes: ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Api'],
  info: {
    en: 'The API Gateway HTTP/WebSocket API route has no authorization (AuthorizationType is NONE or not set).',
    ja: 'API Gateway の HTTP/WebSocket API ルートに認可が設定されていません（AuthorizationType が NONE または未設定）。',
  },
  explanation: {
    en: 'BP-2 asks for authorization between systems, not only encryption, and DP-1 for secure programming (OWASP API Security: broken authentication). A route without an authorizer can be called by anyone on the Internet; for a WebSocket API, an open $connect lets anyone open a connection.',
    ja: 'BP-2 は暗号化だけでなくシステム間の認可を、DP-1 はセキュアプログラミング（OWASP API Security の認証不備）を求めています。認可のないルートはインターネット上の誰からでも呼び出せます。WebSocket API では $connect が開いていると、誰でも接続を確立できます。',
  },
  fix: {
    en: 'Set `authorizer` on the route (`HttpJwtAuthorizer`, `HttpUserPoolAuthorizer`, `HttpLambdaAuthorizer`, `HttpIamAuthorizer`), or `defaultAuthorizer` on `apigwv2.HttpApi`; for WebSocket APIs set `connectRouteOptions.authorizer` (`WebSocketLambdaAuthorizer` or `WebSocketIamAuthorizer`). In CloudFormation set AWS::ApiGatewayV2::Route AuthorizationType to JWT, CUSTOM or AWS_IAM (with AuthorizerId for JWT/CUSTOM).',
    ja: 'ルートに `authorizer`（`HttpJwtAuthorizer`、`HttpUserPoolAuthorizer`、`HttpLambdaAuthorizer`、`HttpIamAuthorizer`）を指定するか、`apigwv2.HttpApi` に `defaultAuthorizer` を指定してください。WebSocket API では `connectRouteOptions.authorizer`（`WebSocketLambdaAuthorizer` または `WebSocketIamAuthorizer`）を指定します。CloudFormation では AWS::ApiGatewayV2::Route の AuthorizationType を JWT、CUSTOM、AWS_IAM（JWT/CUSTOM は AuthorizerId とともに）にします。',
  },
  details: {
    authNotSet: { en: 'AuthorizationType is not set (NONE){via}', ja: 'AuthorizationType が未設定（NONE）です{via}' },
    authNone: { en: 'AuthorizationType is NONE{via}', ja: 'AuthorizationType が NONE です{via}' },
    routeKeyValue: {
      en: 'RouteKey is {value}, so whether this route needs an authorizer cannot be verified before deployment; it has none',
      ja: 'RouteKey が {value} のため、このルートに認可が必要かどうかをデプロイ前に検証できません。このルートには認可がありません',
    },
    routeKeyUnknown: {
      en: 'RouteKey cannot be known ({why}), so whether this route needs an authorizer cannot be verified before deployment; it has none',
      ja: 'RouteKey を確定できない（{why}）ため、このルートに認可が必要かどうかをデプロイ前に検証できません。このルートには認可がありません',
    },
    defaultRouteUnknownApi: {
      en: 'route $default of an API that is not in this template: it must be authorized if the API is an HTTP API (not for a WebSocket API)',
      ja: 'このテンプレートにない API のルート $default です。API が HTTP API なら認可が必要です（WebSocket API なら不要）',
    },
    ...BODY_DETAILS,
  },
  check(route) {
    if (route.type === 'AWS::ApiGatewayV2::Api') return bodyAuthorization(route);
    if (route.type !== 'AWS::ApiGatewayV2::Route') return NOT_APPLICABLE;
    const protocol = protocolOf(route);
    const outcomes = route.prop('RouteKey').map((key): Outcome => {
      if (!key.known || typeof key.value !== 'string') {
        // Whatever the route, an authorizer makes it compliant; without one it may be an exempt route.
        const auth = authorization(route);
        if (auth.status !== 'non-compliant') return auth;
        return key.known ? unverifiable('routeKeyValue', { value: describeValue(key.value) }) : unverifiable('routeKeyUnknown', { why: key.why });
      }
      const k = key.value.trim();
      const httpLike = HTTP_ROUTE.test(k);
      if (protocol === 'WEBSOCKET' || (protocol === undefined && !httpLike && k !== '$default')) {
        // WebSocket: only $connect can be authorized.
        return k === '$connect' ? authorization(route) : NOT_APPLICABLE;
      }
      if (/^OPTIONS\s/i.test(k)) return NOT_APPLICABLE;
      const auth = authorization(route);
      if (protocol === undefined && k === '$default' && auth.status === 'non-compliant') {
        return unverifiable('defaultRouteUnknownApi', {});
      }
      return auth;
    });
    return outcomes.length ? worst(...outcomes) : NOT_APPLICABLE;
  },
});

/** HTTP or WEBSOCKET, from the AWS::ApiGatewayV2::Api the route belongs to; undefined when unknown. */
function protocolOf(route: Resource): 'HTTP' | 'WEBSOCKET' | undefined {
  const apis = route.prop('ApiId').map((alt: Alt) => referencedResource(route, alt, 'AWS::ApiGatewayV2::Api'));
  const protocols = new Set<string>();
  for (const api of apis) {
    if (!api) return undefined;
    for (const p of api.prop('ProtocolType')) {
      if (!p.known || typeof p.value !== 'string') return undefined;
      protocols.add(p.value.toUpperCase());
    }
  }
  if (protocols.size !== 1) return undefined;
  const [only] = protocols;
  return only === 'HTTP' || only === 'WEBSOCKET' ? only : undefined;
}

function authorization(route: Resource): Outcome {
  return worst(...route.prop('AuthorizationType').map((alt): Outcome => {
    if (alt.known && (alt.value === undefined || (typeof alt.value === 'string' && alt.value.toUpperCase() === 'NONE'))) {
      return nonCompliant(alt.value === undefined ? 'authNotSet' : 'authNone', { via: viaNote(alt.via) });
    }
    return judge([alt], 'AuthorizationType', (v) => (typeof v === 'string' ? true : undefined));
  }));
}
