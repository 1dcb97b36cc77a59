import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { isOpaque } from '../../engine/values';

const STREAM = 'AWS::Kinesis::Stream';
const DELIVERY_STREAM = 'AWS::KinesisFirehose::DeliveryStream';

/**
 * Streaming data is encrypted at rest.
 *
 * - AWS::Kinesis::Stream: StreamEncryption.EncryptionType is KMS. CDK's default `kinesis.Stream`
 *   writes an Fn::If that leaves the stream unencrypted in the China regions; that branch is judged
 *   like any other, so state `encryption` explicitly.
 * - AWS::KinesisFirehose::DeliveryStream of type DirectPut (the default): server-side encryption is
 *   configured (DeliveryStreamEncryptionConfigurationInput). Streams reading from a Kinesis data
 *   stream, MSK or a database are not applicable: the data is encrypted, or not, at the source.
 */
export const KinesisStreamEncrypted = defineRule({
  id: 'FTG-KIN-1',
  name: 'KinesisStreamEncrypted',
  items: ['DM-1'],
  resourceTypes: [STREAM, DELIVERY_STREAM],
  info: {
    en: 'The Kinesis stream does not encrypt data at rest with KMS.',
    ja: 'Kinesis ストリームが KMS で保管時のデータを暗号化していません。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted at rest. A stream keeps every record for its retention period (24 hours to a year); payment events and customer data in it should be encrypted like in any other store.',
    ja: 'DM-1 は保管時のデータ暗号化を求めています。ストリームは保持期間（24 時間〜1 年）の間すべてのレコードを保存します。そこに流れる決済イベントや顧客データも、他の保管場所と同じく暗号化すべきです。',
  },
  fix: {
    en: 'Set `encryption: kinesis.StreamEncryption.KMS` (with `encryptionKey`) or `StreamEncryption.MANAGED` on `kinesis.Stream` (CloudFormation StreamEncryption: { EncryptionType: KMS, KeyId }); for a Firehose `DeliveryStream` set `encryption: firehose.StreamEncryption.customerManagedKey(key)` or `awsOwnedKey()` (CloudFormation DeliveryStreamEncryptionConfigurationInput: { KeyType: CUSTOMER_MANAGED_CMK, KeyARN }).',
    ja: '`kinesis.Stream` に `encryption: kinesis.StreamEncryption.KMS`（と `encryptionKey`）または `StreamEncryption.MANAGED` を指定してください（CloudFormation では StreamEncryption: { EncryptionType: KMS, KeyId }）。Firehose の `DeliveryStream` には `encryption: firehose.StreamEncryption.customerManagedKey(key)` または `awsOwnedKey()` を指定してください（CloudFormation では DeliveryStreamEncryptionConfigurationInput: { KeyType: CUSTOMER_MANAGED_CMK, KeyARN }）。',
  },
  check(stream) {
    if (stream.type === STREAM) {
      return judge(stream.prop('StreamEncryption.EncryptionType'), 'StreamEncryption.EncryptionType',
        (v) => (v === undefined ? false : typeof v === 'string' ? v.toUpperCase() === 'KMS' : undefined));
    }
    if (stream.type !== DELIVERY_STREAM) return NOT_APPLICABLE;
    const directPut = stream.prop('DeliveryStreamType').some((a) => !a.known || a.value === undefined || a.value === 'DirectPut' || isOpaque(a.value));
    if (!directPut) return NOT_APPLICABLE;
    return judge(stream.prop('DeliveryStreamEncryptionConfigurationInput'), 'DeliveryStreamEncryptionConfigurationInput',
      (v) => (v === undefined ? false : isOpaque(v) ? undefined : typeof v === 'object' && v !== null));
  },
});
