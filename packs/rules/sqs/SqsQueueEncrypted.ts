import { COMPLIANT, defineRule, judge, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { asBoolean } from '../../engine/values';

/**
 * An SQS queue encrypts messages at rest.
 *
 * Decision: KmsMasterKeyId set (SSE-KMS) or SqsManagedSseEnabled true (SSE-SQS) → compliant;
 * SqsManagedSseEnabled false without KmsMasterKeyId → non-compliant; neither property → compliant,
 * because since October 2022 SQS applies SSE-SQS to every new queue unless it is turned off
 * (CDK's `QueueEncryption.UNENCRYPTED` writes SqsManagedSseEnabled: false, which this rule flags).
 */
export const SqsQueueEncrypted = defineRule({
  id: 'FTG-SQS-1',
  name: 'SqsQueueEncrypted',
  items: ['DM-1'],
  resourceTypes: ['AWS::SQS::Queue'],
  info: {
    en: 'The SQS queue has server-side encryption turned off (SqsManagedSseEnabled is false and no KmsMasterKeyId is set).',
    ja: 'SQS キューのサーバー側暗号化が無効になっています（SqsManagedSseEnabled が false で、KmsMasterKeyId も未設定です）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted at rest. Queues keep messages for up to 14 days; SQS encrypts them by default (SSE-SQS) unless encryption is explicitly turned off. A KMS key (SSE-KMS) adds an audit trail and key control.',
    ja: 'DM-1 は保管時のデータ暗号化を求めています。キューはメッセージを最大 14 日間保持します。SQS は明示的に無効にしない限り既定で暗号化（SSE-SQS）します。KMS キー（SSE-KMS）を使えば監査証跡と鍵の管理も得られます。',
  },
  fix: {
    en: 'Remove `encryption: sqs.QueueEncryption.UNENCRYPTED` from `sqs.Queue`, or use `QueueEncryption.KMS` with `encryptionMasterKey` (or `SQS_MANAGED`); in CloudFormation remove SqsManagedSseEnabled: false or set KmsMasterKeyId on the AWS::SQS::Queue.',
    ja: '`sqs.Queue` から `encryption: sqs.QueueEncryption.UNENCRYPTED` を外すか、`QueueEncryption.KMS` と `encryptionMasterKey`（または `SQS_MANAGED`）を指定してください。CloudFormation では AWS::SQS::Queue の SqsManagedSseEnabled: false を削除するか、KmsMasterKeyId を設定してください。',
  },
  details: {
    'key-unknown': {
      en: 'KmsMasterKeyId: {why}, and SqsManagedSseEnabled is not true',
      ja: 'KmsMasterKeyId: {why}。また SqsManagedSseEnabled が true ではありません',
    },
  },
  check(queue) {
    if (queue.type !== 'AWS::SQS::Queue') return NOT_APPLICABLE;
    const sse = judge(queue.prop('SqsManagedSseEnabled'), 'SqsManagedSseEnabled', (v) => (v === undefined ? true : asBoolean(v)));
    return worst(...queue.prop('KmsMasterKeyId').map((alt): Outcome => {
      if (alt.known && alt.value !== undefined && alt.value !== '') return COMPLIANT;
      if (alt.known) return sse;
      // The key is not known before deployment: it is still a key unless the parameter is empty.
      return sse.status === 'compliant' ? COMPLIANT : unverifiable('key-unknown', { why: alt.why });
    }));
  },
});
