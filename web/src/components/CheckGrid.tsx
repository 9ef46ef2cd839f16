interface CheckGridProps<T extends string> {
  /** In the order shown (a generated enum array). */
  options: readonly T[];
  /** One line under each option's name. */
  help: Record<T, string>;
  chosen: readonly T[];
  onToggle: (option: T) => void;
}

/** Checkboxes in two columns, each an enum value with a line saying what it means (scopes, events). */
export function CheckGrid<T extends string>({ options, help, chosen, onToggle }: CheckGridProps<T>) {
  return (
    <div className="scope-grid">
      {options.map((option) => (
        <label key={option} className="check-option">
          <input type="checkbox" checked={chosen.includes(option)} onChange={() => onToggle(option)} />
          <span>
            <code>{option}</code>
            <span className="field-hint">{help[option]}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
