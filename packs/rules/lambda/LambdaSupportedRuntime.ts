import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { viaNote } from '../../engine/messages';

/**
 * Lambda runtimes that AWS has deprecated: no more security patches for the language runtime or the
 * OS, and function creation/update is blocked later. Identifier → deprecation date and successor.
 *
 * Reviewed 2026-11-26 against the AWS Lambda runtimes page
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html) and the lifecycle data that
 * the CloudFormation validator in aws-cdk-lib 2.276 reports. Next scheduled deprecations to add at
 * the next review: nodejs22.x (2027-04-30), ruby3.3 (2027-03-31). The Amazon Linux 2 runtimes
 * java8.al2, java11, java17, python3.10 and python3.11, and dotnet8, are not deprecated on the review
 * date (AWS moved several of these dates in 2026): check them again at the next review.
 */
export const DEPRECATED_RUNTIMES_REVIEWED = '2026-11-26';
export const DEPRECATED_RUNTIMES: Readonly<Record<string, { readonly deprecated: string; readonly successor: string }>> = {
  // Node.js
  'nodejs': { deprecated: '2016-10-31', successor: 'nodejs24.x' },
  'nodejs4.3': { deprecated: '2020-03-05', successor: 'nodejs24.x' },
  'nodejs4.3-edge': { deprecated: '2020-03-05', successor: 'nodejs24.x' },
  'nodejs6.10': { deprecated: '2019-08-12', successor: 'nodejs24.x' },
  'nodejs8.10': { deprecated: '2020-03-06', successor: 'nodejs24.x' },
  'nodejs10.x': { deprecated: '2021-07-30', successor: 'nodejs24.x' },
  'nodejs12.x': { deprecated: '2023-03-31', successor: 'nodejs24.x' },
  'nodejs14.x': { deprecated: '2023-12-04', successor: 'nodejs24.x' },
  'nodejs16.x': { deprecated: '2024-06-12', successor: 'nodejs24.x' },
  'nodejs18.x': { deprecated: '2025-09-01', successor: 'nodejs24.x' },
  'nodejs20.x': { deprecated: '2026-04-30', successor: 'nodejs24.x' },
  // Python
  'python2.7': { deprecated: '2021-07-15', successor: 'python3.14' },
  'python3.6': { deprecated: '2022-07-18', successor: 'python3.14' },
  'python3.7': { deprecated: '2023-12-04', successor: 'python3.14' },
  'python3.8': { deprecated: '2024-10-14', successor: 'python3.14' },
  'python3.9': { deprecated: '2025-12-15', successor: 'python3.14' },
  // Java (java8 is Amazon Linux 1; java8.al2 is not deprecated yet)
  'java8': { deprecated: '2024-01-08', successor: 'java25' },
  // .NET
  'dotnetcore1.0': { deprecated: '2019-06-27', successor: 'dotnet10' },
  'dotnetcore2.0': { deprecated: '2019-05-30', successor: 'dotnet10' },
  'dotnetcore2.1': { deprecated: '2022-01-05', successor: 'dotnet10' },
  'dotnetcore3.1': { deprecated: '2023-04-03', successor: 'dotnet10' },
  'dotnet5.0': { deprecated: '2022-05-10', successor: 'dotnet10' },
  'dotnet6': { deprecated: '2024-12-20', successor: 'dotnet10' },
  'dotnet7': { deprecated: '2024-05-14', successor: 'dotnet10' },
  // Ruby
  'ruby2.5': { deprecated: '2021-07-30', successor: 'ruby3.4' },
  'ruby2.7': { deprecated: '2023-12-07', successor: 'ruby3.4' },
  'ruby3.2': { deprecated: '2026-03-31', successor: 'ruby3.4' },
  // Go and OS-only
  'go1.x': { deprecated: '2024-01-08', successor: 'provided.al2023' },
  'provided': { deprecated: '2024-01-08', successor: 'provided.al2023' },
  'provided.al2': { deprecated: '2026-07-31', successor: 'provided.al2023' },
};

/** A Lambda function (a .zip package) runs on a runtime that AWS still patches. */
export const LambdaSupportedRuntime = defineRule({
  id: 'FTG-LAMBDA-3',
  name: 'LambdaSupportedRuntime',
  items: ['CM-4', 'CF-3'],
  resourceTypes: ['AWS::Lambda::Function'],
  info: {
    en: 'The Lambda function uses a deprecated runtime, which no longer receives security patches.',
    ja: 'Lambda 関数がサポート終了（非推奨）のランタイムを使っており、セキュリティパッチが提供されません。',
  },
  explanation: {
    en: 'CM-4 asks for a patching process and CF-3 for protection against malware and vulnerabilities. For a .zip function, AWS patches the OS and language runtime only while the runtime is supported; after deprecation known vulnerabilities stay open, and later the function can no longer be updated, not even to fix an incident.',
    ja: 'CM-4 はパッチ適用の仕組みを、CF-3 はマルウェア・脆弱性への対策を求めています。.zip 形式の関数では、OS と言語ランタイムへのパッチはランタイムのサポート期間中しか AWS から提供されません。サポート終了後は既知の脆弱性が残り続け、やがてインシデント対応のための更新すらできなくなります。',
  },
  fix: {
    en: 'Move to a supported runtime, e.g. `runtime: lambda.Runtime.NODEJS_24_X`, `PYTHON_3_14`, `JAVA_25`, `DOTNET_10`, `RUBY_3_4` or `PROVIDED_AL2023` (or `lambda.determineLatestNodeRuntime(this)`); in CloudFormation set AWS::Lambda::Function Runtime to a supported identifier. Keep the runtime list of this rule reviewed as AWS announces deprecations.',
    ja: 'サポート中のランタイムへ移行してください（例: `runtime: lambda.Runtime.NODEJS_24_X`、`PYTHON_3_14`、`JAVA_25`、`DOTNET_10`、`RUBY_3_4`、`PROVIDED_AL2023`、または `lambda.determineLatestNodeRuntime(this)`）。CloudFormation では AWS::Lambda::Function の Runtime をサポート中の識別子にします。AWS の非推奨化の告知に合わせ、このルールのランタイム一覧も見直してください。',
  },
  details: {
    'runtime-not-set': { en: 'Runtime is not set{via}', ja: 'Runtime が未設定です{via}' },
    'deprecated': {
      en: 'Runtime {runtime}{via} was deprecated on {date}; move to {successor}',
      ja: 'Runtime {runtime}{via} は {date} に非推奨になりました。{successor} に移行してください',
    },
  },
  check(fn) {
    if (fn.type !== 'AWS::Lambda::Function') return NOT_APPLICABLE;
    // Container image functions bring their own runtime: patching is the image build's job.
    const packageType = fn.prop('PackageType');
    if (packageType.length > 0 && packageType.every((a) => a.known && typeof a.value === 'string' && a.value.toLowerCase() === 'image')) return NOT_APPLICABLE;
    const mayBeImage = packageType.some((a) => !a.known || (a.value !== undefined && (typeof a.value !== 'string' || a.value.toLowerCase() === 'image')));
    return worst(...fn.prop('Runtime').map((alt): Outcome => {
      if (!alt.known) return unverifiable('at', { what: 'Runtime', why: alt.why });
      const via = viaNote(alt.via);
      if (alt.value === undefined) return mayBeImage ? NOT_APPLICABLE : unverifiable('runtime-not-set', { via });
      if (typeof alt.value !== 'string') return judge([alt], 'Runtime', () => undefined);
      const deprecated = DEPRECATED_RUNTIMES[alt.value.trim().toLowerCase()];
      return deprecated
        ? nonCompliant('deprecated', { runtime: alt.value, via, date: deprecated.deprecated, successor: deprecated.successor })
        : COMPLIANT;
    }));
  },
});
