import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

/**
 * The layering of src/ (README, "How the code is laid out"), as the rules in .dependency-cruiser.cjs: an import
 * that runs up a floor, closes a loop, takes a node: module into the core or the page, or reaches into another
 * format's folder fails here, with the rule's reason. `npm run deps` prints the same report.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One line per violation: the rule, the import (or the loop), and what the rule asks for. */
function describeViolation(violation: IViolation, comments: ReadonlyMap<string, string>): string {
  const path = violation.cycle?.length ? [violation.from, ...violation.cycle.map((step) => step.name)].join(' -> ') : `${violation.from} -> ${violation.to}`;
  return `${violation.rule.name}: ${path}\n    (${comments.get(violation.rule.name) ?? ''})`;
}

describe('the layering of src/', () => {
  it('has no import that runs up a layer, closes a loop or breaks another rule of .dependency-cruiser.cjs', async () => {
    const options = await extractDepcruiseOptions(`${ROOT}.dependency-cruiser.cjs`);
    // the config's paths are relative to the repo root, wherever vitest runs from
    const { output } = await cruise(['src', 'test', 'bench'], { ...options, baseDir: ROOT, outputType: 'json' }, undefined, {
      tsConfig: extractTSConfig(`${ROOT}tsconfig.json`),
    });
    const result: ICruiseResult = typeof output === 'string' ? JSON.parse(output) : output;
    const comments = new Map((options.ruleSet?.forbidden ?? []).map((rule) => [rule.name ?? '', rule.comment ?? '']));
    expect(result.summary.totalCruised).toBeGreaterThan(150);
    const violations = result.summary.violations.map((violation) => describeViolation(violation, comments));
    expect(violations, `the layering is broken:\n  ${violations.join('\n  ')}`).toEqual([]);
  });
});
