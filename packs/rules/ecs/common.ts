/** Helpers of the ECS rules. */
import type { LocalizedText } from '../../../lib/catalog/types';
import { Detail, describeValue } from '../../engine/messages';
import { NOT_APPLICABLE, Outcome } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { judgeList } from '../ec2/helpers';

/** The details of {@link containerLabel} and {@link containerProp}, for the `details` of the rules that use them. */
export const CONTAINER_DETAILS: Readonly<Record<string, LocalizedText>> = {
  'container': { en: 'container "{name}"', ja: 'コンテナ "{name}"' },
  'container-index': { en: 'ContainerDefinitions[{index}]', ja: 'ContainerDefinitions[{index}]' },
  'container-index-name': { en: 'ContainerDefinitions[{index}] ({name})', ja: 'ContainerDefinitions[{index}]（{name}）' },
  'container-prop': { en: '{container} {prop}', ja: '{container} の {prop}' },
};

/** A short name for a container definition in findings: its Name when literal, else its index. */
export function containerLabel(task: Resource, container: unknown, index: number): Detail {
  const n = task.resolve(container, 'Name');
  if (n.length === 1 && n[0].known && typeof n[0].value === 'string') return { key: 'container', params: { name: n[0].value } };
  return n.length === 1 && n[0].known && n[0].value !== undefined
    ? { key: 'container-index-name', params: { index, name: describeValue(n[0].value) } }
    : { key: 'container-index', params: { index } };
}

/** A property of a container in findings (`container "app" LogConfiguration`). */
export function containerProp(container: Detail, prop: string): Detail {
  return { key: 'container-prop', params: { container, prop } };
}

/** Judge every container definition of a task definition (worst wins); no definitions → not applicable. */
export function eachContainer(task: Resource, check: (container: unknown, label: Detail) => Outcome): Outcome {
  return judgeList(task, task.prop('ContainerDefinitions'), 'ContainerDefinitions', { absent: NOT_APPLICABLE, mode: 'every' },
    (c, i) => check(c, containerLabel(task, c, i)));
}
