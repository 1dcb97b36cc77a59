/**
 * Root user watch (CA-3, EX-1): `RootLoginNotification` on the baseline's topic (with the CIS root-usage
 * alarm when the trail has a log group), and the way console sign-in and IAM events, which AWS delivers
 * in us-east-1 only, reach the baseline's region (`globalEventForwarding`).
 */
import { Stage, Token, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { RootLoginNotification, ROOT_SIGN_IN_REGION } from '../../constructs/root-login-notification';
import { FinTechGuardrailsError } from '../../constructs/errors';
import { GLOBAL_EVENTS_REGION } from '../activity';
import { GlobalEventForwarding } from '../account-baseline-props';
import { GlobalEventForwarderStack } from '../global-event-forwarder';
import { BaselineContext } from './context';

export interface RootWatchOptions {
  /** The trail's CloudWatch Logs group, for the CIS root-usage alarm. */
  readonly cloudTrailLogGroup?: logs.ILogGroup;
  readonly forwarding: GlobalEventForwarding;
  /** The account of the forwarder stack (the baseline's `env.account`). */
  readonly account?: string;
}

export class RootWatch {
  /** Root-use notifications. */
  public readonly rootLoginNotification: RootLoginNotification;

  /** The forwarder of global events in us-east-1, when this part created one. */
  public readonly globalEventForwarder?: GlobalEventForwarderStack;

  constructor(private readonly base: BaselineContext, options: RootWatchOptions) {
    this.rootLoginNotification = new RootLoginNotification(base.stack, 'RootLogin', {
      topic: base.notifications.topic,
      cloudTrailLogGroup: options.cloudTrailLogGroup,
    });
    this.globalEventForwarder = this.forwardGlobalEvents(options.forwarding, options.account);
  }

  private forwardGlobalEvents(forwarding: GlobalEventForwarding, account: string | undefined): GlobalEventForwarderStack | undefined {
    const stack = this.base.stack;
    if (forwarding !== 'stack' && forwarding !== 'external' && forwarding !== 'none') {
      throw new FinTechGuardrailsError(
        `${stack.node.path}: globalEventForwarding must be 'stack', 'external' or 'none', got '${String(forwarding)}'.`,
      );
    }
    const regionKnown = !Token.isUnresolved(stack.region);
    if (regionKnown && stack.region === ROOT_SIGN_IN_REGION) return undefined;
    if (forwarding === 'external') {
      Validations.of(this.rootLoginNotification).acknowledge({
        id: 'fintech-guardrails:rootLoginRegion',
        reason:
          'globalEventForwarding is "external": another deployment (the organization form rolls out GlobalEventForwarderStack ' +
          `with a StackSet in ${GLOBAL_EVENTS_REGION}) forwards root console sign-ins to this region's default event bus.`,
      });
      return undefined;
    }
    if (forwarding === 'none' || !regionKnown) return undefined;
    const stage = Stage.of(stack);
    if (!stage) return undefined;
    const forwarder = new GlobalEventForwarderStack(stage, `${stack.node.id}GlobalEvents`, {
      env: { account, region: GLOBAL_EVENTS_REGION },
      homeRegion: stack.region,
      description: `Forwards console sign-in and IAM events from ${GLOBAL_EVENTS_REGION} to the FinTech baseline ${stack.stackName} in ${stack.region}`,
    });
    Validations.of(this.rootLoginNotification).acknowledge({
      id: 'fintech-guardrails:rootLoginRegion',
      reason: `The stack ${forwarder.stackName} (GlobalEventForwarderStack, created with this baseline) forwards root console sign-ins from ${GLOBAL_EVENTS_REGION} to this region.`,
    });
    return forwarder;
  }
}
