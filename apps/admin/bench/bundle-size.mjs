/** The admin app's download weight: bench/results/admin-bundle-size.json. */
import { reportBundleSize } from "@waybill/ui/bench/bundle-size";

reportBundleSize({
  app: "admin",
  appDir: new URL("../", import.meta.url),
  bench: "admin-bundle-size",
});
