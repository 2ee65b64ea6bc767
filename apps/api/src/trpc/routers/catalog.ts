import { schema } from "@waybill/db";
import { asc, eq } from "drizzle-orm";
import { publicProcedure, router } from "../init";

export const catalogRouter = router({
  /** The shop's active products, for the storefront's catalog and checkout. */
  products: publicProcedure.query(({ ctx }) =>
    ctx.deps.db
      .select({
        id: schema.products.id,
        sku: schema.products.sku,
        name: schema.products.name,
        description: schema.products.description,
        priceCents: schema.products.priceCents,
        currency: schema.products.currency,
      })
      .from(schema.products)
      .where(eq(schema.products.active, true))
      .orderBy(asc(schema.products.name))
      .all(),
  ),
});
