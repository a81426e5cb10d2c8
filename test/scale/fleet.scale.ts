// The scale-out suite at issue 15's size: 38 repositories, a Slack export and a Jira export
// (40 targets), killed at several points. `npm run test:scale`; .ci/run runs it after `npm test`.
import { fleetSuite } from "../helpers/fleet-suite.js";

fleetSuite({ repos: 38, killAfter: [0, 30, 70] });
