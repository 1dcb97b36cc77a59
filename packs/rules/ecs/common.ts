/** Helpers of the ECS rules. */
import { describe, NOT_APPLICABLE, Outcome } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { judgeList } from '../ec2/helpers';

/** A short name for a container definition in findings: its Name when literal, else its index. */
export function containerLabel(task: Resource, container: unknown, index: number): string {
  const n = task.resolve(container, 'Name');
  return n.length === 1 && n[0].known && typeof n[0].value === 'string'
    ? `container "${n[0].value}"`
    : `ContainerDefinitions[${index}]${n.length === 1 && n[0].known && n[0].value !== undefined ? ` (${describe(n[0].value)})` : ''}`;
}

/** Judge every container definition of a task definition (worst wins); no definitions → not applicable. */
export function eachContainer(task: Resource, check: (container: unknown, label: string) => Outcome): Outcome {
  return judgeList(task, task.prop('ContainerDefinitions'), 'ContainerDefinitions', { absent: NOT_APPLICABLE, mode: 'every' },
    (c, i) => check(c, containerLabel(task, c, i)));
}
