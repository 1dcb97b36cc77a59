import { defineRule, judge, NOT_APPLICABLE } from '../../engine/rule';
import { isTrue } from '../../engine/resource-policy';

/** An EFS file system is encrypted at rest (Encrypted: true; the CloudFormation default is false). */
export const EfsEncrypted = defineRule({
  id: 'FTG-EFS-1',
  name: 'EfsEncrypted',
  items: ['DM-1'],
  resourceTypes: ['AWS::EFS::FileSystem'],
  info: {
    en: 'The EFS file system is not encrypted at rest (Encrypted is not true).',
    ja: 'EFS ファイルシステムが保管時に暗号化されていません（Encrypted が true ではありません）。',
  },
  explanation: {
    en: 'DM-1 asks for data to be encrypted at rest. EFS encryption is chosen when the file system is created and cannot be turned on later: an unencrypted file system must be copied to a new one.',
    ja: 'DM-1 は保管時のデータ暗号化を求めています。EFS の暗号化はファイルシステム作成時に決まり、後から有効にできません。暗号化されていないファイルシステムは新しいものへコピーし直す必要があります。',
  },
  fix: {
    en: 'Set `encrypted: true` (and optionally `kmsKey`) on `efs.FileSystem`, or in CloudFormation set Encrypted: true (and KmsKeyId) on the AWS::EFS::FileSystem.',
    ja: '`efs.FileSystem` に `encrypted: true`（必要に応じて `kmsKey`）を指定するか、CloudFormation の AWS::EFS::FileSystem で Encrypted を true（と KmsKeyId）にしてください。',
  },
  check(fs) {
    if (fs.type !== 'AWS::EFS::FileSystem') return NOT_APPLICABLE;
    return judge(fs.prop('Encrypted'), 'Encrypted', isTrue);
  },
});
