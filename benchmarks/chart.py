"""The PNG bar charts of run.py's ratios (issues 5 and 12): one bar per row with a ratio, a line
at 1.0 and each row's target marked; latest.png has every row (a tall figure, the sections
separated by a rule and labelled), latest-<section>.png one section each. Needs matplotlib (benchmarks/requirements.txt, installed by
`mvn -Pbench`); without it run.py only prints a note, since people also run it by hand.
"""

MET, MISSED, NO_TARGET = "tab:green", "tab:red", "tab:gray"


def write_pngs(rows, out_dir, sections):
    """latest.png and latest-<section>.png in out_dir: the paths written, or None when matplotlib
    is missing."""
    import os

    paths = []
    plotted = [r for r in rows if r["ratio"] is not None and r["ratio"] > 0]  # log scale
    if not plotted:
        return paths
    path = os.path.join(out_dir, "latest.png")
    if not write_png(plotted, path, "all sections"):
        return None
    paths.append(path)
    for section in sections:
        mine = [r for r in plotted if r["section"] == section]
        if mine:
            path = os.path.join(out_dir, f"latest-{section.replace(' ', '-')}.png")
            write_png(mine, path, section)
            paths.append(path)
    return paths


def write_png(rows, path, title="all sections"):
    """Writes the chart to path; False (and nothing written) when matplotlib is missing."""
    try:
        import matplotlib
    except ImportError:
        return False
    matplotlib.use("Agg")  # no display: a file only
    import matplotlib.pyplot as plt
    from matplotlib import ticker, transforms

    names = [r["benchmark"] for r in rows]
    ratios = [r["ratio"] for r in rows]
    colours = [NO_TARGET if not r["target"] else MET if r["ratio"] <= r["target"] else MISSED
               for r in rows]
    fig, ax = plt.subplots(figsize=(11, (0.42 if len(rows) < 30 else 0.3) * len(rows) + 1.6))
    ax.barh(names, ratios, color=colours)
    ax.set_xscale("log")  # ratios run from ~0.5x to ~15x
    ax.set_xlim(min(ratios + [1.0]) * 0.8, max(ratios + [r["target"] or 1.0 for r in rows]) * 1.25)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: f"{x:g}x"))
    ax.xaxis.set_minor_formatter(ticker.NullFormatter())
    low, high = ax.get_xlim()
    ticks = (0.25, 0.5, 1, 1.2, 1.5, 2, 4, 10, 20, 50) if high / low < 40 else (
        0.05, 0.1, 0.25, 0.5, 1, 2, 4, 10, 20, 50, 100, 200, 500)  # wide: no 1.2, 1.5 crowding
    ax.set_xticks([t for t in ticks if low < t < high])
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
    ax.set_title(f"jthreading benchmarks, {title}: green met, red missed, grey no target")
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    for y, r in enumerate(rows):  # a rule and the section's name where a section starts
        if y > 0 and r.get("section") != rows[y - 1].get("section"):
            ax.axhline(y - 0.5, color="0.6", linewidth=0.8)
        if len({row.get("section") for row in rows}) > 1 and (y == 0 or r.get("section") != rows[y - 1].get("section")):
            ax.text(0.99, y - 0.45, r.get("section", ""), transform=beside_right(ax), ha="right",
                    va="top", fontsize=8, style="italic", color="0.35")
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.6 / len(rows) - 0.04), fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100, bbox_inches="tight")  # keeps the ratio column right of the axes
    plt.close(fig)
    return True


def beside_right(ax):
    from matplotlib import transforms

    return transforms.blended_transform_factory(ax.transAxes, ax.transData)
