/** The production build the UI benchmark serves, apart from dist/ and the e2e builds. */
export const BENCH_DIST = 'dist-bench';
/** Where it writes bench-ui.json, the screenshots and any CPU profiles (not committed). */
export const BENCH_RESULTS = 'bench-ui/results';
