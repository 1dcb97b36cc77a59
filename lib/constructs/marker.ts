import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CONSTRUCT_MARKER_KEY, constructMarker, MarkerKind } from '../report/markers';

/**
 * Mark the CloudFormation resource behind `resource` as created by one of our constructs, so that the
 * compliance report can show which constructs cover which guideline items.
 */
export function markConstruct(resource: IConstruct, construct: string, items: readonly string[], kind: MarkerKind = 'construct'): void {
  const cfn = CfnResource.isCfnResource(resource) ? resource : resource.node.defaultChild;
  if (cfn && CfnResource.isCfnResource(cfn)) cfn.addMetadata(CONSTRUCT_MARKER_KEY, constructMarker(construct, items, kind));
}
