import { Annotations, Duration, Size, Token, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { markConstruct } from './marker';
import { FinTechGuardrailsError } from './errors';

const MIN_LIFETIME_DAYS = 1;
const MAX_LIFETIME_DAYS = 365;

/**
 * Properties for `ImmutableServerFleet`.
 */
export interface ImmutableServerFleetProps {
  /** The VPC to launch the instances in. */
  readonly vpc: ec2.IVpc;

  /**
   * The machine image (AMI). A new image replaces every instance; nothing is patched in place. The
   * image must provide `/opt/aws/bin/cfn-signal` (Amazon Linux does, after installing
   * `aws-cfn-bootstrap`, which the user data does when it is missing).
   */
  readonly machineImage: ec2.IMachineImage;

  /**
   * The instance type.
   *
   * @default t3.micro
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * The minimum number of instances. Fewer than two leaves a single point of failure (CF-1, BP-6)
   * and adds a warning (`fintech-guardrails:fleetBelowTwoInstances`).
   *
   * @default 2
   */
  readonly minCapacity?: number;

  /**
   * The maximum number of instances.
   *
   * @default 4
   */
  readonly maxCapacity?: number;

  /**
   * How long an instance may live before Auto Scaling replaces it with a fresh one from the launch
   * template. This bounds how old an instance's patches can get (CM-4) and how long any drift made
   * by hand can survive (NT-2). From 1 to 365 days.
   *
   * @default Duration.days(30)
   */
  readonly maxInstanceLifetime?: Duration;

  /**
   * Where to place the instances. The selected subnets must cover at least two Availability Zones
   * unless `allowSingleAz` is true.
   *
   * @default - the VPC's private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Accept subnets in a single Availability Zone (no redundancy against an AZ failure, CF-1). Adds a
   * warning (`fintech-guardrails:fleetSingleAz`) when the subnets do cover only one zone.
   *
   * @default false
   */
  readonly allowSingleAz?: boolean;

  /**
   * The security group of the instances.
   *
   * @default - a new security group with no inbound rules and all outbound traffic allowed (for
   *   Systems Manager and package repositories)
   */
  readonly securityGroup?: ec2.ISecurityGroup;

  /**
   * How long CloudFormation waits for new instances to signal success (cfn-signal) before it rolls
   * the deployment back.
   *
   * @default Duration.minutes(15)
   */
  readonly signalTimeout?: Duration;

  /**
   * How long Auto Scaling waits after an instance starts before it checks its health.
   *
   * @default Duration.minutes(5)
   */
  readonly healthCheckGracePeriod?: Duration;

  /**
   * The size of the root volume; at least the size of the image's root snapshot.
   *
   * @default Size.gibibytes(8)
   */
  readonly rootVolumeSize?: Size;

  /**
   * The device name of the image's root volume, so that the encrypted gp3 mapping replaces the root
   * volume rather than adding a second one (`/dev/xvda` on Amazon Linux, `/dev/sda1` on Ubuntu and
   * Windows).
   *
   * @default '/dev/xvda'
   */
  readonly rootDeviceName?: string;

  /**
   * The KMS key that encrypts the root volume. A customer managed key must let the Auto Scaling
   * service-linked role use it.
   *
   * @default - the AWS managed key for EBS (aws/ebs)
   */
  readonly rootVolumeEncryptionKey?: kms.IKey;

  /**
   * A topic for Auto Scaling launch and terminate notifications (including failures).
   *
   * @default - no notifications; failed launches still fail the deployment through the resource signals
   */
  readonly notificationTopic?: sns.ITopic;
}

/**
 * A fleet of immutable servers (guideline items NT-2, CM-1, CM-4, CF-1): an Auto Scaling group of
 * instances built only from a launch template, replaced and never changed in place.
 *
 * - Launch template: IMDSv2 required, encrypted gp3 root volume, no SSH key pair, an instance role
 *   with only `AmazonSSMManagedInstanceCore` (use Session Manager instead of SSH).
 * - Any change to the launch template (new image, new user data, new instance type) makes
 *   CloudFormation build a new Auto Scaling group next to the old one (`replacingUpdate`), wait for
 *   `minCapacity` instances to signal success (cfn-signal in the user data), then delete the old one;
 *   a failed deployment deletes the new group and leaves the old one untouched.
 * - Instances live at most 30 days (`maxInstanceLifetime`), so patches are never older than that.
 * - At least two instances across at least two Availability Zones.
 *
 * Put it behind an Application Load Balancer with `listener.addTargets('Fleet', { port, targets: [fleet] })`
 * (or `fleet.attachToApplicationTargetGroup(targetGroup)`): health checks then come from the load balancer.
 */
export class ImmutableServerFleet extends Construct implements ec2.IConnectable, elbv2.IApplicationLoadBalancerTarget {
  /** The Auto Scaling group. */
  public readonly autoScalingGroup: autoscaling.AutoScalingGroup;

  /** The launch template every instance is built from. */
  public readonly launchTemplate: ec2.LaunchTemplate;

  /** The instance role. */
  public readonly role: iam.Role;

  /** The network connections (security group) of the instances. */
  public readonly connections: ec2.Connections;

  /**
   * The user data of the instances. Add your start-up commands here; the script signals
   * CloudFormation with its exit status when it ends, and stops at the first failing command.
   */
  public readonly userData: ec2.UserData;

  private readonly healthCheckGracePeriod: Duration;

  constructor(scope: Construct, id: string, props: ImmutableServerFleetProps) {
    super(scope, id);

    const minCapacity = props.minCapacity ?? 2;
    const maxCapacity = props.maxCapacity ?? 4;
    validateCapacity(this, minCapacity, maxCapacity);
    if (minCapacity < 2) {
      Annotations.of(this).addWarningV2(
        'fintech-guardrails:fleetBelowTwoInstances',
        `minCapacity is ${minCapacity}: the fleet can drop to a single instance or none, a single point of failure (CF-1, BP-6). ` +
          '/ 最小台数が 2 未満です。単一障害点になります。',
      );
    }
    const maxInstanceLifetime = props.maxInstanceLifetime ?? Duration.days(30);
    validateLifetime(this, maxInstanceLifetime);
    this.healthCheckGracePeriod = props.healthCheckGracePeriod ?? Duration.minutes(5);

    const vpcSubnets = props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
    this.checkAvailabilityZones(props.vpc, vpcSubnets, props.allowSingleAz ?? false);

    this.role = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Instances of an immutable server fleet: Systems Manager only (no SSH key pairs)',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason:
        'AmazonSSMManagedInstanceCore is the AWS-maintained minimum for Systems Manager (Session Manager, Patch Manager, ' +
        'Run Command). It replaces SSH key pairs (none is configured) and AWS updates it as the agent changes; a hand-copied ' +
        'inline policy would drift from what the agent needs.',
    });

    const securityGroup =
      props.securityGroup ??
      new ec2.SecurityGroup(this, 'SecurityGroup', {
        vpc: props.vpc,
        description: 'Immutable server fleet instances (no inbound rules until a load balancer is attached)',
        allowAllOutbound: true,
      });

    const osType = props.machineImage.getImage(this).osType;
    this.userData = ec2.UserData.forOperatingSystem(osType);
    if (osType === ec2.OperatingSystemType.LINUX) {
      this.userData.addCommands(
        'set -e',
        // cfn-signal ships with Amazon Linux 2; on Amazon Linux 2023 it is a package away.
        'if [ ! -x /opt/aws/bin/cfn-signal ]; then (dnf install -y aws-cfn-bootstrap || yum install -y aws-cfn-bootstrap); fi',
      );
    }

    const rootVolumeSize = props.rootVolumeSize ?? Size.gibibytes(8);
    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      machineImage: props.machineImage,
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      role: this.role,
      securityGroup,
      userData: this.userData,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          deviceName: props.rootDeviceName ?? '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(rootVolumeSize.toGibibytes(), {
            encrypted: true,
            kmsKey: props.rootVolumeEncryptionKey,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            deleteOnTermination: true,
          }),
        },
      ],
    });
    this.connections = this.launchTemplate.connections;

    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Resource', {
      vpc: props.vpc,
      vpcSubnets,
      launchTemplate: this.launchTemplate,
      minCapacity,
      maxCapacity,
      maxInstanceLifetime,
      healthChecks: autoscaling.HealthChecks.ec2({ gracePeriod: this.healthCheckGracePeriod }),
      updatePolicy: autoscaling.UpdatePolicy.replacingUpdate(),
      signals: autoscaling.Signals.waitForMinCapacity({ timeout: props.signalTimeout ?? Duration.minutes(15) }),
      notifications: props.notificationTopic ? [{ topic: props.notificationTopic }] : undefined,
    });
    markConstruct(this.autoScalingGroup, 'ImmutableServerFleet', ['NT-2', 'CM-1', 'CM-4', 'CF-1']);
    // cfn-signal --stack <stack> --resource <logical ID of this Auto Scaling group> --region <region> -e <exit code>,
    // run from an EXIT trap so that it reports how the whole script ended.
    this.userData.addSignalOnExitCommand(this.autoScalingGroup);

    if (!props.notificationTopic) {
      Validations.of(this.autoScalingGroup).acknowledge({
        id: 'AwsSolutions-AS3',
        reason:
          'Launches and terminations are routine in an immutable fleet (every deployment and every maxInstanceLifetime ' +
          'rotation replaces instances). A failed launch fails the CloudFormation deployment through resource signals and ' +
          'rolls it back. Pass notificationTopic to receive the events anyway.',
      });
    }
  }

  /**
   * Register the fleet with an Application Load Balancer target group, open the security group to the
   * load balancer, and switch the group's health check to the load balancer's (ELB), keeping the grace
   * period.
   */
  public attachToApplicationTargetGroup(targetGroup: elbv2.IApplicationTargetGroup): elbv2.LoadBalancerTargetProps {
    const props = this.autoScalingGroup.attachToApplicationTargetGroup(targetGroup);
    const cfn = this.autoScalingGroup.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    cfn.healthCheckType = 'ELB';
    cfn.healthCheckGracePeriod = this.healthCheckGracePeriod.toSeconds();
    return props;
  }

  private checkAvailabilityZones(vpc: ec2.IVpc, selection: ec2.SubnetSelection, allowSingleAz: boolean): void {
    let zones: string[];
    try {
      zones = vpc.selectSubnets(selection).availabilityZones;
    } catch (err) {
      throw new FinTechGuardrailsError(
        `${this.node.path}: the VPC has no subnets matching vpcSubnets (${describeSelection(selection)}): ${(err as Error).message} ` +
          'Fix: add private subnets with egress to the VPC, or pass vpcSubnets that exist.',
        { cause: err },
      );
    }
    if (zones.some((z) => Token.isUnresolved(z))) {
      return; // environment-agnostic stack: the zones are only known at deployment
    }
    const distinct = Array.from(new Set(zones));
    if (distinct.length >= 2) {
      return;
    }
    if (!allowSingleAz) {
      throw new FinTechGuardrailsError(
        `${this.node.path}: the selected subnets cover ${distinct.length} Availability Zone(s) (${distinct.join(', ') || 'none'}); ` +
          'an immutable fleet needs at least two so that losing one zone does not stop the service (CF-1). ' +
          'Fix: give the VPC subnets in two or more zones (e.g. ec2.Vpc maxAzs: 2), or set allowSingleAz: true and record why.',
      );
    }
    Annotations.of(this).addWarningV2(
      'fintech-guardrails:fleetSingleAz',
      `The fleet runs in a single Availability Zone (${distinct.join(', ')}) because allowSingleAz is true: a zone failure stops it (CF-1). ` +
        '/ 単一のアベイラビリティーゾーンで稼働しています。',
    );
  }
}

function validateCapacity(scope: Construct, min: number, max: number): void {
  for (const [name, value] of [['minCapacity', min], ['maxCapacity', max]] as const) {
    if (Token.isUnresolved(value)) {
      continue;
    }
    if (!Number.isInteger(value) || value < 0) {
      throw new FinTechGuardrailsError(
        `${scope.node.path}: ${name} must be a non-negative integer, got ${value}. Fix: use e.g. minCapacity: 2, maxCapacity: 4.`,
      );
    }
  }
  if (!Token.isUnresolved(max) && max < 1) {
    throw new FinTechGuardrailsError(`${scope.node.path}: maxCapacity must be at least 1, got ${max}. Fix: use e.g. maxCapacity: 4.`);
  }
  if (!Token.isUnresolved(min) && !Token.isUnresolved(max) && min > max) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: minCapacity (${min}) is greater than maxCapacity (${max}). Fix: raise maxCapacity to at least ${min}.`,
    );
  }
}

function validateLifetime(scope: Construct, lifetime: Duration): void {
  if (lifetime.isUnresolved()) {
    return;
  }
  const days = lifetime.toSeconds() / 86400;
  if (days < MIN_LIFETIME_DAYS || days > MAX_LIFETIME_DAYS) {
    throw new FinTechGuardrailsError(
      `${scope.node.path}: maxInstanceLifetime must be from ${MIN_LIFETIME_DAYS} to ${MAX_LIFETIME_DAYS} days, got ${lifetime.toHumanString()}. ` +
        'Fix: use e.g. Duration.days(30): instances are then never more than 30 days behind on patches.',
    );
  }
}

function describeSelection(selection: ec2.SubnetSelection): string {
  if (selection.subnetType) return `subnetType ${selection.subnetType}`;
  if (selection.subnetGroupName) return `subnetGroupName ${selection.subnetGroupName}`;
  if (selection.subnets) return `${selection.subnets.length} given subnets`;
  return 'custom selection';
}
