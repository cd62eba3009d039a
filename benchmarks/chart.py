"""The PNG bar chart of run.py's ratios (issue 5): one bar per row with a ratio, a line at 1.0
and each row's target marked. Needs matplotlib (benchmarks/requirements.txt, installed by
`mvn -Pbench`); without it run.py only prints a note, since people also run it by hand.
"""

MET, MISSED, NO_TARGET = "tab:green", "tab:red", "tab:gray"


def write_png(rows, path):
    """Writes the chart to path; False (and nothing written) when matplotlib is missing."""
    try:
        import matplotlib
    except ImportError:
        return False
    matplotlib.use("Agg")  # no display: a file only
    import matplotlib.pyplot as plt
    from matplotlib import ticker, transforms

    rows = [r for r in rows if r["ratio"] is not None]
    names = [r["benchmark"] for r in rows]
    ratios = [r["ratio"] for r in rows]
    colours = [NO_TARGET if not r["target"] else MET if r["ratio"] <= r["target"] else MISSED
               for r in rows]
    fig, ax = plt.subplots(figsize=(11, 0.42 * len(rows) + 1.6))
    ax.barh(names, ratios, color=colours)
    ax.set_xscale("log")  # ratios run from ~0.5x to ~15x
    ax.set_xlim(min(ratios + [1.0]) * 0.8, max(ratios + [r["target"] or 1.0 for r in rows]) * 1.25)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: f"{x:g}x"))
    ax.xaxis.set_minor_formatter(ticker.NullFormatter())
    low, high = ax.get_xlim()
    ax.set_xticks([t for t in (0.25, 0.5, 1, 1.2, 1.5, 2, 5, 10, 20, 50) if low < t < high])
    ax.axvline(1.0, color="k", linewidth=1)
    # the figures go in a column right of the plot, clear of bars and target marks
    beside = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    for y, r in enumerate(rows):
        if r["target"]:
            ax.plot(r["target"], y, marker="|", markersize=16, markeredgewidth=2, color="k")
        target = f"  (target <={r['target']}x)" if r["target"] else ""
        ax.text(1.01, y, f"{r['ratio']:.2f}x{target}", transform=beside, va="center", fontsize=8)
    ax.plot([], [], marker="|", linestyle="none", color="k", markersize=10,
            label="target: the bar must end at or left of it")
    ax.set_xlabel("jthreading / reference, ratio of medians (log scale; 1.0 = as fast)")
    ax.set_title("jthreading benchmarks: green met, red missed, grey no target")
    ax.invert_yaxis()
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100, bbox_inches="tight")  # keeps the ratio column right of the axes
    plt.close(fig)
    return True
