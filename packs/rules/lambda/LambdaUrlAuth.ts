import { defineRule, judge, nonCompliant, NOT_APPLICABLE, worst } from '../../engine/rule';

/** A Lambda function URL requires IAM authentication (AuthType AWS_IAM). */
export const LambdaUrlAuth = defineRule({
  id: 'FTG-LAMBDA-1',
  name: 'LambdaUrlAuth',
  items: ['BP-2'],
  resourceTypes: ['AWS::Lambda::Url'],
  info: {
    en: 'The Lambda function URL is public: AuthType is NONE, so anyone on the Internet can invoke the function.',
    ja: 'Lambda 関数 URL が公開されています。AuthType が NONE のため、インターネット上の誰でも関数を呼び出せます。',
  },
  explanation: {
    en: 'BP-2 asks for authorization between systems, not only encryption. A function URL with AuthType NONE skips IAM entirely: every request runs the function, so authentication, throttling and protection must all be rebuilt in the code, and the function can be abused (data access, cost).',
    ja: 'BP-2 は暗号化だけでなくシステム間の認可を求めています。AuthType が NONE の関数 URL は IAM を完全に迂回し、すべてのリクエストで関数が実行されます。認証・流量制御・防御をすべてコードで作り直す必要があり、不正利用（データアクセス、コスト）のおそれがあります。',
  },
  fix: {
    en: 'Use `fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM })` and grant callers with `fn.grantInvokeUrl(principal)`; for public traffic put CloudFront in front with origin access control (`origins.FunctionUrlOrigin.withOriginAccessControl(url)`). In CloudFormation set AWS::Lambda::Url AuthType: AWS_IAM.',
    ja: '`fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM })` とし、呼び出し元には `fn.grantInvokeUrl(principal)` で権限を付与してください。公開する場合は、オリジンアクセスコントロール付きの CloudFront（`origins.FunctionUrlOrigin.withOriginAccessControl(url)`）を前段に置きます。CloudFormation では AWS::Lambda::Url の AuthType を AWS_IAM にします。',
  },
  details: {
    'auth-not-set': { en: 'AuthType is not set', ja: 'AuthType が未設定です' },
  },
  check(url) {
    if (url.type !== 'AWS::Lambda::Url') return NOT_APPLICABLE;
    return worst(...url.prop('AuthType').map((alt) => {
      if (alt.known && alt.value === undefined) return nonCompliant('auth-not-set', {});
      return judge([alt], 'AuthType', (v) => (typeof v === 'string' ? v.toUpperCase() === 'AWS_IAM' : undefined));
    }));
  },
});
