import { asBoolean } from '../../engine/values';
import { defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, worst } from '../../engine/rule';
import { viaNote } from '../../engine/messages';
import { BODY_DETAILS, bodyAuthorization } from './openApiAuthorization';

/**
 * A REST API method requires authorization (IAM, a Lambda authorizer or a Cognito user pool): each
 * AWS::ApiGateway::Method, and each operation of a RestApi's OpenAPI `Body` (where the SAM transform
 * writes the routes of `Api` function events).
 */
export const RestApiAuthorization = defineRule({
  id: 'FTG-APIGW-1',
  name: 'RestApiAuthorization',
  items: ['BP-2', 'DP-1'],
  resourceTypes: ['AWS::ApiGateway::Method', 'AWS::ApiGateway::RestApi'],
  info: {
    en: 'The API Gateway REST API method has no authorization (AuthorizationType is NONE or not set).',
    ja: 'API Gateway REST API のメソッドに認可が設定されていません（AuthorizationType が NONE または未設定）。',
  },
  explanation: {
    en: 'BP-2 asks for authorization between systems, not only encryption, and DP-1 for secure programming (OWASP API Security: broken authentication). A method without an authorizer can be called by anyone on the Internet. An API key (ApiKeyRequired) is not authorization: keys identify callers for usage plans, are sent in clear headers and are not meant to protect data.',
    ja: 'BP-2 は暗号化だけでなくシステム間の認可を、DP-1 はセキュアプログラミング（OWASP API Security の認証不備）を求めています。認可のないメソッドはインターネット上の誰からでも呼び出せます。API キー（ApiKeyRequired）は認可ではありません。使用量プランのために呼び出し元を識別するもので、ヘッダーでそのまま送られ、データを守る仕組みではありません。',
  },
  fix: {
    en: 'Give the method an authorizer: `authorizer` (a `apigateway.CognitoUserPoolsAuthorizer`, `TokenAuthorizer` or `RequestAuthorizer`) or `authorizationType: apigateway.AuthorizationType.IAM` in `addMethod` options, or `defaultMethodOptions` of the RestApi; in CloudFormation set AWS::ApiGateway::Method AuthorizationType to AWS_IAM, CUSTOM or COGNITO_USER_POOLS (with AuthorizerId). CORS preflight (OPTIONS) methods are exempt.',
    ja: 'メソッドに認可を設定してください。`addMethod` のオプションまたは RestApi の `defaultMethodOptions` で `authorizer`（`apigateway.CognitoUserPoolsAuthorizer`、`TokenAuthorizer`、`RequestAuthorizer`）か `authorizationType: apigateway.AuthorizationType.IAM` を指定します。CloudFormation では AWS::ApiGateway::Method の AuthorizationType を AWS_IAM、CUSTOM、COGNITO_USER_POOLS（AuthorizerId とともに）にします。CORS プリフライト（OPTIONS）メソッドは対象外です。',
  },
  details: {
    authNotSet: { en: 'AuthorizationType is not set (NONE){via}{apiKey}', ja: 'AuthorizationType が未設定（NONE）です{via}{apiKey}' },
    authNone: { en: 'AuthorizationType is NONE{via}{apiKey}', ja: 'AuthorizationType が NONE です{via}{apiKey}' },
    apiKeyOnly: { en: '; ApiKeyRequired alone is not authorization', ja: '。ApiKeyRequired だけでは認可になりません' },
    ...BODY_DETAILS,
  },
  check(method) {
    if (method.type === 'AWS::ApiGateway::RestApi') return bodyAuthorization(method);
    if (method.type !== 'AWS::ApiGateway::Method') return NOT_APPLICABLE;
    // CORS preflight requests carry no credentials: an OPTIONS method cannot require authorization.
    const httpMethod = method.prop('HttpMethod');
    if (httpMethod.length > 0 && httpMethod.every((a) => a.known && typeof a.value === 'string' && a.value.toUpperCase() === 'OPTIONS')) return NOT_APPLICABLE;
    const apiKeyOnly = method.prop('ApiKeyRequired').some((a) => a.known && asBoolean(a.value) === true);
    return worst(...method.prop('AuthorizationType').map((alt): Outcome => {
      if (alt.known && (alt.value === undefined || (typeof alt.value === 'string' && alt.value.toUpperCase() === 'NONE'))) {
        return nonCompliant(alt.value === undefined ? 'authNotSet' : 'authNone', {
          via: viaNote(alt.via),
          apiKey: apiKeyOnly ? { key: 'apiKeyOnly' } : undefined,
        });
      }
      return judge([alt], 'AuthorizationType', (v) => (typeof v === 'string' ? true : undefined));
    }));
  },
});
