import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The first-start test takes minutes (18 first starts of PGlite). Vitest runs
// larger files first when it has no timings (a fresh clone, CI), which put
// this small file last, ending the PGlite pass alone on one worker for 3 to
// 4.5 minutes while the other sat idle. It starts first instead.
const FIRST = ['tests/first-start.test.ts'];

export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (spec: TestSpecification) => FIRST.some((name) => spec.moduleId.endsWith(name));
    return [...sorted.filter(first), ...sorted.filter((spec) => !first(spec))];
  }
}
