"""The trade-off report: turn metrics into a recommendation a stakeholder can act on."""
from __future__ import annotations

from pathlib import Path

PROJECT_TITLE = "{{name}}"


def recommend(versions: dict, ab: dict, latency_budget_ms: float, alpha: float, lift_tolerance: float = 0.2) -> dict:
    """Pick the version to ship.

    A treatment is eligible when its CTR lift over control is positive and significant at
    `alpha` and its p95 end-to-end latency fits the budget. Among eligible versions we take the
    cheapest one (serving compute per request) whose lift is within `lift_tolerance` (relative)
    of the best lift: a little less lift for much less compute is usually the better deal.
    """
    control = ab["control"]
    eligible, rejected = [], {}
    for name, arm in ab["arms"].items():
        if name == control:
            continue
        if not (arm["ctr_lift"] > 0 and arm["ctr_p_value"] < alpha):
            rejected[name] = f"CTR lift {arm['ctr_lift']:+.1%} not significant (p={arm['ctr_p_value']:.3f})"
        elif versions[name]["latency_p95_ms"] > latency_budget_ms:
            rejected[name] = f"p95 latency {versions[name]['latency_p95_ms']:.1f} ms over the {latency_budget_ms:.0f} ms budget"
        else:
            eligible.append(name)
    if not eligible:
        return {"version": control, "reason": "no treatment is both significantly better and within the latency budget",
                "rejected": rejected}
    best_lift = max(ab["arms"][n]["ctr_lift"] for n in eligible)
    good_enough = [n for n in eligible if ab["arms"][n]["ctr_lift"] >= (1.0 - lift_tolerance) * best_lift]
    choice = min(good_enough, key=lambda n: versions[n]["serving_mflops_per_request"])
    arm = ab["arms"][choice]
    reason = (f"CTR {arm['ctr_lift']:+.1%} (p={arm['ctr_p_value']:.3g}), conversion {arm['conversion_lift']:+.1%} "
              f"vs {control}; p95 {versions[choice]['latency_p95_ms']:.1f} ms within {latency_budget_ms:.0f} ms; "
              f"cheapest version within {lift_tolerance:.0%} of the best lift")
    return {"version": choice, "reason": reason, "rejected": rejected}


def _fmt(x, spec=".4f") -> str:
    return "n/a" if x is None else format(x, spec)


def _approximate_line(a: dict) -> str:
    if a.get("status") != "implemented":
        return f"- Approximate index: {a.get('status', 'not measured')}."
    return (f"- Approximate index (`{a['backend']}`): recall@{a['k']} against exact search {a['recall_vs_exact']:.3f}, "
            f"p50 {a['p50_ms']:.2f} ms per query against {a['exact_p50_ms']:.2f} ms exact.")


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def write_report(path: Path, metrics: dict) -> Path:
    v, ab, rec = metrics["versions"], metrics["ab_test"], metrics["recommendation"]
    k = metrics["k"]
    lines = [
        f"# Trade-off report: {PROJECT_TITLE}",
        "",
        f"Mode `{metrics['mode']}`, seed {metrics['seed']}: {metrics['data']['users']} users, "
        f"{metrics['data']['items']} items, {metrics['data']['interactions']} interactions. Retrieval backend "
        f"`{metrics['retrieval']['backend']}`, {metrics['retrieval']['candidates_per_user']} candidates per user "
        f"(recall of the held-out item in the candidates: {metrics['retrieval']['recall_at_candidates']:.3f}).",
        "",
        f"Data: `{metrics.get('data_source')}` ({'smoke' if metrics.get('smoke') else 'full'} configuration); "
        f"models: `{metrics.get('model_source')}`. Exercises still on their fallback: "
        + (", ".join(f"`{n}`" for n, st in metrics.get("implementations", {}).items() if st != "implemented") or "none")
        + ".",
        "",
        "## Offline metrics (each user's first interaction after the test cut-off)",
        "",
        f"Split: {metrics['data']['split']}. Offline metrics: {metrics['offline_metrics']}.",
        "",
        _row(["version", f"NDCG@{k}", f"recall@{k}", f"coverage@{k}", "candidates"]),
        _row(["---"] * 5),
    ]
    for name, m in v.items():
        lines.append(_row([name, _fmt(m["ndcg_at_k"]), _fmt(m["recall_at_k"]), f"{m['coverage_at_k']:.3f}",
                           m.get("candidates", "-")]))
    lines += [
        "",
        f"## Online metrics (simulated A/B test, {ab['visits_per_arm']} visits per arm, control `{ab['control']}`)",
        "",
        f"Significance: {ab['significance']}.",
        "",
        _row(["arm", "CTR", "CTR lift (95% CI)", "p", "conversion", "conversion lift", "revenue/visit"]),
        _row(["---"] * 7),
    ]
    for name, arm in ab["arms"].items():
        if name == ab["control"]:
            lines.append(_row([name, f"{arm['ctr']:.4f}", "control", "-", f"{arm['conversion_rate']:.4f}", "control",
                               f"{arm['revenue_per_visit']:.2f}"]))
        else:
            lo, hi = arm["ctr_lift_ci95"]
            lines.append(_row([name, f"{arm['ctr']:.4f}", f"{arm['ctr_lift']:+.1%} ({lo:+.1%}, {hi:+.1%})",
                               f"{arm['ctr_p_value']:.3g}", f"{arm['conversion_rate']:.4f}",
                               f"{arm['conversion_lift']:+.1%}", f"{arm['revenue_per_visit']:.2f}"]))
    lines += [
        "",
        "## Cost and latency",
        "",
        _row(["version", "training compute (s, this machine)", "serving MFLOPs/request", "p50 ms", "p95 ms"]),
        _row(["---"] * 5),
    ]
    for name, m in v.items():
        lines.append(_row([name, f"{m['train_seconds']:.1f}", f"{m['serving_mflops_per_request']:.2f}",
                           f"{m['latency_p50_ms']:.2f}", f"{m['latency_p95_ms']:.2f}"]))
    lines += [
        "",
        "## Recommendation",
        "",
        f"Ship **{rec['version']}**: {rec['reason']}.",
        "",
    ]
    for name, why in rec.get("rejected", {}).items():
        lines.append(f"- Not `{name}`: {why}.")
    lines += [
        "",
        "## Caveats",
        "",
        "- The users are simulated: the click model decides what \"better\" means. Check that the",
        "  offline ranking (NDCG) and the online ranking (CTR) of the versions agree before trusting either.",
        "- Latency was measured one request at a time on this machine's CPU; production numbers",
        "  depend on batching, hardware and the index type (an approximate index trades recall for speed).",
        _approximate_line(metrics["retrieval"].get("approximate", {})),
        f"- Real-time signals: shuffling the session signal costs the ranker "
        f"{metrics['ranking']['realtime_signal_importance']:.4f} {metrics['ranking']['realtime_signal_metric']} "
        f"(k={k}).",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
