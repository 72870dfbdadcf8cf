from {{package}}.report import recommend


def _versions(**cost_latency):
    return {n: {"serving_mflops_per_request": c, "latency_p95_ms": l} for n, (c, l) in cost_latency.items()}


def _ab(**arms):
    out = {"control": "base", "arms": {"base": {"ctr": 0.05}}}
    for name, (lift, p) in arms.items():
        out["arms"][name] = {"ctr_lift": lift, "ctr_p_value": p, "conversion_lift": lift}
    return out


def test_prefers_the_cheaper_version_when_its_lift_is_close():
    v = _versions(base=(1, 1), big=(40, 5), lite=(10, 2))
    rec = recommend(v, _ab(big=(0.30, 1e-9), lite=(0.27, 1e-8)), latency_budget_ms=50, alpha=0.05)
    assert rec["version"] == "lite"


def test_takes_the_bigger_lift_when_the_gap_is_large():
    v = _versions(base=(1, 1), big=(40, 5), lite=(10, 2))
    rec = recommend(v, _ab(big=(0.30, 1e-9), lite=(0.10, 1e-3)), latency_budget_ms=50, alpha=0.05)
    assert rec["version"] == "big"


def test_rejects_insignificant_or_too_slow_versions():
    v = _versions(base=(1, 1), big=(40, 80), lite=(10, 2))
    rec = recommend(v, _ab(big=(0.30, 1e-9), lite=(0.05, 0.4)), latency_budget_ms=50, alpha=0.05)
    assert rec["version"] == "base"
    assert set(rec["rejected"]) == {"big", "lite"}
