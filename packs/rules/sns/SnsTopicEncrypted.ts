import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { isSet } from '../../engine/resource-policy';

/** An SNS topic encrypts messages at rest with KMS (KmsMasterKeyId is set). */
export const SnsTopicEncrypted = defineRule({
  id: 'FTG-SNS-1',
  name: 'SnsTopicEncrypted',
  items: ['DM-1'],
  resourceTypes: ['AWS::SNS::Topic'],
  info: {
    en: 'The SNS topic does not encrypt messages at rest with a KMS key (KmsMasterKeyId).',
    ja: 'SNS トピックがメッセージを KMS キーで保管時に暗号化していません（KmsMasterKeyId）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted at rest. SNS stores messages until they are delivered (and retries for hours); unlike SQS, SNS does not encrypt them unless a KMS key is given.',
    ja: 'DM-1 は保管時のデータ暗号化を求めています。SNS は配信が終わるまで（再試行の間は数時間）メッセージを保存しますが、SQS と違い、KMS キーを指定しない限り暗号化しません。',
  },
  fix: {
    en: 'Set `masterKey` on `sns.Topic` (a customer managed key with rotation on), or in CloudFormation set KmsMasterKeyId on the AWS::SNS::Topic.',
    ja: '`sns.Topic` に `masterKey`（ローテーションを有効にしたカスタマーマネージドキー）を指定するか、CloudFormation の AWS::SNS::Topic で KmsMasterKeyId を設定してください。',
  },
  check(topic) {
    if (topic.type !== 'AWS::SNS::Topic') return NOT_APPLICABLE;
    return judge(topic.prop('KmsMasterKeyId'), 'KmsMasterKeyId', isSet);
  },
});
