import { Stack, StackProps, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { FinTechGuardrailsError } from '../constructs/errors';
import { GLOBAL_EVENTS_REGION } from './activity';

/**
 * Properties for `GlobalEventForwarderStack`.
 */
export interface GlobalEventForwarderStackProps extends StackProps {
  /**
   * The region of the account baseline, whose default event bus receives the forwarded events.
   * Must not be us-east-1 (there is nothing to forward).
   */
  readonly homeRegion: string;
}

/**
 * Runs in us-east-1 and forwards the events AWS delivers there only to the baseline's region:
 * console sign-ins (root and IAM users: CA-3, EX-1, CA-1) and IAM API calls (LA-3, LA-4). The rules of
 * `FinTechAccountBaseline` in the home region then notify them like any other event.
 *
 * `FinTechAccountBaseline` creates this stack next to itself when its region is not us-east-1; the
 * organization form rolls it out with a second StackSet. It holds no assets, so it also works as a
 * StackSet template.
 */
export class GlobalEventForwarderStack extends Stack {
  /** The rule that forwards console sign-in events. */
  public readonly signInRule: events.Rule;

  /** The rule that forwards IAM API calls. */
  public readonly iamRule: events.Rule;

  constructor(scope: Construct, id: string, props: GlobalEventForwarderStackProps) {
    super(scope, id, props);
    if (!Token.isUnresolved(props.homeRegion) && props.homeRegion === GLOBAL_EVENTS_REGION) {
      throw new FinTechGuardrailsError(
        `${this.node.path}: homeRegion is ${GLOBAL_EVENTS_REGION}, where these events already arrive. Fix: do not create a forwarder for a baseline in ${GLOBAL_EVENTS_REGION}.`,
      );
    }
    if (!Token.isUnresolved(this.region) && this.region !== GLOBAL_EVENTS_REGION) {
      throw new FinTechGuardrailsError(
        `${this.node.path}: the forwarder must be deployed in ${GLOBAL_EVENTS_REGION}, got ${this.region}. Fix: env: { region: '${GLOBAL_EVENTS_REGION}' }.`,
      );
    }
    const homeBus = events.EventBus.fromEventBusArn(
      this,
      'HomeBus',
      `arn:${this.partition}:events:${props.homeRegion}:${this.account}:event-bus/default`,
    );
    // One role for both rules: it may only put events on the home region's default bus.
    const role = new iam.Role(this, 'ForwardRole', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
      description: `Lets EventBridge forward global events to ${props.homeRegion} (fintech-guardrails)`,
    });
    this.signInRule = new events.Rule(this, 'ForwardSignIn', {
      description: `Forwards console sign-ins to ${props.homeRegion} (fintech-guardrails CA-1, CA-3, EX-1)`,
      eventPattern: { detailType: ['AWS Console Sign In via CloudTrail'] },
      targets: [new targets.EventBus(homeBus, { role })],
    });
    this.iamRule = new events.Rule(this, 'ForwardIam', {
      description: `Forwards IAM API calls to ${props.homeRegion} (fintech-guardrails LA-3, LA-4)`,
      eventPattern: { source: ['aws.iam'], detailType: ['AWS API Call via CloudTrail'] },
      targets: [new targets.EventBus(homeBus, { role })],
    });
  }
}
