// Strapi's admin panel is for system administrators; offer it in Chinese as well as English.
export default {
  config: {
    locales: ['zh-Hans'],
  },
  bootstrap() {},
};
