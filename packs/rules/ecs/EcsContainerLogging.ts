import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant, Outcome, unverifiable, worst } from '../../engine/rule';
import { describeValue, viaNote } from '../../engine/messages';
import { isOpaque } from '../../engine/values';
import { CONTAINER_DETAILS, containerProp, eachContainer } from './common';

/** Log drivers that keep the logs on the container host, which is replaced (and its logs lost) with the server. */
const LOCAL_DRIVERS = ['json-file', 'journald', 'none', 'local'];

/** Every container sends its logs somewhere (a log configuration with a driver that ships them). */
export const EcsContainerLogging = defineRule({
  id: 'FTG-ECS-2',
  name: 'EcsContainerLogging',
  items: ['LA-2'],
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  info: {
    en: 'A container of the ECS task definition has no log configuration (or uses a driver that keeps logs only on the host), so its output is lost.',
    ja: 'ECS タスク定義のコンテナにログ設定がない（またはホスト上にしかログを残さないドライバーを使っている）ため、出力が失われます。',
  },
  explanation: {
    en: 'LA-2 asks to log enough to understand what happened, assuming an incident will happen. A container without a log configuration writes its application logs nowhere that survives the task; json-file or journald logs stay on a host that is replaced. Shipping them (awslogs to CloudWatch Logs, or FireLens) keeps them for the investigation.',
    ja: 'LA-2 は、事件が発生する前提で状況が把握できる程度のログを記録することを求めています。ログ設定のないコンテナのアプリケーションログは、タスクの終了とともに失われます。json-file や journald のログは置き換えられるホストに残るだけです。awslogs（CloudWatch Logs）や FireLens で送信すれば、調査のために保持できます。',
  },
  fix: {
    en: 'Set `logging: ecs.LogDrivers.awsLogs({ streamPrefix: \'app\', logGroup })` (or `ecs.LogDrivers.firelens(...)`) on every `taskDefinition.addContainer(...)`. In CloudFormation, set ContainerDefinitions[].LogConfiguration.LogDriver (awslogs, awsfirelens, splunk, ...) for every container of the AWS::ECS::TaskDefinition.',
    ja: 'すべての `taskDefinition.addContainer(...)` に `logging: ecs.LogDrivers.awsLogs({ streamPrefix: \'app\', logGroup })`（または `ecs.LogDrivers.firelens(...)`）を指定してください。CloudFormation では AWS::ECS::TaskDefinition のすべてのコンテナに ContainerDefinitions[].LogConfiguration.LogDriver（awslogs、awsfirelens、splunk など）を設定してください。',
  },
  details: {
    ...CONTAINER_DETAILS,
    'no-log-configuration': { en: '{container} has no LogConfiguration', ja: '{container} に LogConfiguration がありません' },
    'no-log-driver': { en: '{container} LogConfiguration has no LogDriver', ja: '{container} の LogConfiguration に LogDriver がありません' },
    'local-driver': {
      en: '{container} uses the {driver} log driver, which keeps logs only on the host{via}',
      ja: '{container} が、ホスト上にしかログを残さない {driver} ログドライバーを使っています{via}',
    },
  },
  check(task) {
    if (task.type !== 'AWS::ECS::TaskDefinition') return NOT_APPLICABLE;
    return eachContainer(task, (c, container) => worst(...task.resolve(c, 'LogConfiguration').map((cfg): Outcome => {
      const what = containerProp(container, 'LogConfiguration');
      if (!cfg.known) return unverifiable('at', { what, why: cfg.why });
      if (cfg.value === undefined || cfg.value === null) return nonCompliant('no-log-configuration', { container });
      if (isOpaque(cfg.value) || typeof cfg.value !== 'object') return unverifiable('known-at-deployment', { what });
      return worst(...task.resolve(cfg.value, 'LogDriver').map((d): Outcome => {
        const driver = containerProp(container, 'LogConfiguration.LogDriver');
        if (!d.known) return unverifiable('at', { what: driver, why: d.why });
        if (d.value === undefined) return nonCompliant('no-log-driver', { container });
        if (typeof d.value !== 'string') return unverifiable('value-is', { what: driver, value: describeValue(d.value) });
        return LOCAL_DRIVERS.includes(d.value.toLowerCase())
          ? nonCompliant('local-driver', { container, driver: d.value, via: viaNote(d.via) })
          : COMPLIANT;
      }));
    })));
  },
});
