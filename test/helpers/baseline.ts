/** Helpers shared by the baseline tests: an app synthesized under both packs, and its validation report. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { FinTechChecks } from '../../packs/fintech-checks';

/** An app writing into a temporary directory of its own; `cleanup` removes it. */
export interface CheckedApp {
  readonly app: App;
  readonly outdir: string;
  /** Adds FinTechChecks and AwsSolutionsChecks, synthesizes, and returns what synthesis threw (undefined if nothing). */
  synthUnderChecks(): unknown;
  /** The unsuppressed violations of the validation report, one line each: plugin, severity, rule, construct paths. */
  violations(): string[];
  cleanup(): void;
}

export function checkedApp(prefix: string): CheckedApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `ftg-${prefix}-`));
  const app = new App({ outdir });
  return {
    app,
    outdir,
    synthUnderChecks() {
      Validations.of(app).addPlugins(new FinTechChecks(app), new AwsSolutionsChecks(app));
      try {
        app.synth();
        return undefined;
      } catch (err) {
        return err;
      }
    },
    violations() {
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
      // A plugin that found nothing (cdk-nag applies acknowledgments itself) has no entry in the report.
      for (const p of report.pluginReports) expect(p.conclusion).toBe('success');
      return report.pluginReports.flatMap((p: any) =>
        (p.violations ?? []).map((v: any) => `${p.pluginName} ${v.severity} ${v.ruleName} ${(v.violatingResources ?? []).map((r: any) => r.constructPath).join(',')}`),
      );
    },
    cleanup() {
      fs.rmSync(outdir, { recursive: true, force: true });
    },
  };
}

/** The logical ID of a construct's CloudFormation resource (its default child, or itself). */
export function logicalIdOf(construct: IConstruct): string {
  const child: any = construct.node.defaultChild ?? construct;
  return Stack.of(construct).resolve(child.logicalId);
}
