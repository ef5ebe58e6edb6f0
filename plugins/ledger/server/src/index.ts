import controllers from './controllers';
import routes from './routes';
import services from './services';

/**
 * The ledger: one double-entry engine for money (fen) and time (minutes). No content types and
 * no UI of its own: its tables are made by database/migrations, its callers are other plugins
 * (through `strapi.plugin('ledger').service('ledger')`) and trusted HTTP clients.
 */
export default {
  register() {},
  bootstrap() {},
  controllers,
  routes,
  services,
};
