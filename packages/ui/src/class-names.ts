/** Joins the truthy class names; falsy entries let callers write `cond && "wb-x"` inline. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}
