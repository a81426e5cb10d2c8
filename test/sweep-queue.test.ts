// The scale-out suite on a small fleet (2 repositories, a Slack export, a Jira export); the
// 40-target run with more kill points is `npm run test:scale` (test/scale/).
import { fleetSuite } from "./helpers/fleet-suite.js";

fleetSuite({ repos: 2, killAfter: [0] });
