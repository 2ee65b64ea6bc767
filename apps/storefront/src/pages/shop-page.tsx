import { Button, buttonClass, EmptyState, formatMoney, useShopLocale } from "@waybill/ui";
import { PageLoading, trpc } from "@waybill/ui/client";
import type { CSSProperties } from "react";
import { Link } from "react-router";
import { LoadProblem } from "../components/load-problem";
import { QuantityStepper } from "../components/quantity-stepper";
import type { Product } from "../lib/api-types";
import { useCart } from "../lib/cart";

/** The catalog: add things to the cart, then check out. */
export function ShopPage() {
  const products = trpc.catalog.products.useQuery();
  const cart = useCart();
  const shop = useShopLocale();
  const subtotal =
    products.data?.reduce(
      (sum, product) => sum + product.priceCents * cart.quantityOf(product.id),
      0,
    ) ?? 0;

  return (
    <>
      <title>Shop · Waybill</title>
      <div className="wb-page-header">
        <div>
          <h1 className="wb-page-title">Shop</h1>
          <p className="wb-page-subtitle">
            Small-batch goods from across India, tracked to your door.
          </p>
        </div>
      </div>
      {products.isPending ? (
        <PageLoading label="Loading the catalog…" />
      ) : products.isError ? (
        <LoadProblem
          title="We couldn't load the catalog"
          error={products.error}
          retry={() => void products.refetch()}
        />
      ) : products.data.length === 0 ? (
        <EmptyState
          title="Nothing for sale right now"
          description="The shop has no products at the moment. Please come back soon."
        />
      ) : (
        <>
          <ul className="sf-products">
            {products.data.map((product) => (
              <li key={product.id}>
                <ProductCard product={product} />
              </li>
            ))}
          </ul>
          {cart.count > 0 && (
            <section className="sf-cart-bar" aria-label="Cart">
              <p>
                <strong>
                  {cart.count} {cart.count === 1 ? "item" : "items"}
                </strong>{" "}
                · {formatMoney(subtotal, shop)}
              </p>
              <Link to="/checkout" className={buttonClass({ variant: "primary" })}>
                Go to checkout
              </Link>
            </section>
          )}
        </>
      )}
    </>
  );
}

/** A stable hue per product, so the placeholder tiles tell products apart without images. */
function hueOf(sku: string): number {
  let hash = 0;
  for (const char of sku) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

function ProductCard({ product }: { product: Product }) {
  const cart = useCart();
  const shop = useShopLocale();
  const quantity = cart.quantityOf(product.id);
  return (
    <article className="sf-product" aria-labelledby={`product-${product.id}`}>
      <div
        className="sf-product__art"
        aria-hidden="true"
        style={{ "--sf-hue": hueOf(product.sku) } as CSSProperties}
      >
        {product.name.charAt(0)}
      </div>
      <div className="sf-product__body">
        <h2 className="sf-product__name" id={`product-${product.id}`}>
          {product.name}
        </h2>
        <p className="sf-product__description">{product.description}</p>
        <div className="sf-product__buy">
          <span className="sf-product__price">
            {formatMoney(product.priceCents, shop, product.currency)}
          </span>
          {quantity === 0 ? (
            <Button variant="primary" size="sm" onClick={() => cart.add(product.id)}>
              Add to cart
            </Button>
          ) : (
            <QuantityStepper
              label={product.name}
              value={quantity}
              onChange={(next) => cart.setQuantity(product.id, next)}
            />
          )}
        </div>
      </div>
    </article>
  );
}
