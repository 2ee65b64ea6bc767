/** The storefront's download weight against its JS budget: bench/results/bundle-storefront.json. */
import { reportBundleSize } from "@waybill/ui/bench/bundle-size";

reportBundleSize({
  app: "storefront",
  appDir: new URL("../", import.meta.url),
  bench: "bundle-storefront",
  // Issue 6: the customer's phone downloads all of this before the first page shows.
  jsBudgetGzipBytes: 250 * 1024,
});
