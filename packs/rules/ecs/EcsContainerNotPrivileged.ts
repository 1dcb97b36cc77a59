import { defineRule, judge, NOT_APPLICABLE, worst } from '../../engine/rule';
import { asBoolean } from '../../engine/values';
import { CONTAINER_DETAILS, containerProp, eachContainer } from './common';

/** Containers are not privileged and have a read-only root file system. */
export const EcsContainerNotPrivileged = defineRule({
  id: 'FTG-ECS-1',
  name: 'EcsContainerNotPrivileged',
  items: ['BP-1', 'NT-2'],
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: {
    en: 'A container of the ECS task definition runs privileged, or its root file system is writable (ReadonlyRootFilesystem is not true).',
    ja: 'ECS タスク定義のコンテナが特権モードで動作しているか、ルートファイルシステムが書き込み可能です（ReadonlyRootFilesystem が true ではありません）。',
  },
  explanation: {
    en: 'BP-1 asks for several layers of defence: a privileged container has every capability and the host\'s devices, so one compromised process controls the host and its other tasks. NT-2 (immutable infrastructure) says a running server is never changed: a read-only root file system keeps the container exactly as built, so an attacker cannot drop tools or alter binaries, and changes go through a new image.',
    ja: 'BP-1 は多重対策を求めています。特権コンテナはすべてのケーパビリティとホストのデバイスを持つため、1 つのプロセスが侵害されるとホストと他のタスクまで制御されます。NT-2（イミュータブルインフラ）は稼働中のサーバーを変更しないことを求めています。ルートファイルシステムを読み取り専用にするとコンテナはビルドしたとおりに保たれ、攻撃者がツールを置いたりバイナリを改ざんしたりできず、変更は新しいイメージで行うことになります。',
  },
  fix: {
    en: 'On `taskDefinition.addContainer(...)`, set `readonlyRootFilesystem: true` (mount a volume for paths that must be written, e.g. /tmp) and do not set `privileged: true`. In CloudFormation, set ContainerDefinitions[].ReadonlyRootFilesystem: true and remove Privileged (or set it to false) on the AWS::ECS::TaskDefinition.',
    ja: '`taskDefinition.addContainer(...)` で `readonlyRootFilesystem: true` を指定し（書き込みが必要なパス、例えば /tmp にはボリュームをマウントします）、`privileged: true` は指定しないでください。CloudFormation では AWS::ECS::TaskDefinition の ContainerDefinitions[].ReadonlyRootFilesystem を true にし、Privileged を削除（または false に）してください。',
  },
  details: CONTAINER_DETAILS,
  check(task) {
    if (task.type !== 'AWS::ECS::TaskDefinition') return NOT_APPLICABLE;
    return eachContainer(task, (c, label) => worst(
      judge(task.resolve(c, 'Privileged'), containerProp(label, 'Privileged'), (v) => (v === undefined ? true : asBoolean(v) === undefined ? undefined : !asBoolean(v))),
      judge(task.resolve(c, 'ReadonlyRootFilesystem'), containerProp(label, 'ReadonlyRootFilesystem'), (v) => (v === undefined ? false : asBoolean(v))),
    ));
  },
});
