import { defineRule, judge, nonCompliant, NOT_APPLICABLE, worst } from '../../engine/rule';
import { isTrue } from '../../engine/resource-policy';

/**
 * A DynamoDB table is encrypted with a KMS key rather than the AWS owned key DynamoDB uses by default:
 * SSESpecification.SSEEnabled: true, with SSEType absent or KMS (the only type SSEEnabled gives).
 * The key may be a customer managed key (KMSMasterKeyId; recommended, the team owns its policy and
 * rotation) or the AWS managed key aws/dynamodb (its use is logged in CloudTrail and AWS rotates it
 * every year). The AWS owned key is neither visible nor auditable in the account.
 * Applies to AWS::DynamoDB::Table and AWS::DynamoDB::GlobalTable (table-level SSESpecification).
 */
export const DynamoDbCustomerManagedKey = defineRule({
  id: 'FTG-DDB-2',
  name: 'DynamoDbCustomerManagedKey',
  items: ['DM-2'],
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  info: {
    en: 'The DynamoDB table is encrypted with the AWS owned key, not a KMS key in the account (SSESpecification.SSEEnabled is not true).',
    ja: 'DynamoDB テーブルがアカウント内の KMS キーではなく AWS 所有キーで暗号化されています（SSESpecification.SSEEnabled が true ではありません）。',
  },
  explanation: {
    en: 'DM-2 asks for key management with regular rotation. DynamoDB always encrypts at rest, but with its default AWS owned key the team cannot see the key, audit its use in CloudTrail, rotate it or revoke it. A KMS key in the account (a customer managed key, or at least the AWS managed key aws/dynamodb) makes every use visible and controllable.',
    ja: 'DM-2 は鍵管理体制と定期的な鍵の交換を求めています。DynamoDB は常に保管時暗号化されますが、既定の AWS 所有キーではチームが鍵を確認できず、CloudTrail で利用を監査することも、ローテーションや無効化もできません。アカウント内の KMS キー（カスタマーマネージドキー、少なくとも AWS マネージドキー aws/dynamodb）を使えば、すべての利用が可視化され管理できます。',
  },
  fix: {
    en: 'Set `encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED` with `encryptionKey` on `dynamodb.Table` (or `dynamodb.TableEncryptionV2.customerManagedKey(key)` on `TableV2`), or in CloudFormation set SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <key> } (for a GlobalTable, Replicas[].SSESpecification.KMSMasterKeyId).',
    ja: '`dynamodb.Table` に `encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED` と `encryptionKey` を（`TableV2` では `dynamodb.TableEncryptionV2.customerManagedKey(key)` を）指定するか、CloudFormation で SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <キー> } を設定してください（GlobalTable では Replicas[].SSESpecification.KMSMasterKeyId）。',
  },
  details: {
    notSet: {
      en: 'SSESpecification is not set (DynamoDB then uses an AWS owned key)',
      ja: 'SSESpecification が未設定です（この場合 DynamoDB は AWS 所有のキーを使います）',
    },
  },
  check(table) {
    if (table.type !== 'AWS::DynamoDB::Table' && table.type !== 'AWS::DynamoDB::GlobalTable') return NOT_APPLICABLE;
    return worst(...table.prop('SSESpecification').map((alt) => {
      if (!alt.known) return judge([alt], 'SSESpecification', () => undefined);
      if (alt.value === undefined) return nonCompliant('notSet', {});
      return worst(
        judge(table.resolve(alt.value, 'SSEEnabled'), 'SSESpecification.SSEEnabled', isTrue),
        judge(table.resolve(alt.value, 'SSEType'), 'SSESpecification.SSEType',
          (v) => (v === undefined ? true : typeof v === 'string' ? v.toUpperCase() === 'KMS' : undefined)),
      );
    }));
  },
});
