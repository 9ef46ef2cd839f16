interface PagerProps {
  /** Zero-based. */
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  previousLabel?: string;
  nextLabel?: string;
}

/** Previous / "Page n of m" / Next under an offset-paged table; nothing when one page holds all. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
  previousLabel = 'Previous',
  nextLabel = 'Next',
}: PagerProps) {
  if (total <= pageSize) return null;
  return (
    <div className="pager">
      <button
        type="button"
        className="button button-small"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        {previousLabel}
      </button>
      <span className="muted">
        Page {page + 1} of {Math.ceil(total / pageSize)}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={(page + 1) * pageSize >= total}
        onClick={() => onPage(page + 1)}
      >
        {nextLabel}
      </button>
    </div>
  );
}
