import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';

/** No active IAM access key is created: long-lived keys can be copied and shared, and do not name the person who uses them. */
export const IamNoAccessKeys = defineRule({
  id: 'FTG-IAM-3',
  name: 'IamNoAccessKeys',
  items: ['CA-6', 'CA-1'],
  resourceTypes: ['AWS::IAM::AccessKey'],
  info: {
    en: 'The template creates an active IAM access key (a long-lived credential).',
    ja: 'テンプレートが有効な IAM アクセスキー（長期間有効な認証情報）を作成しています。',
  },
  explanation: {
    en: 'CA-6 forbids shared accounts, because "who did it" becomes unknown, and CA-1 asks for two factors at every login. An access key is a password that never expires: it is copied into scripts, CI settings and laptops, it is used without MFA, and every copy acts as the same user. Workloads should use roles (instance profiles, task roles, OIDC federation for CI), and people should use IAM Identity Center, which issues short-lived credentials per person.',
    ja: 'CA-6 は「誰が行ったか」が分からなくなるためアカウントの共有を禁じ、CA-1 はすべてのログインに 2 要素を求めています。アクセスキーは期限のないパスワードのようなもので、スクリプトや CI の設定、ノート PC にコピーされ、MFA なしで使われ、どのコピーも同じユーザーとして動作します。ワークロードにはロール（インスタンスプロファイル、タスクロール、CI には OIDC フェデレーション）を、人には個人ごとに短期の認証情報を発行する IAM Identity Center を使ってください。',
  },
  fix: {
    en: 'Remove the `iam.AccessKey` (CloudFormation: AWS::IAM::AccessKey) and give the workload a role instead (e.g. `iam.OpenIdConnectProvider` + `iam.WebIdentityPrincipal` for CI, or the compute service\'s role). To keep a key only as a disabled record, set `status: iam.AccessKeyStatus.INACTIVE` (CloudFormation Status: Inactive). If a third-party system really needs a key, acknowledge this rule with the reason and rotate the key.',
    ja: '`iam.AccessKey`（CloudFormation では AWS::IAM::AccessKey）を削除し、代わりにワークロードにロールを与えてください（例: CI には `iam.OpenIdConnectProvider` と `iam.WebIdentityPrincipal`、コンピュートサービスにはそのサービスのロール）。無効化したキーとして残すだけなら `status: iam.AccessKeyStatus.INACTIVE`（CloudFormation の Status: Inactive）を指定します。外部システムがどうしてもキーを必要とする場合は、理由を書いてこのルールを承認（acknowledge）し、キーをローテーションしてください。',
  },
  check(key) {
    if (key.type !== 'AWS::IAM::AccessKey') return NOT_APPLICABLE;
    // Status defaults to Active.
    return judge(key.prop('Status'), 'Status', (v) => {
      if (v === undefined) return false;
      if (typeof v !== 'string') return undefined;
      return v.trim().toLowerCase() === 'inactive';
    });
  },
});
