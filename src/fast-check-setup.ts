import fc from 'fast-check';

// A property's maxLength is the size its test means to reach. fast-check's default size
// ('small') caps what it generates at about ten elements whatever maxLength says, so a table's
// growth, a buffer's compaction or a checksum's word path behind it would never be tried.
// Arbitraries without a maxLength keep the small default.
//
// Large inputs make shrinking a failure slow (a broken index took minutes over 3,000
// operations), and a synchronous property cannot be stopped by the test's timeout: a run,
// shrinking included, ends after a minute, and ending that way is a failure.
fc.configureGlobal({
  defaultSizeToMaxWhenMaxSpecified: true,
  interruptAfterTimeLimit: 60_000,
  markInterruptAsFailure: true,
});
