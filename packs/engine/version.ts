/** The version of this package, for reports and SARIF; works from the sources and from `dist/`. */
export function packageVersion(): string {
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(p);
      if (pkg?.name === 'fintech-guardrails') return pkg.version;
    } catch { /* try the next */ }
  }
  return '0.0.0';
}
