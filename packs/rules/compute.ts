/** Network and compute rules: EC2 and VPC, Auto Scaling, load balancers, Route 53, WAF, ECS and ECR, in rule-ID order. */
import type { RuleDefinition } from '../engine/rule';
import { AutoScalingMaxInstanceLifetime } from './autoscaling/AutoScalingMaxInstanceLifetime';
import { AutoScalingMultiAz } from './autoscaling/AutoScalingMultiAz';
import { AutoScalingReplacingUpdate } from './autoscaling/AutoScalingReplacingUpdate';
import { Imdsv2Required } from './ec2/Imdsv2Required';
import { InstanceManagedBySsm } from './ec2/InstanceManagedBySsm';
import { NoStandaloneMutableServer } from './ec2/NoStandaloneMutableServer';
import { SecurityGroupNoOpenIngress } from './ec2/SecurityGroupNoOpenIngress';
import { SelfManagedDatabasePort } from './ec2/SelfManagedDatabasePort';
import { VpcFlowLogs } from './ec2/VpcFlowLogs';
import { EcsContainerLogging } from './ecs/EcsContainerLogging';
import { EcsContainerNotPrivileged } from './ecs/EcsContainerNotPrivileged';
import { EcsNoPlaintextSecrets } from './ecs/EcsNoPlaintextSecrets';
import { EcrImmutableTags } from './ecr/EcrImmutableTags';
import { EcrScanOnPush } from './ecr/EcrScanOnPush';
import { LoadBalancerAccessLogs } from './elbv2/LoadBalancerAccessLogs';
import { LoadBalancerDropInvalidHeaders } from './elbv2/LoadBalancerDropInvalidHeaders';
import { LoadBalancerListenerTls } from './elbv2/LoadBalancerListenerTls';
import { LoadBalancerTlsPolicy } from './elbv2/LoadBalancerTlsPolicy';
import { LoadBalancerWafProtected } from './elbv2/LoadBalancerWafProtected';
import { HostedZoneDnssec } from './route53/HostedZoneDnssec';
import { HostedZoneQueryLogging } from './route53/HostedZoneQueryLogging';
import { WebAclLogging } from './wafv2/WebAclLogging';
import { WebAclManagedRules } from './wafv2/WebAclManagedRules';

export const COMPUTE_RULES: readonly RuleDefinition[] = [
  SecurityGroupNoOpenIngress,
  Imdsv2Required,
  NoStandaloneMutableServer,
  SelfManagedDatabasePort,
  InstanceManagedBySsm,
  VpcFlowLogs,
  AutoScalingReplacingUpdate,
  AutoScalingMultiAz,
  AutoScalingMaxInstanceLifetime,
  LoadBalancerListenerTls,
  LoadBalancerTlsPolicy,
  LoadBalancerAccessLogs,
  LoadBalancerDropInvalidHeaders,
  LoadBalancerWafProtected,
  HostedZoneDnssec,
  HostedZoneQueryLogging,
  WebAclLogging,
  WebAclManagedRules,
  EcsContainerNotPrivileged,
  EcsContainerLogging,
  EcsNoPlaintextSecrets,
  EcrScanOnPush,
  EcrImmutableTags,
];
