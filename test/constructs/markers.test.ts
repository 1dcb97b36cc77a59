import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { EnvelopeEncryptionKey, ImmutableServerFleet, RootLoginNotification, WriteOnceLogArchive } from '../../lib/constructs';
import { CONSTRUCT_MARKER_KEY } from '../../lib/report/markers';
import { newVpc } from '../helpers/constructs';

describe('construct markers for the compliance report', () => {
  test('each construct marks its main resource with its name and items', () => {
    const stack = new Stack(new App(), 'M', { env: { account: '123456789012', region: 'us-east-1' } });
    new EnvelopeEncryptionKey(stack, 'Key');
    new WriteOnceLogArchive(stack, 'Archive');
    new RootLoginNotification(stack, 'Root', { emails: ['cto@example.com'] });
    const vpc = newVpc(stack);
    new ImmutableServerFleet(stack, 'Fleet', { vpc, machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-12345678' }) });
    const markers = Object.values<any>(Template.fromStack(stack).toJSON().Resources)
      .map((r) => r.Metadata?.[CONSTRUCT_MARKER_KEY]).filter(Boolean)
      .map((m) => [m.construct, m.items.join(' ')]).sort();
    expect(markers).toEqual([
      ['EnvelopeEncryptionKey', 'NT-1 DM-1 DM-2'],
      ['ImmutableServerFleet', 'NT-2 CM-1 CM-4 CF-1'],
      ['RootLoginNotification', 'CA-3 EX-1'],
      ['WriteOnceLogArchive', 'LA-1 EX-1 DM-1'],
    ]);
  });
});
