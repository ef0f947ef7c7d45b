// Once per test run: makes the cross-version Node binary available before any test file needs it,
// so a slow first install is not charged to one test's timeout.
import { nodeBinary } from './helpers/node-versions.js';

export default function setup(): void {
  process.env.POOLDOC_NODE22 = nodeBinary(22);
}
