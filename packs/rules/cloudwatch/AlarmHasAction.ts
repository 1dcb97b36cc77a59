import { asBoolean, isOpaque } from '../../engine/values';
import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { best } from '../cloudfront/helpers';
import { within } from '../../engine/lists';
import { describeValue, viaNote } from '../../engine/messages';

const ALARM = 'AWS::CloudWatch::Alarm';
const COMPOSITE = 'AWS::CloudWatch::CompositeAlarm';

/**
 * A CloudWatch alarm notifies someone (or something) when it fires: ActionsEnabled is not false and
 * AlarmActions has at least one entry. An alarm without actions that feeds a composite alarm which
 * has actions is compliant (the usual pattern to reduce alarm noise).
 */
export const AlarmHasAction = defineRule({
  id: 'FTG-CW-1',
  name: 'AlarmHasAction',
  items: ['OP-1'],
  resourceTypes: [ALARM, COMPOSITE],
  info: {
    en: 'The CloudWatch alarm does nothing when it fires: it has no alarm action, or its actions are disabled (ActionsEnabled false).',
    ja: 'CloudWatch アラームが発報しても何も起きません。アラームアクションがないか、アクションが無効です（ActionsEnabled が false）。',
  },
  explanation: {
    en: 'OP-1 asks for uptime monitoring with alarms that notify someone. An alarm that nobody hears only changes colour on a dashboard: failures are found by customers, not by the team.',
    ja: 'OP-1 は、誰かに通知するアラームを伴う稼働監視を求めています。誰にも届かないアラームはダッシュボードの色が変わるだけで、障害に気付くのはチームではなく顧客になります。',
  },
  fix: {
    en: 'Add an action: `alarm.addAlarmAction(new cloudwatch_actions.SnsAction(topic))` (a topic with an on-call subscription, or AWS Chatbot / Incident Manager), and keep `actionsEnabled` true; in CloudFormation set AlarmActions to at least one ARN and do not set ActionsEnabled to false. An alarm that only feeds a composite alarm can rely on the composite alarm\'s actions.',
    ja: 'アクションを追加してください: `alarm.addAlarmAction(new cloudwatch_actions.SnsAction(topic))`（当番者が購読する SNS トピック、AWS Chatbot、Incident Manager など）。`actionsEnabled` は true のままにします。CloudFormation では AlarmActions に 1 つ以上の ARN を設定し、ActionsEnabled を false にしないでください。複合アラームの入力専用のアラームは、複合アラーム側のアクションで代替できます。',
  },
  details: {
    composite: { en: 'composite alarm {alarm} (fed by this alarm)', ja: 'このアラームを入力とする複合アラーム {alarm}' },
    actionsNotSet: { en: 'AlarmActions is not set{via}', ja: 'AlarmActions が未設定です{via}' },
    actionsEmpty: { en: 'AlarmActions is empty{via}', ja: 'AlarmActions が空です{via}' },
    actionsCanBeEmpty: {
      en: 'AlarmActions can be empty{via} (every entry is absent in some branch)',
      ja: 'AlarmActions が空になりえます{via}（どの要素もいずれかの分岐で存在しません）',
    },
    actionsUnknown: { en: 'AlarmActions entries cannot be verified before deployment', ja: 'AlarmActions の要素をデプロイ前に検証できません' },
  },
  check(alarm) {
    if (alarm.type !== ALARM && alarm.type !== COMPOSITE) return NOT_APPLICABLE;
    return heard(alarm, new Set());
  },
});

/** Whether the alarm has working actions of its own, or feeds a composite alarm that is heard. */
function heard(alarm: Resource, seen: Set<string>): Outcome {
  seen.add(alarm.logicalId);
  const own = ownActions(alarm);
  if (own.status === 'compliant') return own;
  const composites = alarm.template.referrersOf(alarm.logicalId, COMPOSITE).filter((c) => !seen.has(c.logicalId) && seen.size < 10);
  const viaComposite = composites.map((c) => within({ key: 'composite', params: { alarm: c.logicalId } }, heard(c, seen)));
  // Its own actions, or a composite alarm that is heard; when both fail, the alarm's own finding.
  const found = best(...viaComposite);
  return found.status === 'compliant' || (found.status === 'unverifiable' && own.status === 'non-compliant') ? found : own;
}

function ownActions(alarm: Resource): Outcome {
  const enabled = judge(alarm.prop('ActionsEnabled'), 'ActionsEnabled', (v) => (v === undefined ? true : asBoolean(v)));
  const actions = worst(...alarm.prop('AlarmActions').map((alt): Outcome => {
    if (!alt.known) return unverifiable('at', { what: 'AlarmActions', why: alt.why });
    const via = viaNote(alt.via);
    if (alt.value === undefined) return nonCompliant('actionsNotSet', { via });
    if (isOpaque(alt.value) || !Array.isArray(alt.value)) return unverifiable('only-at-deployment', { what: 'AlarmActions', value: describeValue(alt.value) });
    // Each entry can be an Fn::If with AWS::NoValue: the list is empty in a branch where every entry can be absent.
    const entries = alt.value.map((raw) => alarm.resolve(raw));
    if (entries.length === 0) return nonCompliant('actionsEmpty', { via });
    if (entries.some((e) => e.every((a) => a.known && a.value !== undefined && a.value !== null && a.value !== ''))) return COMPLIANT;
    if (entries.every((e) => e.some((a) => a.known && (a.value === undefined || a.value === null || a.value === '')))) {
      return nonCompliant('actionsCanBeEmpty', { via });
    }
    return unverifiable('actionsUnknown', {});
  }));
  return worst(enabled, actions);
}
