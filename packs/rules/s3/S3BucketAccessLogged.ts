import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { isOpaque } from '../../engine/values';
import { isAccessLogDestination } from './S3BucketEncrypted';

/**
 * An S3 bucket records server access logs (LoggingConfiguration is set; without DestinationBucketName
 * the logs go to the bucket itself, which is still logging). A bucket that receives another
 * bucket's access logs is not applicable: logging it would log the logging.
 */
export const S3BucketAccessLogged = defineRule({
  id: 'FTG-S3-5',
  name: 'S3BucketAccessLogged',
  items: ['LA-2'],
  resourceTypes: ['AWS::S3::Bucket'],
  info: {
    en: 'The S3 bucket does not record server access logs (LoggingConfiguration is not set).',
    ja: 'S3 バケットのサーバーアクセスログが記録されていません（LoggingConfiguration が未設定です）。',
  },
  explanation: {
    en: 'LA-2 asks to log enough to understand what happened, assuming an incident will happen. CloudTrail records object-level reads only when data events are on; server access logs record every request to the bucket, with the requester and source IP.',
    ja: 'LA-2 はインシデントが起きる前提で、状況を把握できるだけのログを記録することを求めています。CloudTrail はデータイベントを有効にしない限りオブジェクトの読み取りを記録しません。サーバーアクセスログはバケットへのすべてのリクエストを、要求者と送信元 IP とともに記録します。',
  },
  fix: {
    en: 'Set `serverAccessLogsBucket` (and `serverAccessLogsPrefix`) on the `s3.Bucket`, or in CloudFormation set LoggingConfiguration.DestinationBucketName (and LogFilePrefix).',
    ja: '`s3.Bucket` に `serverAccessLogsBucket`（と `serverAccessLogsPrefix`）を指定するか、CloudFormation の LoggingConfiguration.DestinationBucketName（と LogFilePrefix）を設定してください。',
  },
  check(bucket, ctx) {
    if (bucket.type !== 'AWS::S3::Bucket') return NOT_APPLICABLE;
    if (isAccessLogDestination(bucket, ctx.template)) return NOT_APPLICABLE;
    return judge(bucket.prop('LoggingConfiguration'), 'LoggingConfiguration',
      (v) => (v === undefined ? false : isOpaque(v) ? undefined : typeof v === 'object' && v !== null));
  },
});
