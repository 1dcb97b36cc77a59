import { best, COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { describeValue } from '../../engine/messages';
import { Resource } from '../../engine/template';
import { isOpaque } from '../../engine/values';

const FLOW_LOG = 'AWS::EC2::FlowLog';

/**
 * Every VPC has a flow log of all its traffic: an AWS::EC2::FlowLog whose ResourceId refers to the
 * VPC (Ref, Fn::GetAtt VpcId, a Sub of it), with ResourceType VPC and TrafficType ALL.
 * A flow log whose ResourceId is a parameter, a literal ID or an import cannot name a VPC that this
 * template creates; one whose ResourceId comes from another resource of the template (a custom
 * resource's attribute) might, so the VPC is then "cannot be verified". Flow logs on subnets or
 * network interfaces only are not counted (they leave the rest of the VPC unlogged).
 */
export const VpcFlowLogs = defineRule({
  id: 'FTG-EC2-6',
  name: 'VpcFlowLogs',
  items: ['LA-2'],
  resourceTypes: ['AWS::EC2::VPC'],
  info: {
    en: 'The VPC has no flow log of all its traffic (no AWS::EC2::FlowLog with ResourceType VPC and TrafficType ALL refers to it).',
    ja: 'VPC のすべての通信のフローログがありません（この VPC を参照し、ResourceType が VPC で TrafficType が ALL の AWS::EC2::FlowLog がありません）。',
  },
  explanation: {
    en: 'LA-2 asks to log enough to understand what happened, assuming an incident will happen. VPC flow logs record which addresses talked to which, on which ports, accepted or rejected: without them the network side of an intrusion or of a data exfiltration cannot be reconstructed.',
    ja: 'LA-2 は、事件が発生する前提で状況が把握できる程度のログを記録することを求めています。VPC フローログは、どのアドレスがどのポートでどこと通信し、許可・拒否されたかを記録します。これがないと、侵入やデータ持ち出しのネットワーク面を後から再構成できません。',
  },
  fix: {
    en: 'Give `ec2.Vpc` a flow log: `flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup), trafficType: ec2.FlowLogTrafficType.ALL } }` (or `vpc.addFlowLog(id)`). In CloudFormation, add an AWS::EC2::FlowLog with ResourceId `!Ref` the VPC, ResourceType VPC and TrafficType ALL.',
    ja: '`ec2.Vpc` にフローログを設定してください: `flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup), trafficType: ec2.FlowLogTrafficType.ALL } }`（または `vpc.addFlowLog(id)`）。CloudFormation では、ResourceId が VPC の `!Ref`、ResourceType が VPC、TrafficType が ALL の AWS::EC2::FlowLog を追加してください。',
  },
  details: {
    noFlowLog: {
      en: 'no AWS::EC2::FlowLog in the template has this VPC as ResourceId',
      ja: 'テンプレートに、この VPC を ResourceId とする AWS::EC2::FlowLog がありません',
    },
    flowLogIs: {
      en: 'flow log {flowLog}: {why}',
      ja: 'フローログ {flowLog}: {why}',
    },
    maybeThisVpc: {
      en: 'no AWS::EC2::FlowLog refers to this VPC directly, and the ResourceId of flow log {flowLog} is {value}, which is only known at deployment',
      ja: 'この VPC を直接参照する AWS::EC2::FlowLog はなく、フローログ {flowLog} の ResourceId は {value} で、デプロイ時にしか決まりません',
    },
  },
  check(vpc) {
    if (vpc.type !== 'AWS::EC2::VPC') return NOT_APPLICABLE;
    const flowLogs = vpc.template.pointingAt(vpc, FLOW_LOG, 'ResourceId');
    if (flowLogs.length > 0) return best(...flowLogs.map(judgeFlowLog));
    const maybe = worst(...vpc.template.ofType(FLOW_LOG).map(mayBeThisVpc));
    return maybe.status === 'unverifiable' ? maybe : nonCompliant('noFlowLog', {});
  },
});

/** A flow log that refers to the VPC: it must log the whole VPC (ResourceType VPC) and all traffic. */
function judgeFlowLog(flowLog: Resource): Outcome {
  const o = worst(
    judge(flowLog.prop('ResourceType'), 'ResourceType', (v) => (typeof v === 'string' ? v.toUpperCase() === 'VPC' : v === undefined ? false : undefined)),
    judge(flowLog.prop('TrafficType'), 'TrafficType', (v) => (typeof v === 'string' ? v.toUpperCase() === 'ALL' : v === undefined ? false : undefined)),
  );
  if (o.status === 'non-compliant') return nonCompliant('flowLogIs', { flowLog: flowLog.logicalId, why: o.detail });
  if (o.status === 'unverifiable') return unverifiable('flowLogIs', { flowLog: flowLog.logicalId, why: o.detail });
  return o;
}

/**
 * A flow log that does not refer to the VPC by reference: one whose ResourceId comes from another
 * resource of the template (e.g. a custom resource's attribute) may still be this VPC.
 */
function mayBeThisVpc(flowLog: Resource): Outcome {
  return worst(...flowLog.prop('ResourceId').map((alt): Outcome => {
    if (!alt.known || !isOpaque(alt.value)) return COMPLIANT;
    // A reference to another VPC is that VPC; a reference to any other resource might yield this VPC's ID.
    const others = flowLog.referencedIds(alt.value.raw).map((id) => flowLog.template.resource(id)).filter((r) => r && r.type !== 'AWS::EC2::VPC');
    return others.length > 0 ? unverifiable('maybeThisVpc', { flowLog: flowLog.logicalId, value: describeValue(alt.value) }) : COMPLIANT;
  }));
}
