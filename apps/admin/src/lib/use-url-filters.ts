import { useSearchParams } from "react-router";

/**
 * A page's filters kept in the URL (bookmarkable, back-button friendly): the current params, and a setter
 * that sets one filter, or removes it when given an empty value.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  function setFilter(name: string, value: string | null | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  }
  return { params, setFilter };
}
