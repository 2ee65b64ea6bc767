import { MAX_QUANTITY } from "../lib/cart";

export type QuantityStepperProps = {
  /** What is counted, for the buttons' names: "Brass diya set of 4". */
  label: string;
  value: number;
  /** Zero means "remove". */
  onChange: (value: number) => void;
};

/** − 2 + : one less, the count, one more. Going below one removes the line. */
export function QuantityStepper({ label, value, onChange }: QuantityStepperProps) {
  return (
    <div className="sf-stepper">
      <button
        type="button"
        className="sf-stepper__button"
        aria-label={value === 1 ? `Remove ${label}` : `One less ${label}`}
        onClick={() => onChange(value - 1)}
      >
        <span aria-hidden="true">−</span>
      </button>
      <output className="sf-stepper__value" aria-live="polite" aria-label={`Quantity of ${label}`}>
        {value}
      </output>
      <button
        type="button"
        className="sf-stepper__button"
        aria-label={`One more ${label}`}
        disabled={value >= MAX_QUANTITY}
        onClick={() => onChange(value + 1)}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}
