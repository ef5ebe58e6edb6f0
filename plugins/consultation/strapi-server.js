'use strict';

// Strapi require()s a plugin's server entry, so it must be JavaScript: it points at the server
// code as compiled by the app's `tsc` (npm run build:server) into dist/.
module.exports = require('../../dist/plugins/consultation/server/src/index.js').default;
