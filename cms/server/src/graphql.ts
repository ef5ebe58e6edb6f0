import type { Core } from '@strapi/strapi';
import type { ModelShape } from './domain/query-guard';
import { toHttpError } from './errors';
import { CMS } from './uids';
import type kitFactory from './services/kit';
import type viewerFactory from './services/viewer';
import { modelOf } from './utils';

type Row = Record<string, unknown>;
/** A GraphQL resolver's arguments, as the graphql plugin's middlewares receive them. */
type Resolve = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;

/**
 * GraphQL resolves relations with the query engine, not the Document Service, so a record
 * reached through a relation (a grid's members, a donation's donor) never passes the document
 * middleware. The kit is therefore applied here too, for every content type that declares it:
 * - personal fields are masked on the fields themselves, wherever the record is reached;
 * - a to-many relation's own filter and sort arguments are checked as queries through a
 *   relation (no personal data, values of the right type).
 */
export function registerGraphqlExtensions(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  extension.shadowCRUD(CMS.auditEntry).disableMutations();

  const kit = () => strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  const viewer = () =>
    (strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>).current();

  extension.use(({ strapi: s }: { strapi: Core.Strapi }) => {
    const { naming } = s.plugin('graphql').service('utils');
    const { transformArgs } = s.plugin('graphql').service('builders').utils;
    const typeName = (uid: string) => naming.getTypeName(modelOf(s, uid));

    const resolvers: Record<string, Record<string, unknown>> = {};
    for (const [uid, fields] of kit().personalTypes()) {
      // A type a plugin keeps out of GraphQL (cases: REST only) has no fields to mask here.
      if (extension.shadowCRUD(uid).isDisabled()) continue;
      const declaration = kit().declaration(uid);
      const type = (resolvers[typeName(uid)] ??= {});
      for (const field of fields) {
        const maskValue = declaration?.personal?.[field] as (v: string) => string;
        type[field] = async (parent: Row | null | undefined): Promise<unknown> => {
          const value = parent?.[field];
          if (typeof value !== 'string' || value === '') return value ?? null;
          const masked = kit().mask(uid, { ...parent }, await viewer()) as Row | null;
          return masked?.[field] === value ? value : maskValue(value);
        };
      }
    }

    // A relation's list arguments are a query through that relation.
    const throughRelation =
      (target: string) =>
      async (next: Resolve, parent: unknown, args: unknown, context: unknown, info: unknown) => {
        const v = await viewer();
        try {
          const params = transformArgs(args ?? {}, {
            contentType: modelOf(s, target),
            usePagination: true,
          });
          kit().guardRead(target, params, v, 1);
        } catch (error) {
          throw toHttpError(error);
        }
        return next(parent, args, context, info);
      };
    const resolversConfig: Record<string, unknown> = {};
    for (const [uid, model] of Object.entries(
      s.contentTypes as unknown as Record<string, ModelShape>,
    )) {
      if (!/^(plugin|api)::/.test(uid)) continue;
      for (const [name, attribute] of Object.entries(model.attributes)) {
        if (attribute.type !== 'relation' || !String(attribute.relation).endsWith('Many')) continue;
        // Every to-many relation but a morph one names its target; a morph one is passed on as it was.
        const config = { middlewares: [throughRelation(attribute.target as string)] };
        resolversConfig[`${typeName(uid)}.${name}`] = config;
        resolversConfig[`${typeName(uid)}.${name}_connection`] = config;
      }
    }
    return { resolvers, resolversConfig };
  });
}
