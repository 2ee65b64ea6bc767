/** The demo shop's catalog: what a new user sees on the storefront after `pnpm start`. */
export const DEMO_PRODUCTS = [
  {
    sku: "TEA-DARJ-250",
    name: "Darjeeling first flush tea, 250 g",
    description: "Spring-picked single-estate black tea with a bright muscatel finish.",
    priceCents: 64_900,
    weightGrams: 300,
  },
  {
    sku: "DIYA-BRASS-4",
    name: "Brass diya set of 4",
    description: "Hand-polished brass oil lamps, made in Moradabad.",
    priceCents: 1_29_900,
    weightGrams: 900,
  },
  {
    sku: "CUSH-BLOCK-IND",
    name: "Block-print cushion cover, indigo",
    description: "Hand block-printed cotton, 45 × 45 cm, from Bagru.",
    priceCents: 79_900,
    weightGrams: 250,
  },
  {
    sku: "CHAP-KOLH-08",
    name: "Kolhapuri chappals, size 8",
    description: "Vegetable-tanned leather sandals, hand-stitched.",
    priceCents: 1_49_900,
    weightGrams: 700,
  },
  {
    sku: "POT-TERRA-M",
    name: "Terracotta planter, medium",
    description: "Unglazed clay planter with drainage hole, 20 cm.",
    priceCents: 54_900,
    weightGrams: 1_800,
  },
  {
    sku: "SAREE-HANDLOOM",
    name: "Handloom cotton saree",
    description: "Six yards of soft Chanderi cotton with a zari border.",
    priceCents: 3_49_900,
    weightGrams: 600,
  },
] as const;

export const DEMO_ADDRESSES = [
  {
    name: "Asha Verma",
    phone: "9876543210",
    line1: "14 Residency Road",
    line2: "Near Richmond Circle",
    city: "Bengaluru",
    state: "Karnataka",
    postalCode: "560025",
  },
  {
    name: "Rahul Mehta",
    phone: "9820012345",
    line1: "7 Marine Drive",
    line2: null,
    city: "Mumbai",
    state: "Maharashtra",
    postalCode: "400020",
  },
  {
    name: "Priya Nair",
    phone: "9447001122",
    line1: "22 MG Road",
    line2: "Flat 3B",
    city: "Kochi",
    state: "Kerala",
    postalCode: "682016",
  },
] as const;
